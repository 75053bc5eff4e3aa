/**
 * The registry of service modules. Every module's handlers are keyed by route-table operationIds; the core
 * builds its dispatch from this list. Operations without a module answer a spec-shaped empty result.
 */
import type { RouteDef } from "@digit-kit/sdk/routes";
import type { ServiceModule } from "../core/types.js";
import { accessService } from "./access/index.js";
import { boundaryService } from "./boundary/index.js";
import { encService } from "./enc/index.js";
import { filestoreService } from "./filestore/index.js";
import { hrmsService } from "./hrms/index.js";
import { idgenService } from "./idgen/index.js";
import { localizationService } from "./localization/index.js";
import { mdmsService } from "./mdms/index.js";
import { pgrService } from "./pgr/index.js";
import { billingService } from "./billing/index.js";
import { collectionService } from "./collection/index.js";
import { mockGatewayRoutes, pgService } from "./pg/index.js";
import { pdfService, urlShortenerService, userEventService } from "./stateless/index.js";
import { userModule } from "./user/index.js";
import { workflowService } from "./workflow/index.js";

/**
 * Routes the mock serves that DIGIT has not (the payment gateway's fake page): merged into the route table the
 * engine dispatches on, never into the SDK's.
 */
export const mockOnlyRoutes: Record<string, RouteDef> = { ...mockGatewayRoutes };

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const serviceModules: ServiceModule<any>[] = [
  userModule,
  accessService,
  mdmsService,
  workflowService,
  localizationService,
  idgenService,
  filestoreService,
  encService,
  boundaryService,
  hrmsService,
  pgrService,
  userEventService,
  urlShortenerService,
  pdfService,
  billingService,
  collectionService,
  pgService,
];
