/**
 * Apportioning a paid amount over a bill's tax heads, as egov-apportion-service's default strategy does for
 * collection-services (DIGIT-OSS business-services/egov-apportion-service, service/apportions/OrderByPriority.java):
 * bill details by ascending fromPeriod; inside one, account details by ascending amount, so negative heads
 * (rebates) are settled first and add to the money left; each positive head takes what is left, up to its
 * amount. Money left at the end (only possible where advance is allowed) becomes an advance account detail on
 * the latest bill detail.
 *
 * Not modelled: consuming an earlier advance (`apportionAndGetRequiredAdvance`) and the order validation
 * (`INVALID ORDER`) of configurations that apportion by order.
 */
import { isRecord } from "../shared/values.js";
import { amount, money } from "../billing/wire.js";

export function apportionBill(bill: Record<string, unknown>, paid: number, advanceHead: string | null, newId: () => string): void {
  const details = (Array.isArray(bill["billDetails"]) ? bill["billDetails"].filter(isRecord) : []).slice();
  details.sort((a, b) => (amount(a["fromPeriod"]) ?? 0) - (amount(b["fromPeriod"]) ?? 0));
  let remaining = paid;
  let before = remaining;
  for (const detail of details) {
    if (remaining === 0) {
      detail["amountPaid"] = 0;
      continue;
    }
    const accounts = (Array.isArray(detail["billAccountDetails"]) ? detail["billAccountDetails"].filter(isRecord) : []).slice();
    accounts.sort((a, b) => (amount(a["amount"]) ?? 0) - (amount(b["amount"]) ?? 0));
    for (const account of accounts) {
      const adjusted = amount(account["adjustedAmount"]) ?? 0;
      const open = money((amount(account["amount"]) ?? 0) - adjusted);
      if (open >= 0) {
        const take = Math.min(remaining, open);
        account["adjustedAmount"] = money(adjusted + take);
        remaining = money(remaining - take);
      } else if (!String(account["taxHeadCode"] ?? "").includes("ADVANCE")) {
        account["adjustedAmount"] = open;
        remaining = money(remaining - open);
      }
    }
    detail["amountPaid"] = money((amount(detail["amountPaid"]) ?? 0) + (before - remaining));
    before = remaining;
  }
  const latest = details[details.length - 1];
  if (remaining > 0 && latest) {
    const accounts = Array.isArray(latest["billAccountDetails"]) ? latest["billAccountDetails"] : (latest["billAccountDetails"] = []);
    const existing = accounts.filter(isRecord).find((a) => String(a["taxHeadCode"] ?? "").includes("ADVANCE"));
    if (existing) existing["amount"] = money((amount(existing["amount"]) ?? 0) - remaining);
    else {
      // collection's enrichAdvanceTaxHead completes the advance bucket the apportioner adds.
      accounts.push({
        id: newId(),
        tenantId: bill["tenantId"] ?? null,
        billDetailId: latest["id"] ?? null,
        demandDetailId: "advance_tax",
        order: -1,
        amount: -remaining,
        adjustedAmount: 0,
        isActualDemand: null,
        taxHeadCode: advanceHead,
        additionalDetails: null,
        purpose: "ADVANCE",
        auditDetails: null,
      });
    }
    latest["amountPaid"] = money((amount(latest["amountPaid"]) ?? 0) + remaining);
  }
}
