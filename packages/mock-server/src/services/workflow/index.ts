/** egov-workflow-v2: business service configs and process instances with DIGIT's transition rules. */
import type { ServiceModule } from "../../core/types.js";
import { createBusinessService, createBusinessServiceV2, searchBusinessServices, searchBusinessServicesV2, updateBusinessService } from "./business-services.js";
import { autoEscalate } from "./escalation.js";
import type { WorkflowSlice } from "./model.js";
import { countProcesses, nearingSlaCount, searchEscalated, searchProcesses, statusCount } from "./search.js";
import { transition } from "./transition.js";

export type { WorkflowSlice } from "./model.js";

export const workflowService: ServiceModule<WorkflowSlice> = {
  key: "workflow",
  initialState: () => ({ businessServices: {}, processes: {} }),
  handlers: {
    "workflow.transition": transition,
    "workflow.searchProcesses": searchProcesses,
    "workflow.countProcesses": countProcesses,
    "workflow.nearingSlaCount": nearingSlaCount,
    "workflow.statusCount": statusCount,
    "workflow.searchEscalated": searchEscalated,
    "workflow.autoEscalate": autoEscalate,
    "workflow.createBusinessService": createBusinessService,
    "workflow.updateBusinessService": updateBusinessService,
    "workflow.searchBusinessServices": searchBusinessServices,
    "workflow.createBusinessServiceV2": createBusinessServiceV2,
    "workflow.updateBusinessServiceV2": updateBusinessService,
    "workflow.searchBusinessServicesV2": searchBusinessServicesV2,
  },
};
