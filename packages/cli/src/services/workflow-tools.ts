import { readFile } from "node:fs/promises";
import { validateWorkflow, workflowToMermaid, type WorkflowIssue } from "@digit-kit/bundle";
import { parse as parseYaml } from "yaml";

export interface WorkflowCheck {
  businessService: string;
  /** JSON pointer of the business service inside the file. */
  pointer: string;
  issues: WorkflowIssue[];
  /** True when no issue is an error. */
  ok: boolean;
}

/** Business services in a file: DIGIT's `{BusinessServices: [...]}` JSON, a bare list, or one object (YAML or JSON). */
async function readBusinessServices(path: string): Promise<{ pointer: string; bs: Record<string, unknown> }[]> {
  const text = await readFile(path, "utf8");
  let doc: unknown;
  try {
    doc = path.endsWith(".json") ? JSON.parse(text) : parseYaml(text);
  } catch (err) {
    throw new Error(`${path}: cannot parse: ${(err as Error).message.split("\n")[0]}. Fix the syntax and retry.`);
  }
  if (doc && typeof doc === "object" && Array.isArray((doc as { BusinessServices?: unknown }).BusinessServices)) {
    return ((doc as { BusinessServices: Record<string, unknown>[] }).BusinessServices).map((bs, i) => ({ pointer: `/BusinessServices/${i}`, bs }));
  }
  if (Array.isArray(doc)) return (doc as Record<string, unknown>[]).map((bs, i) => ({ pointer: `/${i}`, bs }));
  if (doc && typeof doc === "object" && Array.isArray((doc as { states?: unknown }).states)) return [{ pointer: "", bs: doc as Record<string, unknown> }];
  throw new Error(`${path}: no business service found. Expected {BusinessServices: [...]} or a business service with states.`);
}

/** `digit workflow validate <file>`: graph checks for every business service in the file. */
export async function validateWorkflowFile(path: string, options: { knownRoles?: ReadonlySet<string> } = {}): Promise<WorkflowCheck[]> {
  return (await readBusinessServices(path)).map(({ pointer, bs }) => {
    const issues = validateWorkflow(bs, options).map((i) => ({ ...i, pointer: pointer + i.pointer }));
    return { businessService: String(bs.businessService ?? "(unnamed)"), pointer, issues, ok: issues.every((i) => i.severity !== "error") };
  });
}

/** `digit workflow graph <file>`: a Mermaid stateDiagram per business service. */
export async function workflowGraph(path: string): Promise<{ businessService: string; mermaid: string }[]> {
  return (await readBusinessServices(path)).map(({ bs }) => ({ businessService: String(bs.businessService ?? "(unnamed)"), mermaid: workflowToMermaid(bs) }));
}
