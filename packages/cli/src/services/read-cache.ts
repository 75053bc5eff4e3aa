import type { DigitGateway } from "./gateway.js";

/**
 * Searches remembered between apply's up-front plan and its phases: a phase plans from live state (so a killed
 * apply resumes), but what the plan just read is still live state as long as nothing that search sees was written
 * in between. Each search belongs to a family; a write forgets its families' searches, before it is sent and
 * again when it ends (a search that overlapped it may have read either side).
 */
export interface ReadCache {
  /** Searches answered from the cache when they were made before and nothing of their family was written since. */
  readonly gateway: DigitGateway;
  /** Searches always sent (verification, which waits for writes to become readable); they refresh the cache. */
  readonly fresh: DigitGateway;
  /** Forgets every search (e.g. after waiting on a confirmation, when others may have written). */
  clear(): void;
}

const ALL = "*";

/** The family a search reads (MDMS records per schema code: a write of one master changes no other's search). */
function readFamily(method: string, args: readonly unknown[]): string {
  switch (method) {
    case "searchMdms":
      return `mdms:${String(args[1])}`;
    case "searchSchemas":
      return "schema";
    case "searchBusinessServices":
      return "workflow";
    case "searchMessages":
      return "localization";
    case "searchHierarchies":
    case "searchBoundaries":
    case "searchRelationships":
      return "boundary";
    case "searchUsers":
    case "searchEmployees":
      return "people";
    default:
      return ALL;
  }
}

/** The families a write changes. Workflow search reads MDMS (BusinessServiceMasterConfig), so MDMS writes reach it. */
function writeFamilies(method: string, args: readonly unknown[]): string[] {
  switch (method) {
    case "createSchema":
    case "updateSchema":
      return ["schema"];
    case "createMdms":
    case "updateMdms":
      return [`mdms:${String((args[0] as { schemaCode?: unknown } | undefined)?.schemaCode)}`, "workflow"];
    case "createBusinessService":
    case "updateBusinessService":
      return ["workflow"];
    case "upsertMessages":
      return ["localization"];
    case "createHierarchy":
    case "createBoundaries":
    case "updateBoundaries":
    case "createRelationship":
    case "updateRelationship":
      return ["boundary"];
    case "createUser":
    case "updateUser":
    case "createEmployees":
    case "updateEmployees":
      return ["people"];
    default:
      return [ALL];
  }
}

export function createReadCache(gateway: DigitGateway): ReadCache {
  const entries = new Map<string, { family: string; value: Promise<unknown> }>();
  const forget = (families: string[]): void => {
    for (const [key, e] of entries) if (families.includes(ALL) || families.includes(e.family) || e.family === ALL) entries.delete(key);
  };
  const view = (useCache: boolean): DigitGateway =>
    new Proxy(gateway, {
      get(target, prop, receiver) {
        const value = Reflect.get(target, prop, receiver) as unknown;
        if (typeof prop !== "string" || typeof value !== "function") return value;
        if (prop.startsWith("search")) {
          return (...args: unknown[]) => {
            const key = `${prop}\u0000${JSON.stringify(args)}`;
            const hit = useCache ? entries.get(key) : undefined;
            if (hit) return hit.value;
            const read = Promise.resolve(Reflect.apply(value, target, args) as unknown);
            const entry = { family: readFamily(prop, args), value: read };
            entries.set(key, entry);
            // A failed search is not remembered.
            read.catch(() => entries.get(key) === entry && entries.delete(key));
            return read;
          };
        }
        return async (...args: unknown[]) => {
          const families = writeFamilies(prop, args);
          forget(families);
          try {
            return (await Reflect.apply(value, target, args)) as unknown;
          } finally {
            forget(families);
          }
        };
      },
    });
  return { gateway: view(true), fresh: view(false), clear: () => entries.clear() };
}
