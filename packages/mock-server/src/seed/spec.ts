/** How the built-in seed's pieces name their origin and turn schema definitions into bundle specs. */
import type { MdmsSchemaSpec } from "@digit-kit/bundle";

export const SEED_FILE = "(built-in seed)";

export const seedOrigin = (pointer: string) => ({ file: SEED_FILE, pointer });

/** One schema spec per definition at `state`, described by its code. */
export function seedSchemas(definitions: Readonly<Record<string, Readonly<Record<string, unknown>>>>, state: string): MdmsSchemaSpec[] {
  return Object.entries(definitions).map(([code, definition]) => ({
    tenantId: state,
    code,
    description: code,
    isActive: true,
    definition: structuredClone(definition),
    origin: seedOrigin(`/schemas/${code}`),
  }));
}
