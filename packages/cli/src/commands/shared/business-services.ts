/** Finds the BusinessService objects in a workflow file, whatever wrapper it uses. */
import { UserError } from "../../errors.js";

export interface FoundBusinessService {
  pointer: string;
  businessService: Record<string, unknown>;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Accepts `{BusinessServices:[...]}`, `[...]`, a single BusinessService, or a DIGIT Kit `{workflows:[...]}`. */
export function businessServicesIn(data: unknown, file: string): FoundBusinessService[] {
  const list = (items: unknown[], base: string) =>
    items.filter(isObject).map((bs, i) => ({ pointer: `${base}/${i}`, businessService: bs }));
  if (Array.isArray(data)) return list(data, "");
  if (isObject(data)) {
    if (Array.isArray(data.BusinessServices)) return list(data.BusinessServices, "/BusinessServices");
    if (Array.isArray(data.workflows)) return list(data.workflows, "/workflows");
    if (Array.isArray(data.states)) return [{ pointer: "", businessService: data }];
  }
  throw new UserError(`${file} holds no workflow business service.`, {
    where: file,
    fix: "Expected a BusinessService object (with states), an array of them, or {BusinessServices: [...]}.",
  });
}
