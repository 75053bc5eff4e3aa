/**
 * egov-pg-service: payment-gateway transactions, settled against the mock's fake gateway and registered as
 * payments in collection-services. See docs/mock-server.md, "The payments chain".
 */
import type { ServiceModule } from "../../core/types.js";
import { MOCK_GATEWAY_PAGE, MOCK_GATEWAY_PAY, mockGatewayPage, mockGatewayPay } from "./gateway.js";
import { initialPgState, type PgSlice } from "./model.js";
import { createTransaction, searchGateways, searchTransactions, updateTransaction, updateTransactionCallback } from "./transactions.js";

export const pgService: ServiceModule<PgSlice> = {
  key: "pg",
  initialState: initialPgState,
  handlers: {
    "pg.searchGateways": searchGateways,
    "pg.createTransaction": createTransaction,
    "pg.searchTransactions": searchTransactions,
    "pg.updateTransaction": updateTransaction,
    "pg.updateTransactionCallback": updateTransactionCallback,
    [MOCK_GATEWAY_PAGE]: mockGatewayPage,
    [MOCK_GATEWAY_PAY]: mockGatewayPay,
  },
};

export { mockGatewayRoutes } from "./gateway.js";
export { PG_SLICE, type PgSlice } from "./model.js";
