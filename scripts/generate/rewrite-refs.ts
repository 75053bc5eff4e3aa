/**
 * Step 2: make upstream external `$ref`s resolvable offline and licence-clean.
 * `https://raw.githubusercontent.com/...` becomes the local `common/...` copy; fragments of the GPL
 * egov-services common contracts are remapped to the MIT Digit-Core common contract. Every such fragment is an
 * envelope schema, which the envelope step replaces with DIGIT Kit's own set, so the ref finally points at a
 * local stub definition of the same name.
 */
import { isObject, mapRefs } from "./json.js";
import { loadUpstream } from "./load-upstream.js";
import type { JsonObject } from "./types.js";

const RAW_PREFIX = "https://raw.githubusercontent.com/";
const EGOV_SERVICES_COMMON =
  /^common\/egovernments\/egov-services\/master\/docs\/common\/contracts\/v1-[01]-[01]\.yml#\/definitions\/(\w+)$/;
export const MIT_COMMON = "common/egovernments/Digit-Core/master/core-services/docs/common-contract.yml";
/** Fragments absent from the MIT contract, defined by DIGIT Kit itself in specs/overlays/common.yaml. */
const OWN_DEFINITIONS = new Set(["TenantRole"]);

export interface RefRewrite {
  from: string;
  to: string;
}

/** Rewrite external refs of a Swagger 2.0 document in place; returns the distinct rewrites made. */
export function rewriteRefs(doc: JsonObject, dir: string, file: string): RefRewrite[] {
  const mit = loadUpstream(dir, MIT_COMMON);
  const mitDefinitions = isObject(mit["definitions"]) ? mit["definitions"] : {};
  const rewrites = new Map<string, string>();
  const stubs = new Set<string>();

  mapRefs(doc, (ref) => {
    if (ref.startsWith("#")) return ref;
    const local = ref.startsWith(RAW_PREFIX) ? `common/${ref.slice(RAW_PREFIX.length)}` : ref;
    const match = EGOV_SERVICES_COMMON.exec(local);
    if (!match) {
      throw new Error(`${file}: unsupported external $ref ${ref}. Map it in scripts/generate/rewrite-refs.ts.`);
    }
    const name = match[1] as string;
    if (!(name in mitDefinitions) && !OWN_DEFINITIONS.has(name)) {
      throw new Error(`${file}: $ref ${ref} has no counterpart in ${MIT_COMMON} nor in specs/overlays/common.yaml.`);
    }
    const target = OWN_DEFINITIONS.has(name) ? `specs/overlays/common.yaml#/components/schemas/${name}` : `${MIT_COMMON}#/definitions/${name}`;
    rewrites.set(ref, target);
    stubs.add(name);
    return `#/definitions/${name}`;
  });

  const definitions = isObject(doc["definitions"]) ? doc["definitions"] : (doc["definitions"] = {});
  for (const name of stubs) {
    if (!(name in definitions)) definitions[name] = { type: "object" };
  }
  return [...rewrites].map(([from, to]) => ({ from, to }));
}
