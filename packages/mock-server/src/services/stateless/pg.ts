/** pg-service: transactions are echoed as PENDING; searches answer empty lists. */
import type { OperationHandler, ServiceModule } from "../../core/types.js";
import { actorOf, newAudit } from "../shared/audit.js";
import { handle, ok, reject } from "../shared/respond.js";
import { isRecord } from "../shared/values.js";
import { emptySearch } from "./echo.js";
import type { NoState } from "./echo.js";

const createTransaction: OperationHandler<NoState> = (req, ctx) =>
  handle(req, ctx.now(), () => {
    const txn = req.body["Transaction"];
    if (!isRecord(txn)) reject("INVALID_REQUEST", "Transaction is required.", ["Transaction"]);
    const txnId = `PB_PG_${new Date(ctx.now()).toISOString().slice(0, 10).replace(/-/g, "_")}_${ctx.uuid().slice(-6).toUpperCase()}`;
    return ok(req, ctx.now(), req.route.successStatus, {
      Transaction: { ...structuredClone(txn), txnId, txnStatus: "PENDING", auditDetails: newAudit(actorOf(req), ctx.now()) },
    });
  });

const gateways: OperationHandler<NoState> = (req, ctx) => handle(req, ctx.now(), () => ({ status: req.route.successStatus, body: [] }));

export const pgService: ServiceModule<NoState> = {
  key: "pg",
  initialState: () => ({}),
  handlers: {
    "pg.searchGateways": gateways,
    "pg.createTransaction": createTransaction,
    "pg.searchTransactions": emptySearch("Transaction", "responseInfo"),
    "pg.updateTransaction": emptySearch("Transaction", "responseInfo"),
    "pg.updateTransactionCallback": emptySearch("Transaction", "responseInfo"),
  },
};
