import type { BusinessServiceSpec } from "./model.js";
import { joinPointer } from "./pointer.js";
import { businessService } from "./structure.js";

/**
 * `value` (e.g. a business service read from DIGIT) as a bundle's {@link BusinessServiceSpec} at `tenantId`, checked
 * with the same structure rules as a bundle file; or the problems that keep it from being one (JSON pointer: message).
 */
export function toBusinessServiceSpec(value: unknown, tenantId: string): { spec: BusinessServiceSpec } | { problems: string[] } {
  const res = businessService.safeParse(value);
  if (!res.success) return { problems: res.error.issues.map((i) => `${joinPointer("", ...i.path) || "/"}: ${i.message.replace(/^Invalid input: /, "")}`) };
  return { spec: { ...res.data, tenantId } };
}
