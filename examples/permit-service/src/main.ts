/**
 * `pnpm start`: the permit service against a DIGIT (the standalone mock or a real environment).
 *
 *   DIGIT_URL=http://127.0.0.1:8080 DIGIT_TENANT=pg PERMIT_SVC_USERNAME=PERMIT_SVC PERMIT_SVC_PASSWORD=... pnpm start
 */
import { createPermitService } from "./service.js";
import { startPermitServer } from "./server.js";

const env = (name: string, fallback?: string): string => {
  const value = process.env[name] ?? fallback;
  if (value === undefined || value === "") {
    console.error(`permit-service: set ${name}`);
    process.exit(1);
  }
  return value;
};

const service = createPermitService({
  digitUrl: env("DIGIT_URL", "http://127.0.0.1:8080"),
  stateTenant: env("DIGIT_TENANT", "pg"),
  serviceAccount: { username: env("PERMIT_SVC_USERNAME", "PERMIT_SVC"), password: env("PERMIT_SVC_PASSWORD") },
});
const running = await startPermitServer(service, { port: Number(process.env["PORT"] ?? 8090), host: process.env["HOST"] ?? "127.0.0.1" });
console.log(`permit-service listening on ${running.url} (DIGIT at ${env("DIGIT_URL", "http://127.0.0.1:8080")})`);
const stop = () => void running.close().then(() => process.exit(0));
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
