/**
 * Step 10: the SDK's service clients. One `create<Service>Client` per service (its own subpath export, so a
 * browser app that needs one service bundles only that service's routes), and the `DigitServices` binding
 * that `createDigitClient` spreads over its core.
 */
import { banner, pascal, SDK_GENERATED, type Route } from "./emit-route-table.js";
import type { OutputFile } from "./types.js";

/** The package subpath of a service: `mdmsV1` → `mdms-v1`. */
export const subpathOf = (service: string): string => service.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** An example call for the TSDoc: the first search-like operation, else the first operation. */
function exampleMethod(routes: readonly Route[]): string {
  const sorted = [...routes].sort((a, b) => a.method.localeCompare(b.method));
  return (sorted.find((r) => r.retrySafe && r.body === "json") ?? sorted[0])?.method ?? "";
}

/** `generated/<key>/client.gen.ts`. */
export function emitServiceClient(service: string, routes: readonly Route[]): OutputFile {
  const type = `${pascal(service)}Client`;
  const factory = `create${pascal(service)}Client`;
  const ops = `${pascal(service)}Operations`;
  const lines = [
    banner("scripts/generate/emit-clients.ts"),
    `import { authRoutes } from "../../core/auth-routes.js";`,
    `import { bindService } from "../../core/bind-service.js";`,
    `import { toCore, type CoreOrOptions } from "../../core/core.js";`,
    `import type { ServiceClient } from "../../core/types.js";`,
    `import { ${service}Routes, type ${ops} } from "./routes.gen.js";`,
    ``,
    `/** The \`${service}\` service namespace: one typed method per operation of the route table. */`,
    `export type ${type} = ServiceClient<${ops}, typeof ${service}Routes>;`,
    ``,
    `/**`,
    ` * A client for the \`${service}\` service only (tree-shakable: pulls just this service's routes).`,
    ` * Pass client options, or an existing \`DigitCore\`/\`DigitClient\` to share its login.`,
    ` *`,
    ` * @example`,
    ` * \`\`\`ts`,
    ` * import { ${factory} } from "@digit-kit/sdk/${subpathOf(service)}";`,
    ` * const ${service} = ${factory}({ baseUrl: "https://digit.example.org", tenantId: "pb", auth: { token } });`,
    ` * const answer = await ${service}.${exampleMethod(routes)}(body);`,
    ` * \`\`\``,
    ` */`,
    `export function ${factory}(options: CoreOrOptions): ${type} {`,
    `  return bindService<${ops}, typeof ${service}Routes>(toCore(options, authRoutes).request, ${service}Routes);`,
    `}`,
    ``,
  ];
  return { path: `${SDK_GENERATED}/${service}/client.gen.ts`, content: lines.join("\n") };
}

/** `generated/services.gen.ts`: every namespace of the full client, bound to one request pipeline. */
export function emitServicesBinding(services: readonly string[]): OutputFile {
  const lines = [
    banner("scripts/generate/emit-clients.ts"),
    `import { bindService } from "../core/bind-service.js";`,
    `import type { DigitCore } from "../core/core.js";`,
    `import type { ServiceClient } from "../core/types.js";`,
    ...services.map((s) => `import { ${s}Routes, type ${pascal(s)}Operations } from "./${s}/routes.gen.js";`),
    ``,
    `/** One namespace per DIGIT service, as \`createDigitClient\` exposes them. */`,
    `export interface DigitServices {`,
    ...services.map((s) => `  readonly ${s}: ServiceClient<${pascal(s)}Operations, typeof ${s}Routes>;`),
    `}`,
    ``,
    `/** Binds every service namespace to one request pipeline. */`,
    `export function bindServices(request: DigitCore["request"]): DigitServices {`,
    `  return {`,
    ...services.map((s) => `    ${s}: bindService<${pascal(s)}Operations, typeof ${s}Routes>(request, ${s}Routes),`),
    `  };`,
    `}`,
    ``,
  ];
  return { path: `${SDK_GENERATED}/services.gen.ts`, content: lines.join("\n") };
}

/** `generated/service-clients.gen.ts`: every per-service factory, re-exported by the package root. */
export function emitServiceClientsIndex(services: readonly string[]): OutputFile {
  const lines = [
    banner("scripts/generate/emit-clients.ts"),
    ...services.map((s) => `export { create${pascal(s)}Client, type ${pascal(s)}Client } from "./${s}/client.gen.js";`),
    ``,
  ];
  return { path: `${SDK_GENERATED}/service-clients.gen.ts`, content: lines.join("\n") };
}

/** `generated/subpaths.gen.json`: package subpath → service key, read by tsup.config.ts and the exports test. */
export function emitSubpaths(services: readonly string[]): OutputFile {
  const map = Object.fromEntries(services.map((s) => [subpathOf(s), s]));
  return { path: `${SDK_GENERATED}/subpaths.gen.json`, content: `${JSON.stringify(map, null, 2)}\n` };
}
