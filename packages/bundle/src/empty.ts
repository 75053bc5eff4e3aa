import type { Bundle, BundleLayout } from "./model.js";

/** A bundle with nothing in it yet, for layouts and exporters to fill. */
export function emptyBundle(root: string, layout: BundleLayout, stateTenant: string): Bundle {
  return {
    root,
    layout,
    stateTenant,
    tenants: [],
    mdmsSchemas: [],
    mdmsData: [],
    workflows: [],
    localization: [],
    boundary: { hierarchies: [], entities: [], relationships: [] },
    users: [],
    employees: [],
  };
}
