/** Workflow checks and graphs, once: `digit workflow validate|graph` and the programmatic API both use these. */
import { readFile } from "node:fs/promises";
import { validateWorkflow, workflowToMermaid, type WorkflowIssue } from "@digit-kit/bundle";
import { parse as parseYaml } from "yaml";
import { UserError } from "../errors.js";

export interface FoundBusinessService {
  /** JSON pointer of the business service inside its file ("" for a file that is one business service). */
  pointer: string;
  businessService: Record<string, unknown>;
}

export interface WorkflowCheck {
  businessService: string;
  /** JSON pointer of the business service inside the file. */
  pointer: string;
  issues: WorkflowIssue[];
  /** True when no issue is an error. */
  ok: boolean;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Accepts `{BusinessServices:[...]}`, `[...]`, a single BusinessService, or a DIGIT Kit `{workflows:[...]}`. */
export function businessServicesIn(data: unknown, file: string): FoundBusinessService[] {
  const list = (items: unknown[], base: string) =>
    items.filter(isObject).map((bs, i) => ({ pointer: `${base}/${i}`, businessService: bs }));
  if (Array.isArray(data)) return list(data, "");
  if (isObject(data)) {
    if (Array.isArray(data.BusinessServices)) return list(data.BusinessServices, "/BusinessServices");
    if (Array.isArray(data.workflows)) return list(data.workflows, "/workflows");
    if (Array.isArray(data.states)) return [{ pointer: "", businessService: data }];
  }
  throw new UserError(`${file} holds no workflow business service.`, {
    where: file,
    fix: "Expected a BusinessService object (with states), an array of them, or {BusinessServices: [...]}.",
  });
}

const codeOf = (bs: Record<string, unknown>, fallback: string): string => (typeof bs.businessService === "string" ? bs.businessService : fallback);

/** Graph checks for every business service found (issue pointers relative to the file). */
export function checkWorkflows(found: readonly FoundBusinessService[], options: { knownRoles?: ReadonlySet<string> } = {}): WorkflowCheck[] {
  return found.map(({ pointer, businessService }) => {
    const issues = validateWorkflow(businessService, options).map((i) => ({ ...i, pointer: pointer + i.pointer }));
    return { businessService: codeOf(businessService, "(unnamed)"), pointer, issues, ok: issues.every((i) => i.severity !== "error") };
  });
}

/** A Mermaid stateDiagram per business service. */
export function workflowGraphs(services: readonly Record<string, unknown>[], fallback = "(unnamed)"): { businessService: string; mermaid: string }[] {
  return services.map((bs) => ({ businessService: codeOf(bs, fallback), mermaid: workflowToMermaid(bs) }));
}

/** Business services in a file: DIGIT's `{BusinessServices: [...]}` JSON, a bare list, or one object (YAML or JSON). */
async function readBusinessServices(path: string): Promise<FoundBusinessService[]> {
  const text = await readFile(path, "utf8");
  let doc: unknown;
  try {
    doc = path.endsWith(".json") ? JSON.parse(text) : parseYaml(text);
  } catch (err) {
    throw new Error(`${path}: cannot parse: ${(err as Error).message.split("\n")[0]}. Fix the syntax and retry.`);
  }
  return businessServicesIn(doc, path);
}

/** `digit workflow validate <file>`: graph checks for every business service in the file. */
export async function validateWorkflowFile(path: string, options: { knownRoles?: ReadonlySet<string> } = {}): Promise<WorkflowCheck[]> {
  return checkWorkflows(await readBusinessServices(path), options);
}

/** `digit workflow graph <file>`: a Mermaid stateDiagram per business service. */
export async function workflowGraph(path: string): Promise<{ businessService: string; mermaid: string }[]> {
  return workflowGraphs((await readBusinessServices(path)).map((f) => f.businessService));
}
