/**
 * `pnpm e2e`: the permit service and DIGIT as separate HTTP servers, the way they meet on a cluster.
 *
 * 1. The standalone DIGIT mock (`createMockServer`, what the `digit-mock` bin runs) on a free port, seeded with
 *    ./bundle. The service and the "browser" reach it only through its public door, the gateway: tokens, RBAC
 *    and `userInfo` replaced by the token's user, as DIGIT's gateway does.
 * 2. The permit service on another free port (src/server.ts, node:http), logging in as PERMIT_SVC.
 * 3. A citizen's and an officer's journey over HTTP: register, log in, apply, pay online through the payment
 *    gateway's page, let the service record the payment, approve, download the certificate.
 *
 * Exits 0 when every step holds, 1 otherwise. `DIGIT_URL` set: skip 1 and use that DIGIT instead (it must have
 * the bundle applied, `PERMIT_SVC_PASSWORD` and `PERMIT_OFFICER_PASSWORD` set).
 */
import { fileURLToPath } from "node:url";
import { createDigitClient } from "@digit-kit/sdk";
import { createMockServer, loadSeed } from "@digit-kit/mock-server";
import { createPermitService } from "../src/service.js";
import { startPermitServer } from "../src/server.js";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

const passwords = {
  PERMIT_SVC_PASSWORD: process.env["PERMIT_SVC_PASSWORD"] ?? "Svc@Permit1",
  PERMIT_OFFICER_PASSWORD: process.env["PERMIT_OFFICER_PASSWORD"] ?? "Officer@123",
};
const CITY = process.env["PERMIT_CITY"] ?? "pg.citya";
const STATE = CITY.split(".")[0]!;

function check(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(`e2e: ${message}`);
}
const step = (text: string) => console.log(`✓ ${text}`);

const mock = process.env["DIGIT_URL"]
  ? undefined
  : await createMockServer({
      port: 0,
      seed: await loadSeed(fileURLToPath(new URL("../bundle", import.meta.url)), { env: passwords }),
      // Where a real DIGIT would answer differently (the mock goes on and says so): worth reading before you deploy.
      onWarning: (w) => console.log(`  mock warning: ${w.operationId}: ${w.message}`),
    });
const digitUrl = process.env["DIGIT_URL"] ?? mock!.url;
console.log(`DIGIT at ${digitUrl}${mock ? " (standalone mock, seeded with ./bundle)" : ""}`);

const service = createPermitService({ digitUrl, stateTenant: STATE, serviceAccount: { username: "PERMIT_SVC", password: passwords.PERMIT_SVC_PASSWORD } });
const permits = await startPermitServer(service, { port: 0 });
console.log(`permit-service at ${permits.url}`);

async function post(path: string, token: string | null | undefined, payload: Json): Promise<{ status: number; body: Json }> {
  const response = await fetch(`${permits.url}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ RequestInfo: { apiId: "permit-e2e", ...(token ? { authToken: token } : {}) }, ...payload }),
  });
  return { status: response.status, body: await response.json() };
}

let failed = false;
try {
  const types = await (await fetch(`${permits.url}/permit-service/v1/types?tenantId=${CITY}`)).json();
  check(types.PermitTypes.some((t: Json) => t.code === "SHOP_SIGNBOARD" && t.fee === 500), "permit types from MDMS");
  step(`permit types: ${types.PermitTypes.map((t: Json) => `${t.name} (${t.fee})`).join(", ")}`);

  const mobile = `98${String(Date.now()).slice(-8)}`;
  const citizen = createDigitClient({ baseUrl: digitUrl, tenantId: STATE, retry: false });
  await citizen.user.createCitizen({ user: { name: "Asha Rao", mobileNumber: mobile, userName: mobile, type: "CITIZEN", tenantId: STATE, password: "Citizen@12", otpReference: "123456" } } as Json);
  await citizen.auth.login({ username: mobile, password: "Citizen@12", userType: "CITIZEN", tenantId: STATE });
  const citizenToken = await citizen.auth.getToken();
  step(`citizen ${mobile} registered and logged in`);

  const refused = await post("/permit-service/v1/_create", null, { Permit: { tenantId: CITY, permitType: "SHOP_SIGNBOARD", address: { locality: "SUN04" } } });
  check(refused.status === 401, `no token: expected 401, got ${refused.status}`);
  step("no token: 401");

  const filed = await post("/permit-service/v1/_create", citizenToken, { Permit: { tenantId: CITY, permitType: "SHOP_SIGNBOARD", address: { locality: "SUN04" } } });
  check(filed.status === 201, `apply: ${JSON.stringify(filed.body)}`);
  const { applicationNumber } = filed.body.Permits[0];
  check(filed.body.Permits[0].status === "PENDING_PAYMENT", "apply: PENDING_PAYMENT");
  step(`applied: ${applicationNumber}, fee ${filed.body.Permits[0].fee}, ${filed.body.Permits[0].status}`);

  const bill = (await citizen.billing.fetchBill({}, { query: { tenantId: CITY, businessService: "PERMIT", consumerCode: [applicationNumber] } })).Bill![0]!;
  const { Transaction } = await citizen.pg.createTransaction({
    Transaction: {
      tenantId: CITY,
      txnAmount: String(bill.totalAmount),
      billId: bill.id!,
      consumerCode: applicationNumber,
      productInfo: "Permit fee",
      gateway: "PAYU",
      callbackUrl: `${permits.url}/payment/callback`,
      taxAndPayments: [{ billId: bill.id!, amountPaid: bill.totalAmount! }],
      user: { name: "Asha Rao", mobileNumber: mobile, tenantId: CITY },
    },
  });
  // The browser: the gateway page, its Success link, then the redirect to the callback URL.
  const page = await (await fetch(new URL(Transaction!.redirectUrl!, digitUrl))).text();
  const success = /href="([^"]+)">Success</.exec(page)?.[1]?.replace(/&amp;/g, "&");
  check(success, "the gateway page has a Success link");
  const back = await fetch(new URL(success, digitUrl), { redirect: "manual" });
  const callback = new URL(back.headers.get("location") ?? "");
  const settled = await citizen.pg.updateTransaction({}, { query: Object.fromEntries(callback.searchParams) });
  check(settled.Transaction?.[0]?.txnStatus === "SUCCESS", "transaction settled");
  step(`paid ${bill.totalAmount} online: ${Transaction!.txnId} SUCCESS`);

  const paid = await post("/permit-service/v1/_update", citizenToken, { Permit: { tenantId: CITY, applicationNumber }, Workflow: { action: "PAY" } });
  check(paid.status === 200 && paid.body.Permits[0].status === "PENDING_APPROVAL", `pay: ${JSON.stringify(paid.body)}`);
  step(`payment recorded (receipt ${paid.body.Permits[0].receiptNumber}): PENDING_APPROVAL`);

  const selfApprove = await post("/permit-service/v1/_update", citizenToken, { Permit: { tenantId: CITY, applicationNumber }, Workflow: { action: "APPROVE" } });
  check(selfApprove.status === 400, "a citizen cannot approve");
  step(`citizen approving: ${selfApprove.status} ${selfApprove.body.Errors[0].code}`);

  const officer = createDigitClient({ baseUrl: digitUrl, tenantId: STATE, retry: false });
  await officer.auth.login({ username: "PERMIT_OFFICER", password: passwords.PERMIT_OFFICER_PASSWORD, userType: "EMPLOYEE", tenantId: STATE });
  const approved = await post("/permit-service/v1/_update", await officer.auth.getToken(), { Permit: { tenantId: CITY, applicationNumber }, Workflow: { action: "APPROVE", comment: "OK" } });
  check(approved.status === 200 && approved.body.Permits[0].status === "APPROVED", `approve: ${JSON.stringify(approved.body)}`);
  const certificate = (await citizen.filestore.download({ query: { tenantId: CITY, fileStoreId: approved.body.Permits[0].certificateFileStoreId } })) as Blob;
  check((await certificate.text()).includes(applicationNumber), "the certificate names the application");
  step(`approved; certificate ${approved.body.Permits[0].certificateFileStoreId} downloaded from filestore`);
} catch (e) {
  failed = true;
  console.error(e instanceof Error ? e.message : e);
} finally {
  await permits.close();
  await mock?.close();
}
console.log(failed ? "e2e: FAILED" : "e2e: passed");
process.exitCode = failed ? 1 : 0;
