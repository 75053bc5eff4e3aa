/**
 * One tenant's role → URLs table for RBAC, from the masters `ACCESSCONTROL-ROLEACTIONS.roleactions` (role code →
 * action id) and `ACCESSCONTROL-ACTIONS-TEST.actions-test` (action id → url), as ActionService.java joins them.
 * While records are only created (an apply writes hundreds of actions and role-actions, each checked by RBAC),
 * the table takes in the new ones instead of being rebuilt per request.
 */
import type { MdmsDataRecord } from "./types.js";

/** The URLs one role may call: exact ones and `{placeholder}` ones. */
export interface RoleUris {
  exact: Set<string>;
  patterns: { url: string; regex: RegExp }[];
}

/** `{word}` → `\w+`, the rest of the url as a Java regex (only the characters URLs use need escaping). */
function placeholderRegex(url: string): RegExp | null {
  if (!url.includes("{") || !url.includes("}")) return null;
  // Java's String.matches: the whole path; `.` stays "any character", as in DIGIT.
  const source = url
    .split(/\{\w+\}/)
    .map((part) => part.replace(/[*+?^$()|[\]\\]/g, (c) => `\\${c}`))
    .join("\\w+");
  try {
    return new RegExp(`^${source}$`);
  } catch {
    return null;
  }
}

export class RoleActionTable {
  private roleActions: readonly MdmsDataRecord[] | undefined;
  private actions: readonly MdmsDataRecord[] | undefined;
  private roleActionsSeen = 0;
  private actionsSeen = 0;
  private readonly urlById = new Map<string, string>();
  /** Role codes whose role-action names an action id not seen yet. */
  private readonly waiting = new Map<string, string[]>();
  readonly byRole = new Map<string, RoleUris>();

  /**
   * Takes in the records of `roleActions` and `actions` past those seen. The lists must be the same arrays as
   * last time, grown in place; false (and nothing done) when they are other arrays or an action id repeats
   * (a later action with that id changes what earlier role-actions point to): build a new table then.
   */
  sync(roleActions: readonly MdmsDataRecord[], actions: readonly MdmsDataRecord[]): boolean {
    if (this.roleActions === undefined || this.actions === undefined) {
      this.roleActions = roleActions;
      this.actions = actions;
    } else if (roleActions !== this.roleActions || actions !== this.actions) return false;
    for (let i = this.actionsSeen; i < actions.length; i++) {
      if (this.urlById.has(String(actions[i]!.data["id"]))) return false;
    }
    for (; this.actionsSeen < actions.length; this.actionsSeen++) {
      const a = actions[this.actionsSeen]!;
      const url = a.data["url"];
      if (typeof url !== "string") continue;
      const id = String(a.data["id"]);
      this.urlById.set(id, url);
      for (const role of this.waiting.get(id) ?? []) this.grant(role, url);
      this.waiting.delete(id);
    }
    for (; this.roleActionsSeen < roleActions.length; this.roleActionsSeen++) {
      const ra = roleActions[this.roleActionsSeen]!;
      const role = ra.data["rolecode"];
      if (typeof role !== "string") continue;
      const id = String(ra.data["actionid"]);
      const url = this.urlById.get(id);
      if (url !== undefined) this.grant(role, url);
      else this.waiting.set(id, [...(this.waiting.get(id) ?? []), role]);
    }
    return true;
  }

  private grant(role: string, url: string): void {
    let entry = this.byRole.get(role);
    if (!entry) this.byRole.set(role, (entry = { exact: new Set(), patterns: [] }));
    const regex = placeholderRegex(url);
    if (regex) entry.patterns.push({ url, regex });
    else entry.exact.add(url);
  }
}
