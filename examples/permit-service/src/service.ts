/**
 * The permit service: a citizen applies for a permit (a shop signboard, street vending, an event stage), pays the
 * fee, and a permit officer approves or rejects it. Everything DIGIT already does is asked of DIGIT through the SDK:
 *
 * | need                         | DIGIT service (SDK call)                                          | as whom           |
 * |------------------------------|-------------------------------------------------------------------|-------------------|
 * | who is calling               | egov-user `_details` (`user.details`)                             | the caller's token |
 * | permit types and fees        | MDMS v2 `permit.PermitType` (`mdms.search`)                       | service account   |
 * | type names per language      | localization, module `permit` (`localization.search`)            | service account   |
 * | application numbers          | egov-idgen `permit.applicationnumber` (`idgen.generate`)          | service account   |
 * | the application's state      | egov-workflow-v2, business service `PERMIT` (`workflow.transition`) | caller; PAY: service |
 * | the fee                      | billing-service demand, business service `PERMIT` (`billing.createDemand`) | service account |
 * | was it paid                  | billing demand + collection payments (`billing.searchDemands`, `collection.searchModulePayments`) | service account |
 * | documents and the certificate | egov-filestore (`filestore.getMetadata`, `filestore.upload`)     | service account   |
 *
 * The service keeps only its own record (the application) in memory; a real one would use a database.
 * Its HTTP API speaks DIGIT's envelope: `{RequestInfo: {authToken}, Permit, Workflow}` in, `{ResponseInfo,
 * Permits}` or `{ResponseInfo: null, Errors: [{code, message}]}` out.
 */
import { randomUUID } from "node:crypto";
import { createDigitClient, DigitApiError, DigitAuthError, stateTenantOf, type DigitClient } from "@digit-kit/sdk";

export const BUSINESS_SERVICE = "PERMIT";
export const ID_NAME = "permit.applicationnumber";
export const PERMIT_TYPE_SCHEMA = "permit.PermitType";
export const FEE_TAX_HEAD = "PERMIT_FEE";
export const LOCALIZATION_MODULE = "permit";

export interface PermitServiceOptions {
  /** DIGIT's gateway, e.g. https://unified-dev.digit.org or the mock's URL. */
  digitUrl: string;
  /** The state tenant the service account belongs to (`pg`). */
  stateTenant: string;
  /** The service's own DIGIT account (roles PERMIT_SYSTEM and EMPLOYEE in the bundle). */
  serviceAccount: { username: string; password: string };
  /** A fetch to reach DIGIT (tests inject the in-process mock's). */
  fetch?: typeof fetch;
  now?: () => number;
}

export interface PermitType {
  code: string;
  name: string;
  fee: number;
  validityDays: number;
  documentRequired: boolean;
}

export interface Permit {
  id: string;
  tenantId: string;
  applicationNumber: string;
  permitType: string;
  status: string;
  fee: number;
  accountId: string;
  applicant: { name: string | null; mobileNumber: string | null };
  address: { locality: string; street?: string };
  description?: string;
  documents: { documentType: string; fileStoreId: string }[];
  demandId: string;
  receiptNumber: string | null;
  certificateFileStoreId: string | null;
  validFrom: number | null;
  validTo: number | null;
  auditDetails: { createdBy: string; createdTime: number; lastModifiedBy: string; lastModifiedTime: number };
}

interface Caller {
  uuid: string;
  userName: string;
  name: string | null;
  mobileNumber: string | null;
  type: string;
  roles: { code: string; tenantId?: string | null }[];
  token: string;
}

/** An error the service answers with: HTTP status and DIGIT-style codes. */
export class PermitError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

type Json = Record<string, unknown>;

const isRecord = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === "string" && v.trim() !== "" ? v : undefined);

export interface PermitService {
  /** The service's HTTP API as a web-standard handler (node:http adapter in server.ts). */
  fetch(request: Request): Promise<Response>;
  /** Permit types with names in `locale`. */
  permitTypes(tenantId: string, locale?: string): Promise<PermitType[]>;
}

export function createPermitService(options: PermitServiceOptions): PermitService {
  const now = options.now ?? Date.now;
  const base = { baseUrl: options.digitUrl, ...(options.fetch ? { fetch: options.fetch } : {}) };
  // The service account logs in on its first call and again when its token runs out.
  const system: DigitClient = createDigitClient({
    ...base,
    tenantId: options.stateTenant,
    auth: { credentials: { ...options.serviceAccount, userType: "EMPLOYEE", tenantId: options.stateTenant } },
  });
  const asCaller = (caller: Caller): DigitClient =>
    createDigitClient({ ...base, tenantId: options.stateTenant, retry: false, auth: { token: caller.token } });
  const permits = new Map<string, Permit>();
  const key = (tenantId: string, applicationNumber: string) => `${tenantId}/${applicationNumber}`;

  async function authenticate(body: Json, headers: Headers): Promise<Caller> {
    const info = isRecord(body["RequestInfo"]) ? body["RequestInfo"] : {};
    const token = str(info["authToken"]) ?? str(headers.get("auth-token"));
    if (!token) throw new PermitError(401, "PERMIT_UNAUTHENTICATED", "RequestInfo.authToken (or the auth-token header) is required");
    const client = createDigitClient({ ...base, tenantId: options.stateTenant, retry: false, auth: { token } });
    try {
      const user = await client.user.details({ query: { access_token: token } });
      if (!user.uuid || !user.userName) throw new PermitError(401, "PERMIT_UNAUTHENTICATED", "egov-user did not name the token's user");
      return {
        uuid: user.uuid,
        userName: user.userName,
        name: user.name ?? null,
        mobileNumber: user.mobileNumber ?? null,
        type: user.type ?? "",
        roles: (user.roles ?? []).map((r) => ({ code: r.code ?? "", tenantId: r.tenantId ?? null })),
        token,
      };
    } catch (e) {
      if (e instanceof DigitAuthError) throw new PermitError(401, "InvalidAccessTokenException", "The token is unknown or has expired; log in again");
      throw e;
    }
  }

  async function permitTypes(tenantId: string, locale = "en_IN"): Promise<PermitType[]> {
    const { mdms } = await system.mdms.search({ MdmsCriteria: { tenantId, schemaCode: PERMIT_TYPE_SCHEMA, isActive: true, limit: 100 } });
    const { messages } = await system.localization.search({ query: { tenantId, locale, module: LOCALIZATION_MODULE } });
    const label = new Map((messages ?? []).map((m) => [m.code, m.message]));
    return (mdms ?? [])
      .map((r) => r.data as Json)
      .filter((d) => d["active"] === true)
      .map((d) => ({
        code: String(d["code"]),
        name: label.get(`PERMIT_TYPE_${String(d["code"])}`) ?? String(d["name"]),
        fee: Number(d["fee"]),
        validityDays: Number(d["validityDays"]),
        documentRequired: d["documentRequired"] === true,
      }))
      .sort((a, b) => a.code.localeCompare(b.code));
  }

  async function nextApplicationNumber(tenantId: string): Promise<string> {
    const answer = (await system.idgen.generate({ idRequests: [{ idName: ID_NAME, tenantId, count: 1 }] })) as Json;
    // idgen reports a missing format with HTTP 200 and Errors: check the body, not only the status.
    const id = (answer["idResponses"] as { id?: string }[] | null | undefined)?.[0]?.id;
    if (!id) throw new PermitError(500, "PERMIT_IDGEN_ERROR", `egov-idgen gave no id for ${ID_NAME}: ${JSON.stringify(answer["Errors"] ?? answer)}`);
    return id;
  }

  async function transition(client: DigitClient, permit: Permit, action: string, comment?: string): Promise<string> {
    const { ProcessInstances } = await client.workflow.transition({
      ProcessInstances: [
        { tenantId: permit.tenantId, businessService: BUSINESS_SERVICE, businessId: permit.applicationNumber, action, moduleName: "permit-service", ...(comment ? { comment } : {}) },
      ],
    });
    const status = ProcessInstances?.[0]?.state?.applicationStatus;
    if (!status) throw new PermitError(500, "PERMIT_WORKFLOW_ERROR", `The workflow answered no state for ${permit.applicationNumber}`);
    return status;
  }

  async function createFeeDemand(permit: Permit): Promise<string> {
    const { TaxPeriods } = await system.billing.searchTaxPeriods({}, { query: { tenantId: permit.tenantId, service: [BUSINESS_SERVICE] } });
    const at = now();
    const period = (TaxPeriods ?? []).find((p) => (p.fromDate ?? Infinity) <= at && at <= (p.toDate ?? -Infinity));
    if (!period) throw new PermitError(500, "PERMIT_NO_TAX_PERIOD", `BillingService.TaxPeriod has no ${BUSINESS_SERVICE} period for today`);
    const { Demands } = await system.billing.createDemand({
      Demands: [
        {
          tenantId: permit.tenantId,
          consumerCode: permit.applicationNumber,
          consumerType: "PERMIT",
          businessService: BUSINESS_SERVICE,
          taxPeriodFrom: period.fromDate!,
          taxPeriodTo: period.toDate!,
          payer: { uuid: permit.accountId },
          demandDetails: [{ taxHeadMasterCode: FEE_TAX_HEAD, taxAmount: permit.fee }],
        },
      ],
    });
    const id = Demands?.[0]?.id;
    if (!id) throw new PermitError(500, "PERMIT_BILLING_ERROR", "billing-service answered no demand id");
    return id;
  }

  async function checkDocuments(tenantId: string, documents: unknown): Promise<Permit["documents"]> {
    if (documents === undefined) return [];
    if (!Array.isArray(documents)) throw new PermitError(400, "PERMIT_INVALID_DOCUMENT", "Permit.documents must be a list");
    const out: Permit["documents"] = [];
    for (const [i, d] of documents.entries()) {
      const fileStoreId = isRecord(d) ? str(d["fileStoreId"]) : undefined;
      if (!fileStoreId) throw new PermitError(400, "PERMIT_INVALID_DOCUMENT", `Permit.documents[${i}].fileStoreId is required`);
      try {
        await system.filestore.getMetadata({ query: { tenantId, fileStoreId } });
      } catch (e) {
        if (e instanceof DigitApiError && e.status === 400) {
          throw new PermitError(400, "PERMIT_INVALID_DOCUMENT", `Permit.documents[${i}]: filestore has no file ${fileStoreId} for ${tenantId}`);
        }
        throw e;
      }
      out.push({ documentType: (isRecord(d) && str(d["documentType"])) || "OTHER", fileStoreId });
    }
    return out;
  }

  const isEmployee = (c: Caller) => c.type === "EMPLOYEE";

  function visible(caller: Caller, permit: Permit): boolean {
    return isEmployee(caller) || permit.accountId === caller.uuid;
  }

  async function create(body: Json, headers: Headers): Promise<Permit> {
    const caller = await authenticate(body, headers);
    if (caller.type !== "CITIZEN") throw new PermitError(403, "PERMIT_CITIZEN_ONLY", "Only a citizen applies for a permit (log in with userType CITIZEN)");
    const input = isRecord(body["Permit"]) ? body["Permit"] : undefined;
    if (!input) throw new PermitError(400, "PERMIT_INVALID_REQUEST", "Permit is required");
    const tenantId = str(input["tenantId"]);
    if (!tenantId || !tenantId.includes(".")) throw new PermitError(400, "PERMIT_INVALID_TENANT", "Permit.tenantId must be a city (pg.citya)");
    if (stateTenantOf(tenantId) !== options.stateTenant) throw new PermitError(400, "PERMIT_INVALID_TENANT", `This service serves the cities of ${options.stateTenant}`);
    const address = isRecord(input["address"]) ? input["address"] : undefined;
    const locality = address && str(address["locality"]);
    if (!locality) throw new PermitError(400, "PERMIT_INVALID_REQUEST", "Permit.address.locality is required");

    const type = (await permitTypes(tenantId)).find((t) => t.code === input["permitType"]);
    if (!type) throw new PermitError(400, "PERMIT_INVALID_TYPE", `Unknown or withdrawn permit type: ${String(input["permitType"])}`);
    const documents = await checkDocuments(tenantId, input["documents"]);
    if (type.documentRequired && documents.length === 0) throw new PermitError(400, "PERMIT_DOCUMENT_REQUIRED", `A ${type.code} permit needs a supporting document`);

    const at = now();
    const permit: Permit = {
      id: randomUUID(),
      tenantId,
      applicationNumber: await nextApplicationNumber(tenantId),
      permitType: type.code,
      status: "",
      fee: type.fee,
      accountId: caller.uuid,
      applicant: { name: caller.name, mobileNumber: caller.mobileNumber },
      address: { locality, ...(address && str(address["street"]) ? { street: str(address["street"])! } : {}) },
      ...(str(input["description"]) ? { description: str(input["description"])! } : {}),
      documents,
      demandId: "",
      receiptNumber: null,
      certificateFileStoreId: null,
      validFrom: null,
      validTo: null,
      auditDetails: { createdBy: caller.uuid, createdTime: at, lastModifiedBy: caller.uuid, lastModifiedTime: at },
    };
    // The citizen's own token starts the workflow: the workflow checks that APPLY is theirs to take.
    permit.status = await transition(asCaller(caller), permit, "APPLY");
    permit.demandId = await createFeeDemand(permit);
    permits.set(key(tenantId, permit.applicationNumber), permit);
    return permit;
  }

  function find(caller: Caller, input: Json | undefined): Permit {
    const tenantId = input && str(input["tenantId"]);
    const applicationNumber = input && str(input["applicationNumber"]);
    if (!tenantId || !applicationNumber) throw new PermitError(400, "PERMIT_INVALID_REQUEST", "Permit.tenantId and Permit.applicationNumber are required");
    const permit = permits.get(key(tenantId, applicationNumber));
    // Someone else's application is as good as absent.
    if (!permit || !visible(caller, permit)) throw new PermitError(404, "PERMIT_NOT_FOUND", `No permit application ${applicationNumber} in ${tenantId}`);
    return permit;
  }

  /** PAY: the service asks billing and collection whether the fee is paid, then moves the workflow itself. */
  async function recordPayment(permit: Permit): Promise<void> {
    const { Demands } = await system.billing.searchDemands({}, { query: { tenantId: permit.tenantId, demandId: [permit.demandId] } });
    if (Demands?.[0]?.isPaymentCompleted !== true) {
      throw new PermitError(400, "PERMIT_FEE_NOT_PAID", `The fee of ${permit.fee} for ${permit.applicationNumber} is not paid yet`);
    }
    const { Payments } = await system.collection.searchModulePayments(
      {},
      { params: { moduleName: BUSINESS_SERVICE }, query: { tenantId: permit.tenantId, consumerCodes: [permit.applicationNumber] } },
    );
    permit.receiptNumber = Payments?.[0]?.paymentDetails?.[0]?.receiptNumber ?? null;
    permit.status = await transition(system, permit, "PAY", permit.receiptNumber ? `Receipt ${permit.receiptNumber}` : undefined);
  }

  async function issueCertificate(permit: Permit, type: PermitType | undefined): Promise<void> {
    const from = now();
    const to = from + (type?.validityDays ?? 365) * 86_400_000;
    const text = [
      `PERMIT ${permit.applicationNumber}`,
      `Type: ${type?.name ?? permit.permitType}`,
      `Holder: ${permit.applicant.name ?? ""} (${permit.applicant.mobileNumber ?? ""})`,
      `Locality: ${permit.address.locality}`,
      `Valid: ${new Date(from).toISOString().slice(0, 10)} to ${new Date(to).toISOString().slice(0, 10)}`,
      `Fee receipt: ${permit.receiptNumber ?? "-"}`,
    ].join("\n");
    const { files } = await system.filestore.upload({
      file: new File([text], `${permit.applicationNumber}.txt`, { type: "text/plain" }),
      tenantId: permit.tenantId,
      module: "permit",
    });
    permit.certificateFileStoreId = files?.[0]?.fileStoreId ?? null;
    permit.validFrom = from;
    permit.validTo = to;
  }

  async function update(body: Json, headers: Headers): Promise<Permit> {
    const caller = await authenticate(body, headers);
    const permit = find(caller, isRecord(body["Permit"]) ? body["Permit"] : undefined);
    const workflow = isRecord(body["Workflow"]) ? body["Workflow"] : {};
    const action = str(workflow["action"])?.toUpperCase();
    const comment = str(workflow["comment"]);
    if (action === "PAY") {
      await recordPayment(permit);
    } else if (action === "APPROVE" || action === "REJECT") {
      // The officer's own token: the workflow decides whether this caller may take the action now.
      permit.status = await transition(asCaller(caller), permit, action, comment);
      if (action === "APPROVE") await issueCertificate(permit, (await permitTypes(permit.tenantId)).find((t) => t.code === permit.permitType));
    } else {
      throw new PermitError(400, "PERMIT_INVALID_ACTION", `Workflow.action must be PAY, APPROVE or REJECT, not ${String(workflow["action"])}`);
    }
    permit.auditDetails = { ...permit.auditDetails, lastModifiedBy: caller.uuid, lastModifiedTime: now() };
    return permit;
  }

  async function search(body: Json, headers: Headers, query: URLSearchParams): Promise<Permit[]> {
    const caller = await authenticate(body, headers);
    const tenantId = query.get("tenantId");
    const number = query.get("applicationNumber");
    const status = query.get("status");
    return [...permits.values()]
      .filter((p) => visible(caller, p))
      .filter((p) => !tenantId || p.tenantId === tenantId || stateTenantOf(p.tenantId) === tenantId)
      .filter((p) => !number || p.applicationNumber === number)
      .filter((p) => !status || p.status === status)
      .sort((a, b) => b.auditDetails.createdTime - a.auditDetails.createdTime);
  }

  const responseInfo = (body: Json, status: string) => {
    const info = isRecord(body["RequestInfo"]) ? body["RequestInfo"] : {};
    return { apiId: info["apiId"] ?? null, ver: info["ver"] ?? null, ts: info["ts"] ?? null, resMsgId: "uief87324", msgId: info["msgId"] ?? null, status };
  };
  const json = (status: number, payload: unknown) => Response.json(payload, { status });

  async function handle(request: Request): Promise<Response> {
    const url = new URL(request.url);
    let body: Json = {};
    if (request.method === "POST") {
      const text = await request.text();
      if (text.trim() !== "") {
        try {
          const parsed: unknown = JSON.parse(text);
          if (!isRecord(parsed)) throw new Error("not an object");
          body = parsed;
        } catch {
          throw new PermitError(400, "PERMIT_INVALID_REQUEST", "The body must be a JSON object");
        }
      }
    }
    const route = `${request.method} ${url.pathname}`;
    switch (route) {
      case "GET /permit-service/health":
        return json(200, { status: "UP" });
      case "GET /permit-service/v1/types": {
        const tenantId = url.searchParams.get("tenantId") ?? options.stateTenant;
        return json(200, { ResponseInfo: responseInfo(body, "successful"), PermitTypes: await permitTypes(tenantId, url.searchParams.get("locale") ?? "en_IN") });
      }
      case "POST /permit-service/v1/_create":
        return json(201, { ResponseInfo: responseInfo(body, "successful"), Permits: [await create(body, request.headers)] });
      case "POST /permit-service/v1/_update":
        return json(200, { ResponseInfo: responseInfo(body, "successful"), Permits: [await update(body, request.headers)] });
      case "POST /permit-service/v1/_search":
        return json(200, { ResponseInfo: responseInfo(body, "successful"), Permits: await search(body, request.headers, url.searchParams) });
      default:
        throw new PermitError(404, "PERMIT_ROUTE_NOT_FOUND", `No route ${route}`);
    }
  }

  return {
    permitTypes,
    async fetch(request: Request): Promise<Response> {
      try {
        return await handle(request);
      } catch (e) {
        if (e instanceof PermitError) return json(e.status, { ResponseInfo: null, Errors: [{ code: e.code, message: e.message }] });
        // DIGIT's refusals (the workflow's INVALID ROLE, billing's codes) reach the client as DIGIT services pass
        // them on: HTTP 400 with the other service's errors.
        if (e instanceof DigitApiError && e.status >= 400 && e.status < 500) {
          return json(400, { ResponseInfo: null, Errors: e.errors.map((x) => ({ code: x.code, message: x.message })) });
        }
        console.error("permit-service:", e);
        return json(502, { ResponseInfo: null, Errors: [{ code: "PERMIT_UPSTREAM_ERROR", message: e instanceof Error ? e.message : String(e) }] });
      }
    },
  };
}
