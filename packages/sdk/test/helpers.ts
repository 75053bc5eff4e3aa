import type { RouteDef } from "../src/core/route.js";
import { createCore } from "../src/core/core.js";
import { bindService } from "../src/core/bind-service.js";
import type { DigitClientOptions } from "../src/core/options.js";

export const BASE = "http://digit.test";

const base = { pathParams: [], queryParams: [], body: "json", successStatus: 200, retrySafe: false, auth: true } as const;

/** A small hand-made route table, shaped like the generated one, so core tests do not depend on generation. */
export const testRoutes = {
  login: { ...base, operationId: "user.login", service: "user", method: "login", httpMethod: "POST", path: "/user/oauth/token", body: "form", auth: false },
  logout: { ...base, operationId: "user.logout", service: "user", method: "logout", httpMethod: "POST", path: "/user/_logout" },
  search: { ...base, operationId: "mdms.search", service: "mdms", method: "search", httpMethod: "POST", path: "/mdms-v2/v2/_search", retrySafe: true, listKey: "mdms" },
  create: { ...base, operationId: "mdms.create", service: "mdms", method: "create", httpMethod: "POST", path: "/mdms-v2/v2/_create/{schemaCode}", pathParams: ["schemaCode"], successStatus: 202 },
  hrmsSearch: { ...base, operationId: "hrms.search", service: "hrms", method: "search", httpMethod: "POST", path: "/egov-hrms/employees/_search", queryParams: ["tenantId", "codes", "offset", "limit"], retrySafe: true, listKey: "Employees" },
  upload: { ...base, operationId: "filestore.upload", service: "filestore", method: "upload", httpMethod: "POST", path: "/filestore/v1/files", body: "multipart" },
  download: { ...base, operationId: "filestore.download", service: "filestore", method: "download", httpMethod: "GET", path: "/filestore/v1/files/id", queryParams: ["tenantId", "fileStoreId"], body: "none", retrySafe: true },
  getUrl: { ...base, operationId: "filestore.getUrl", service: "filestore", method: "getUrl", httpMethod: "GET", path: "/filestore/v1/files/url", queryParams: ["tenantId", "fileStoreIds"], body: "none", retrySafe: true, auth: false },
} as const satisfies Record<string, RouteDef>;

// Tests read arbitrary response fields; the typed surface is covered by types.test-d.ts.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = any;
type LooseMethod = ((body?: unknown, options?: unknown) => Promise<Loose>) & {
  iterate: (body: unknown, options?: unknown) => AsyncGenerator<Loose>;
  route: RouteDef;
};

/** A client over the test routes: the real pipeline, auth and binding, with no retry sleeping. */
export function testClient(options: Partial<DigitClientOptions> = {}) {
  const core = createCore(
    { baseUrl: BASE, tenantId: "pb", ...options, retry: { delay: async () => {}, ...(typeof options.retry === "object" ? options.retry : {}) } },
    async () => ({ login: testRoutes.login, logout: testRoutes.logout }),
  );
  const api = bindService<Record<string, never>, typeof testRoutes>(core.request, testRoutes);
  return { ...core, api: api as unknown as Record<keyof typeof testRoutes, LooseMethod> };
}

/** DIGIT's error envelope. */
export function digitError(code: string, message: string, status = "failed") {
  return {
    ResponseInfo: { apiId: "digit-kit", ver: ".01", ts: null, resMsgId: "uief87324", msgId: "1700000000000|en_IN", status },
    Errors: [{ code, message, description: null, params: null }],
  };
}

/** A login response as egov-user answers it. */
export function tokenResponse(access: string, refresh = `r-${access}`, expiresIn = 3600) {
  return {
    access_token: access,
    token_type: "bearer",
    refresh_token: refresh,
    expires_in: expiresIn,
    scope: "read",
    ResponseInfo: { api_id: "", ver: "", ts: "", res_msg_id: "", msg_id: "", status: "" },
    UserRequest: { id: 23, uuid: "u-1", userName: "ADMIN", name: "Admin", type: "EMPLOYEE", tenantId: "pb", roles: [{ code: "SUPERUSER", name: "Super User", tenantId: "pb" }] },
  };
}
