/**
 * The mock's fake payment gateway (not part of DIGIT, which redirects payers to a real provider). A transaction's
 * `redirectUrl` is `GET /pg-service/mock-gateway/{txnId}`: a small HTML page with the amount and two links,
 * Success and Failure. Following one (`GET /pg-service/mock-gateway/{txnId}/_pay?status=SUCCESS|FAILURE`)
 * records the outcome as the provider's and redirects (302) to the transaction's `callbackUrl`, which carries
 * `eg_pg_txnid`; the client (a UI's callback page, or a test) then settles it with `transaction/v1/_update`.
 * `?auto=SUCCESS` (or `FAILURE`) on the page redirects at once.
 */
import type { RouteDef } from "@digit-kit/sdk/routes";
import type { OperationHandler, OperationResult } from "../../core/types.js";
import type { PgSlice, TransactionRecord } from "./model.js";

export const MOCK_GATEWAY_PAGE = "pg.mockGatewayPage";
export const MOCK_GATEWAY_PAY = "pg.mockGatewayPay";

const route = (operationId: string, method: string, path: string, retrySafe: boolean, queryParams: string[]): RouteDef =>
  ({
    operationId,
    service: "pg",
    method,
    httpMethod: "GET",
    path,
    pathParams: ["txnId"],
    queryParams,
    body: "none",
    successStatus: 200,
    retrySafe,
    auth: false,
  }) as RouteDef;

/** The fake gateway's routes: served by the mock only, not in DIGIT's (or the SDK's) route table. */
export const mockGatewayRoutes: Record<string, RouteDef> = {
  [MOCK_GATEWAY_PAGE]: route(MOCK_GATEWAY_PAGE, "mockGatewayPage", "/pg-service/mock-gateway/{txnId}", true, ["auto"]),
  [MOCK_GATEWAY_PAY]: route(MOCK_GATEWAY_PAY, "mockGatewayPay", "/pg-service/mock-gateway/{txnId}/_pay", false, ["status"]),
};

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

function html(status: number, body: string, extraHead = ""): OperationResult {
  const page = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>DIGIT Kit mock gateway</title>${extraHead}
<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem;color:#222}
dl{display:grid;grid-template-columns:auto 1fr;gap:.3rem 1rem}dt{color:#666}a.button{display:inline-block;margin:1rem 1rem 0 0;padding:.6rem 1.4rem;border-radius:.3rem;color:#fff;text-decoration:none}
.ok{background:#2e7d32}.ko{background:#c62828}small{color:#666}</style></head>
<body>${body}</body></html>`;
  return { status, raw: { contentType: "text/html; charset=utf-8", data: new TextEncoder().encode(page) } };
}

function transaction(slice: PgSlice, txnId: string | undefined): TransactionRecord | undefined {
  if (txnId === undefined || !Object.prototype.hasOwnProperty.call(slice.transactions, txnId)) return undefined;
  return slice.transactions[txnId];
}

const notFound = (txnId: string) => html(404, `<h1>Unknown transaction</h1><p>The mock gateway has no transaction <code>${escape(txnId)}</code>.</p>`);

const payLink = (txnId: string, status: "SUCCESS" | "FAILURE") => `/pg-service/mock-gateway/${encodeURIComponent(txnId)}/_pay?status=${status}`;

/** `GET /pg-service/mock-gateway/{txnId}`: the payment page. */
export const mockGatewayPage: OperationHandler<PgSlice> = (req, _ctx, slice) => {
  const txnId = req.params["txnId"] ?? "";
  const txn = transaction(slice, txnId);
  if (!txn) return notFound(txnId);
  const auto = (req.query["auto"] ?? "").toUpperCase();
  const head = auto === "SUCCESS" || auto === "FAILURE" ? `<meta http-equiv="refresh" content="0;url=${escape(payLink(txnId, auto))}">` : "";
  return html(
    200,
    `<h1>Mock payment gateway</h1>
<p><small>DIGIT Kit's stand-in for ${escape(txn.gateway)}. Nothing is charged.</small></p>
<dl><dt>Transaction</dt><dd><code>${escape(txn.txnId)}</code></dd>
<dt>Amount</dt><dd>${escape(txn.txnAmount.toFixed(2))}</dd>
<dt>Bill</dt><dd><code>${escape(txn.billId)}</code></dd>
<dt>Consumer code</dt><dd>${escape(txn.consumerCode)}</dd>
<dt>For</dt><dd>${escape(txn.productInfo)}</dd>
<dt>Status</dt><dd>${escape(txn.txnStatus)}</dd></dl>
<p><a class="button ok" href="${escape(payLink(txnId, "SUCCESS"))}">Success</a><a class="button ko" href="${escape(payLink(txnId, "FAILURE"))}">Failure</a></p>
<p><small>Either link returns you to <code>${escape(txn.callbackUrl)}</code>.</small></p>`,
    head,
  );
};

/** `GET /pg-service/mock-gateway/{txnId}/_pay?status=`: records the outcome and sends the browser back (302). */
export const mockGatewayPay: OperationHandler<PgSlice> = (req, ctx, slice) => {
  const txnId = req.params["txnId"] ?? "";
  const txn = transaction(slice, txnId);
  if (!txn) return notFound(txnId);
  const status = (req.query["status"] ?? "").toUpperCase();
  if (status !== "SUCCESS" && status !== "FAILURE") {
    return html(400, `<h1>Unknown outcome</h1><p>Use <code>?status=SUCCESS</code> or <code>?status=FAILURE</code>.</p>`);
  }
  slice.gateway[txn.txnId] = { status, at: ctx.now() };
  return { status: 302, headers: { location: txn.callbackUrl }, raw: { contentType: "text/plain; charset=utf-8", data: new TextEncoder().encode(`Redirecting to ${txn.callbackUrl}`) } };
};
