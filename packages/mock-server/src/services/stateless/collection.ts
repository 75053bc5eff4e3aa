/** collection-services: spec-shaped answers; payments and remittances echo their input with generated ids. */
import type { ServiceModule } from "../../core/types.js";
import { echoCreate, emptySearch } from "./echo.js";
import type { NoState } from "./echo.js";

export const collectionService: ServiceModule<NoState> = {
  key: "collection",
  initialState: () => ({}),
  handlers: {
    "collection.createBankAccountMapping": echoCreate("BankAccountServiceMapping", "BankAccountServiceMapping"),
    "collection.searchBankAccountMappings": emptySearch("BankAccountServiceMapping"),
    "collection.createPayment": echoCreate("Payment", "Payments", { paymentStatus: "NEW" }),
    "collection.validatePayment": echoCreate("Payment", "Payments"),
    "collection.searchPayments": emptySearch("Payments"),
    "collection.plainSearchPayments": emptySearch("Payments"),
    "collection.searchModulePayments": emptySearch("Payments"),
    "collection.updateModulePaymentWorkflow": echoCreate("Payment", "Payments"),
    "collection.updatePreexistingPayments": echoCreate("Payment", "Payments"),
    "collection.createRemittance": echoCreate("Remittance", "Remittance", { status: "APPROVED" }),
    "collection.searchRemittances": emptySearch("Remittance"),
    "collection.updateRemittance": echoCreate("Remittance", "Remittance"),
  },
};
