/** Step 6: check operationIds: `<service>.<method>`, method camelCase, unique across every service. */
import type { ServiceOverlay } from "./types.js";

const METHOD = /^[a-z][A-Za-z0-9]*$/;

export function checkOperationIds(overlays: readonly ServiceOverlay[]): string[] {
  const seen = new Set<string>();
  const ids: string[] = [];
  for (const overlay of overlays) {
    for (const method of Object.keys(overlay.operations)) {
      const id = `${overlay.service}.${method}`;
      if (!METHOD.test(method)) throw new Error(`specs/overlays/${overlay.service}.yaml: method name "${method}" must be camelCase.`);
      if (seen.has(id)) throw new Error(`Duplicate operationId ${id}.`);
      seen.add(id);
      ids.push(id);
    }
  }
  return ids;
}
