/**
 * collection-services: payments of billing's bills (create, validate, searches, workflow), with billing's
 * back-update applied as its Kafka consumer would. Bank-account mappings and remittances (financial add-ons)
 * answer spec-shaped echoes. See docs/mock-server.md, "The payments chain".
 */
import type { OperationHandler, ServiceModule } from "../../core/types.js";
import { run } from "../billing/wire.js";
import { echoCreate, emptySearch } from "../stateless/echo.js";
import { initialCollectionState, type CollectionSlice } from "./model.js";
import { createPayment, validatePayment } from "./payments.js";
import { plainSearchPayments, searchPayments } from "./search.js";
import { updatePaymentWorkflow } from "./workflow.js";

/** `preexistpayments/_update`: an operator tool that takes no body and answers 200 with an empty body. */
const updatePreexistingPayments: OperationHandler<CollectionSlice> = (req, ctx) => run(req, ctx, () => ({ status: 200 }));

export const collectionService: ServiceModule<CollectionSlice> = {
  key: "collection",
  initialState: initialCollectionState,
  handlers: {
    "collection.createPayment": createPayment,
    "collection.validatePayment": validatePayment,
    "collection.searchPayments": searchPayments,
    "collection.searchModulePayments": searchPayments,
    "collection.plainSearchPayments": plainSearchPayments,
    "collection.updateModulePaymentWorkflow": updatePaymentWorkflow,
    "collection.updatePreexistingPayments": updatePreexistingPayments,
    "collection.createBankAccountMapping": echoCreate("BankAccountServiceMapping", "BankAccountServiceMapping"),
    "collection.searchBankAccountMappings": emptySearch("BankAccountServiceMapping"),
    "collection.createRemittance": echoCreate("Remittance", "Remittance", { status: "APPROVED" }),
    "collection.searchRemittances": emptySearch("Remittance"),
    "collection.updateRemittance": echoCreate("Remittance", "Remittance"),
  },
};

export { COLLECTION_SLICE, type CollectionSlice } from "./model.js";
