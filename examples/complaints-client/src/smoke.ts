/**
 * `pnpm smoke`: a complaint's whole life against the DIGIT named by the environment. Exits 0 when it closes, 1 otherwise.
 *
 *   DIGIT_URL=https://unified-dev.digit.org DIGIT_TENANT=pg PGR_CITY=pg.citya \
 *   PGR_CITIZEN_MOBILE=9876543210 PGR_CITIZEN_PASSWORD=... \
 *   PGR_GRO_USERNAME=GRO_CITYA PGR_GRO_PASSWORD=... PGR_LME_USERNAME=LME_LIGHTS PGR_LME_PASSWORD=... \
 *   PGR_SERVICE_CODE=StreetLightNotWorking PGR_LOCALITY=SUN04 pnpm smoke
 *
 * Optional: PGR_ACTIONS=FILE,ASSIGN,FIX,CONFIRM (the business service's action names, in that order),
 * PGR_REGISTER_CITIZEN=true (register the citizen first; the mock takes any OTP reference, a real DIGIT does not).
 */
import { fileURLToPath } from "node:url";
import { runComplaintLifecycle, type LifecycleOptions, type PgrActions } from "./lifecycle.js";

export function optionsFromEnv(env: Record<string, string | undefined>): LifecycleOptions {
  const missing: string[] = [];
  const need = (name: string): string => {
    const value = env[name];
    if (!value) missing.push(name);
    return value ?? "";
  };
  const state = need("DIGIT_TENANT");
  const options: LifecycleOptions = {
    baseUrl: need("DIGIT_URL"),
    stateTenant: state,
    city: env["PGR_CITY"] ?? `${state}.citya`,
    citizen: { username: need("PGR_CITIZEN_MOBILE"), password: need("PGR_CITIZEN_PASSWORD"), register: env["PGR_REGISTER_CITIZEN"] === "true" },
    gro: { username: need("PGR_GRO_USERNAME"), password: need("PGR_GRO_PASSWORD") },
    lme: { username: need("PGR_LME_USERNAME"), password: need("PGR_LME_PASSWORD") },
    serviceCode: need("PGR_SERVICE_CODE"),
    locality: need("PGR_LOCALITY"),
  };
  if (missing.length > 0) throw new Error(`set ${missing.join(", ")}`);
  if (env["PGR_ACTIONS"]) {
    const [file, assign, resolve, rate] = env["PGR_ACTIONS"].split(",").map((a) => a.trim());
    if (!file || !assign || !resolve || !rate) throw new Error("PGR_ACTIONS needs four names: file,assign,resolve,rate");
    options.actions = { file, assign, resolve, rate } satisfies PgrActions;
  }
  return options;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    const started = Date.now();
    const result = await runComplaintLifecycle({ ...optionsFromEnv(process.env), log: (line) => console.log(`✓ ${line}`) });
    console.log(`complaint ${result.serviceRequestId} closed with rating ${result.rating} in ${Date.now() - started} ms`);
  } catch (e) {
    console.error(`✗ ${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = 1;
  }
}
