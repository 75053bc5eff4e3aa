/** A permit service wired to the in-process DIGIT mock seeded with this example's bundle: no network at all. */
import { fileURLToPath } from "node:url";
import { createDigitClient, type DigitClient } from "@digit-kit/sdk";
import { createDigitMock, loadSeed } from "@digit-kit/mock-server";
import { createPermitService } from "../src/service.js";

export const DIGIT = "http://digit.test";
export const CITY = "pg.citya";
export const PASSWORDS = { PERMIT_SVC_PASSWORD: "Svc@Permit1", PERMIT_OFFICER_PASSWORD: "Officer@123" };
export const BUNDLE = fileURLToPath(new URL("../bundle", import.meta.url));

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

export async function setup() {
  const mock = createDigitMock({ seed: await loadSeed(BUNDLE, { env: PASSWORDS }) });
  const service = createPermitService({
    digitUrl: DIGIT,
    stateTenant: "pg",
    serviceAccount: { username: "PERMIT_SVC", password: PASSWORDS.PERMIT_SVC_PASSWORD },
    fetch: mock.fetch,
  });
  const client = () => createDigitClient({ baseUrl: DIGIT, tenantId: "pg", fetch: mock.fetch, retry: false });

  /** A citizen registers the DIGIT way (egov-user citizen/_create) and logs in. */
  const citizen = async (mobileNumber: string, name: string): Promise<DigitClient> => {
    const digit = client();
    await digit.user.createCitizen({
      user: { name, mobileNumber, userName: mobileNumber, type: "CITIZEN", tenantId: "pg", password: "Citizen@12", otpReference: "123456" },
    } as Json);
    await digit.auth.login({ username: mobileNumber, password: "Citizen@12", userType: "CITIZEN", tenantId: "pg" });
    return digit;
  };
  const officer = async (): Promise<DigitClient> => {
    const digit = client();
    await digit.auth.login({ username: "PERMIT_OFFICER", password: PASSWORDS.PERMIT_OFFICER_PASSWORD, userType: "EMPLOYEE", tenantId: "pg" });
    return digit;
  };

  /** Calls the permit service's HTTP API as `as` (or anonymously). */
  const call = async (path: string, as: DigitClient | null, payload: Json = {}, method = "POST"): Promise<{ status: number; body: Json }> => {
    const RequestInfo = as ? { apiId: "permit-ui", authToken: await as.auth.getToken() } : { apiId: "permit-ui" };
    const response = await service.fetch(
      new Request(`http://permit.test${path}`, {
        method,
        headers: { "content-type": "application/json" },
        ...(method === "POST" ? { body: JSON.stringify({ RequestInfo, ...payload }) } : {}),
      }),
    );
    return { status: response.status, body: await response.json() };
  };
  const codes = (r: { body: Json }): string[] => (r.body.Errors ?? []).map((e: Json) => e.code);

  return { mock, service, client, citizen, officer, call, codes };
}
