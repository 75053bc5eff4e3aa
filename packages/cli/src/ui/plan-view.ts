/** The plan as the UI shows it: counts per kind. Built from the services' plan by the commands. */
export interface PlanViewRow {
  kind: string;
  create: number;
  update: number;
  unchanged: number;
}

export interface PlanView {
  tenant: string;
  rows: PlanViewRow[];
  create: number;
  update: number;
  unchanged: number;
}

export function planView(tenant: string, rows: PlanViewRow[]): PlanView {
  const sum = (k: "create" | "update" | "unchanged") => rows.reduce((n, r) => n + r[k], 0);
  return { tenant, rows, create: sum("create"), update: sum("update"), unchanged: sum("unchanged") };
}
