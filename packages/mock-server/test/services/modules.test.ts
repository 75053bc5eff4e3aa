import { routes } from "@digit-kit/sdk/routes";
import { describe, expect, it } from "vitest";
import type { ServiceModule } from "../../src/core/types.js";
import { boundaryService } from "../../src/services/boundary/index.js";
import { encService } from "../../src/services/enc/index.js";
import { filestoreService } from "../../src/services/filestore/index.js";
import { hrmsService } from "../../src/services/hrms/index.js";
import { idgenService } from "../../src/services/idgen/index.js";
import { localizationService } from "../../src/services/localization/index.js";
import { mdmsService } from "../../src/services/mdms/index.js";
import { pgrService } from "../../src/services/pgr/index.js";
import { billingService } from "../../src/services/billing/index.js";
import { collectionService } from "../../src/services/collection/index.js";
import { mockOnlyRoutes } from "../../src/services/index.js";
import { pgService } from "../../src/services/pg/index.js";
import { pdfService, urlShortenerService, userEventService } from "../../src/services/stateless/index.js";
import { workflowService } from "../../src/services/workflow/index.js";

const modules: ServiceModule<unknown>[] = [
  mdmsService,
  workflowService,
  localizationService,
  idgenService,
  filestoreService,
  encService,
  boundaryService,
  hrmsService,
  pgrService,
  billingService,
  collectionService,
  pgService,
  pdfService,
  urlShortenerService,
  userEventService,
] as ServiceModule<unknown>[];

describe("service modules", () => {
  it("key every handler by an operationId of the route table, with no overlaps", () => {
    const seen = new Set<string>();
    for (const m of modules) {
      for (const op of Object.keys(m.handlers)) {
        expect([...Object.keys(routes), ...Object.keys(mockOnlyRoutes)], `${m.key}: ${op}`).toContain(op);
        expect(seen.has(op), op).toBe(false);
        seen.add(op);
      }
    }
  });

  it("cover every operation of their services", () => {
    const covered = new Set(modules.flatMap((m) => Object.keys(m.handlers)));
    const mine = Object.keys(routes).filter((op) => !op.startsWith("user.") && !op.startsWith("access."));
    expect(mine.filter((op) => !covered.has(op))).toEqual([]);
  });

  it("start from JSON-serialisable initial state", () => {
    for (const m of modules) expect(JSON.parse(JSON.stringify(m.initialState()))).toEqual(m.initialState());
  });
});
