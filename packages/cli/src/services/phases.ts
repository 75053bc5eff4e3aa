import { applyOrder, type ApplyStep } from "@digit-kit/bundle";
import type { PlanContext } from "./resources/context.js";
import { planBoundaries, planHierarchies, planRelationships } from "./resources/boundary.js";
import { planLocalization } from "./resources/localization.js";
import { planMdmsRecords, planSchemas, planTenants } from "./resources/mdms.js";
import { planEmployees, planUsers } from "./resources/people.js";
import { planWorkflows } from "./resources/workflow.js";
import type { PlanItem, ResourceKind } from "./types.js";

/** One step of apply: plans its resources from live state, so a re-run resumes where it stopped. */
export interface Phase {
  name: string;
  kind: ResourceKind;
  plan(ctx: PlanContext): Promise<PlanItem[]>;
}

/** The planner of one step of the bundle's apply order. */
function planStep(step: ApplyStep): Phase["plan"] {
  switch (step.kind) {
    case "schema":
      return planSchemas;
    case "tenant":
      return planTenants;
    case "mdms":
    case "role":
    case "action":
    case "role-action": {
      const records = step.items;
      return (c) => planMdmsRecords(c, records);
    }
    case "user":
      return planUsers;
    case "workflow":
      return planWorkflows;
    case "localization":
      return planLocalization;
    case "boundary-hierarchy":
      return planHierarchies;
    case "boundary":
      return planBoundaries;
    case "boundary-relationship": {
      const level = step.level;
      return (c) => planRelationships(c, level);
    }
    case "employee":
      return planEmployees;
  }
}

/** The phases of `applyOrder(ctx.bundle)` (packages/bundle/src/apply-order.ts), optionally only some kinds. */
export function phasesFor(ctx: PlanContext, only?: readonly ResourceKind[]): Phase[] {
  const phases = applyOrder(ctx.bundle).map((step): Phase => ({ name: step.name, kind: step.kind, plan: planStep(step) }));
  return only && only.length > 0 ? phases.filter((p) => only.includes(p.kind)) : phases;
}
