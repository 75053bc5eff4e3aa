import { bindService } from "../core/bind-service.js";
import { toCore, type CoreOrOptions } from "../core/core.js";
import type { ServiceClient } from "../core/types.js";
import { workflowRoutes, type WorkflowOperations } from "../generated/workflow/routes.gen.js";
import { authRoutes } from "./auth-routes.js";

/** The `workflow` service namespace: one typed method per operation of the route table. */
export type WorkflowClient = ServiceClient<WorkflowOperations, typeof workflowRoutes>;

/**
 * A client for the `workflow` service only (tree-shakable: pulls just this service's routes).
 * Pass client options, or an existing `DigitCore`/`DigitClient` to share its login.
 *
 * @example
 * ```ts
 * import { createWorkflowClient } from "@digit-kit/sdk/workflow";
 * const workflow = createWorkflowClient({ baseUrl: "https://unified-dev.digit.org", tenantId: "pb", auth: { token } });
 * await workflow.transition({ ProcessInstances: [{ tenantId: "pb.amritsar", businessService: "PGR", businessId: "PB-PGR-1", action: "ASSIGN", moduleName: "rainmaker-pgr" }] });
 * ```
 */
export function createWorkflowClient(options: CoreOrOptions): WorkflowClient {
  return bindService<WorkflowOperations, typeof workflowRoutes>(toCore(options, authRoutes).request, workflowRoutes);
}
