/** billing-service: spec-shaped answers; creates echo their input with generated ids. */
import type { ServiceModule } from "../../core/types.js";
import { echoCreate, emptySearch, fixed } from "./echo.js";
import type { NoState } from "./echo.js";

export const billingService: ServiceModule<NoState> = {
  key: "billing",
  initialState: () => ({}),
  handlers: {
    "billing.createAmendment": echoCreate("Amendment", "Amendments", { status: "ACTIVE" }),
    "billing.searchAmendments": emptySearch("Amendments"),
    "billing.updateAmendment": emptySearch("Amendments"),
    "billing.cancelBill": emptySearch("Bill"),
    "billing.createBill": echoCreate("Bills", "Bill", { status: "ACTIVE" }),
    "billing.fetchBill": emptySearch("Bill"),
    "billing.generateBill": emptySearch("Bill"),
    "billing.searchBills": emptySearch("Bill"),
    "billing.searchBusinessServices": emptySearch("BusinessServiceDetails"),
    "billing.createDemand": echoCreate("Demands", "Demands", { status: "ACTIVE" }),
    "billing.updateDemand": echoCreate("Demands", "Demands"),
    "billing.migrateDemands": fixed(() => ({})),
    "billing.searchDemands": emptySearch("Demands"),
    "billing.searchTaxHeads": emptySearch("TaxHeadMasters"),
    "billing.searchTaxPeriods": emptySearch("TaxPeriods"),
  },
};
