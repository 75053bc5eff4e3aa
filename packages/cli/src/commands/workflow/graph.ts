/** `digit workflow graph <file|code>`: a Mermaid stateDiagram of a business service, from a file or the server. */
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { UserError } from "../../errors.js";
import { normalizeBusinessService } from "../../services/resources/workflow.js";
import { businessServicesIn, workflowGraphs } from "../../services/workflow-tools.js";
import { connect } from "../shared/connect.js";
import { readDataFile } from "../shared/read-data-file.js";
import type { CommandContext } from "../types.js";

async function fetchBusinessService(ctx: CommandContext, code: string): Promise<Record<string, unknown>> {
  const tenant = ctx.options.tenant as string | undefined;
  const { gateway, connection } = connect(ctx, tenant);
  const tenantId = tenant ?? connection.loginTenant;
  const found = (await gateway.searchBusinessServices(tenantId, [code])).find((b) => b.businessService === code);
  if (!found) {
    throw new UserError(`No business service "${code}" in tenant ${tenantId}.`, {
      fix: "Check the code (case matters) and --tenant, or pass a workflow file instead.",
    });
  }
  // DIGIT answers nextState as state uuids: draw with state names.
  return normalizeBusinessService(found);
}

export default async function workflowGraph(ctx: CommandContext): Promise<number> {
  const target = String(ctx.args[0]);
  const looksLikeFile = existsSync(resolve(ctx.io.cwd, target)) || /\.(json|ya?ml)$/i.test(target);
  const services = looksLikeFile
    ? businessServicesIn(readDataFile(ctx.io.cwd, target), target).map((f) => f.businessService)
    : [await fetchBusinessService(ctx, target)];
  const graphs = workflowGraphs(services, "");
  ctx.out.result({ source: target, graphs }, () => graphs.map((g) => g.mermaid).join("\n\n"));
  return 0;
}
