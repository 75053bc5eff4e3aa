import type { Origin } from "@digit-kit/bundle";

/** Resource kinds in apply order. */
export const KINDS = [
  "schema",
  "tenant",
  "mdms",
  "role",
  "action",
  "role-action",
  "user",
  "workflow",
  "localization",
  "boundary-hierarchy",
  "boundary",
  "boundary-relationship",
  "employee",
] as const;
export type ResourceKind = (typeof KINDS)[number];

/** Kinds `export` reads back from a live tenant: all but `user` (DIGIT has no search listing a tenant's users). */
export const EXPORT_KINDS: readonly ResourceKind[] = KINDS.filter((k) => k !== "user");

export type PlanAction = "create" | "update" | "unchanged";

/** One field that differs between the bundle and the live record. Secrets are never included. */
export interface FieldChange {
  path: string;
  from: unknown;
  to: unknown;
}

/** One resource of the plan, keyed by its natural key. */
export interface PlanItem {
  kind: ResourceKind;
  /** Natural key: schema code, `schemaCode:uniqueIdentifier`, business service code, `module:code@locale`, ... */
  key: string;
  tenantId: string;
  action: PlanAction;
  changes?: FieldChange[];
  origin?: Origin;
  /** Performs the write; absent for `unchanged` and for changes DIGIT cannot make. Not serialised. */
  run?: () => Promise<void>;
  /** Keys of items this one needs (schema for a record, parent boundary). Used to skip dependants of failures. */
  dependsOn?: string[];
  /**
   * The change exists but DIGIT offers no way to make (part of) it: an MDMS schema definition (mdms-v2 cannot
   * update schemas), a boundary hierarchy, a boundary's additionalDetails, a relationship's level. Plan shows it
   * with `!`; apply runs what `run` can still write (e.g. a boundary's geometry), then reports the item as a
   * failure with this code and hint. Dependants are not held back: they go on against what the server has.
   */
  blocked?: BlockedChange;
  /**
   * The change can be made but deserves a look before apply: an update that would drop fields of a live tenant
   * record (e.g. a `digit init` scaffold planned against a state that exists). Plan shows it with `!` and a hint;
   * apply writes it like any update.
   */
  attention?: BlockedChange;
}

/** The failure code of a boundary change DIGIT has no API for (`PlanItem.blocked`). */
export const NOT_SUPPORTED_BY_DIGIT = "NOT_SUPPORTED_BY_DIGIT";

export interface BlockedChange {
  code: string;
  message: string;
  hint: string;
}

export type PlanSummary = Partial<Record<ResourceKind, Record<PlanAction, number>>>;

export interface Plan {
  items: PlanItem[];
  summary: PlanSummary;
  totals: Record<PlanAction, number>;
  hasChanges: boolean;
  /** Problems found against live state (e.g. x-ref-schema references that resolve nowhere). */
  problems: { file: string; pointer: string; message: string }[];
}

/** Which resource kinds to include; default all. */
export interface KindFilter {
  only?: readonly ResourceKind[];
}

export function summarize(items: readonly PlanItem[]): Pick<Plan, "summary" | "totals" | "hasChanges"> {
  const summary: PlanSummary = {};
  const totals: Record<PlanAction, number> = { create: 0, update: 0, unchanged: 0 };
  for (const i of items) {
    const s = (summary[i.kind] ??= { create: 0, update: 0, unchanged: 0 });
    s[i.action] += 1;
    totals[i.action] += 1;
  }
  return { summary, totals, hasChanges: totals.create + totals.update > 0 };
}
