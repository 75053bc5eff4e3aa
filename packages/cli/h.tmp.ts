import { runDigit } from "/work/main/packages/cli/src/run.js";
const r = await runDigit(process.argv.slice(2));
process.stdout.write(r.stdout); process.stderr.write(r.stderr); console.log("exit", r.exitCode);
