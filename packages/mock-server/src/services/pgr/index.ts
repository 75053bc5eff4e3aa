/**
 * pgr-services (PGR v2): citizen complaints on top of MDMS (complaint types), egov-user (the citizen), HRMS (the
 * assignees' departments), idgen (the complaint number) and egov-workflow-v2 (the PGR business service), all reached
 * through `ctx.call` as pgr-services reaches them over HTTP.
 */
import type { ServiceModule } from "../../core/types.js";
import { initialPgrSlice, type PgrSlice } from "./model.js";
import { countComplaints, plainSearchComplaints, searchComplaints } from "./search.js";
import { createComplaint, updateComplaint } from "./write.js";

export type { PgrSlice, StoredComplaint } from "./model.js";

export const pgrService: ServiceModule<PgrSlice> = {
  key: "pgr",
  initialState: initialPgrSlice,
  handlers: {
    "pgr.create": createComplaint,
    "pgr.update": updateComplaint,
    "pgr.search": searchComplaints,
    "pgr.count": countComplaints,
    "pgr.plainSearch": plainSearchComplaints,
  },
};
