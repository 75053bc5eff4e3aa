import { bindService } from "./core/bind-service.js";
import { createCore, type DigitCore } from "./core/core.js";
import type { DigitClientOptions } from "./core/options.js";
import type { ServiceClient } from "./core/types.js";
import { userRoutes, type UserOperations } from "./generated/user/routes.gen.js";
import { accessRoutes, type AccessOperations } from "./generated/access/routes.gen.js";
import { mdmsV1Routes, type MdmsV1Operations } from "./generated/mdmsV1/routes.gen.js";
import { mdmsRoutes, type MdmsOperations } from "./generated/mdms/routes.gen.js";
import { workflowRoutes, type WorkflowOperations } from "./generated/workflow/routes.gen.js";
import { localizationRoutes, type LocalizationOperations } from "./generated/localization/routes.gen.js";
import { idgenRoutes, type IdgenOperations } from "./generated/idgen/routes.gen.js";
import { filestoreRoutes, type FilestoreOperations } from "./generated/filestore/routes.gen.js";
import { encRoutes, type EncOperations } from "./generated/enc/routes.gen.js";
import { boundaryRoutes, type BoundaryOperations } from "./generated/boundary/routes.gen.js";
import { hrmsRoutes, type HrmsOperations } from "./generated/hrms/routes.gen.js";
import { userEventRoutes, type UserEventOperations } from "./generated/userEvent/routes.gen.js";
import { urlShortenerRoutes, type UrlShortenerOperations } from "./generated/urlShortener/routes.gen.js";
import { pdfRoutes, type PdfOperations } from "./generated/pdf/routes.gen.js";
import { billingRoutes, type BillingOperations } from "./generated/billing/routes.gen.js";
import { collectionRoutes, type CollectionOperations } from "./generated/collection/routes.gen.js";
import { pgRoutes, type PgOperations } from "./generated/pg/routes.gen.js";
import { authRoutes } from "./services/auth-routes.js";

/** The full client: {@link DigitCore} (auth, paginate, request) plus one namespace per DIGIT service. */
export interface DigitClient extends DigitCore {
  readonly user: ServiceClient<UserOperations, typeof userRoutes>;
  readonly access: ServiceClient<AccessOperations, typeof accessRoutes>;
  readonly mdmsV1: ServiceClient<MdmsV1Operations, typeof mdmsV1Routes>;
  readonly mdms: ServiceClient<MdmsOperations, typeof mdmsRoutes>;
  readonly workflow: ServiceClient<WorkflowOperations, typeof workflowRoutes>;
  readonly localization: ServiceClient<LocalizationOperations, typeof localizationRoutes>;
  readonly idgen: ServiceClient<IdgenOperations, typeof idgenRoutes>;
  readonly filestore: ServiceClient<FilestoreOperations, typeof filestoreRoutes>;
  readonly enc: ServiceClient<EncOperations, typeof encRoutes>;
  readonly boundary: ServiceClient<BoundaryOperations, typeof boundaryRoutes>;
  readonly hrms: ServiceClient<HrmsOperations, typeof hrmsRoutes>;
  readonly userEvent: ServiceClient<UserEventOperations, typeof userEventRoutes>;
  readonly urlShortener: ServiceClient<UrlShortenerOperations, typeof urlShortenerRoutes>;
  readonly pdf: ServiceClient<PdfOperations, typeof pdfRoutes>;
  readonly billing: ServiceClient<BillingOperations, typeof billingRoutes>;
  readonly collection: ServiceClient<CollectionOperations, typeof collectionRoutes>;
  readonly pg: ServiceClient<PgOperations, typeof pgRoutes>;
}

/**
 * Creates a client for every DIGIT service. Methods are typed from the generated OpenAPI types:
 * `RequestInfo` is filled for you, path params go in `params`, query params in `query`.
 *
 * @example
 * ```ts
 * const digit = createDigitClient({ baseUrl: "https://unified-dev.digit.org", tenantId: "pb" });
 * await digit.auth.login({ username: "ADMIN", password: "eGov@123", userType: "EMPLOYEE" });
 * const { mdms } = await digit.mdms.search({ MdmsCriteria: { tenantId: "pb", schemaCode: "common-masters.Department" } });
 * ```
 */
export function createDigitClient(options: DigitClientOptions): DigitClient {
  const core = createCore(options, authRoutes);
  return {
    ...core,
    user: bindService<UserOperations, typeof userRoutes>(core.request, userRoutes),
    access: bindService<AccessOperations, typeof accessRoutes>(core.request, accessRoutes),
    mdmsV1: bindService<MdmsV1Operations, typeof mdmsV1Routes>(core.request, mdmsV1Routes),
    mdms: bindService<MdmsOperations, typeof mdmsRoutes>(core.request, mdmsRoutes),
    workflow: bindService<WorkflowOperations, typeof workflowRoutes>(core.request, workflowRoutes),
    localization: bindService<LocalizationOperations, typeof localizationRoutes>(core.request, localizationRoutes),
    idgen: bindService<IdgenOperations, typeof idgenRoutes>(core.request, idgenRoutes),
    filestore: bindService<FilestoreOperations, typeof filestoreRoutes>(core.request, filestoreRoutes),
    enc: bindService<EncOperations, typeof encRoutes>(core.request, encRoutes),
    boundary: bindService<BoundaryOperations, typeof boundaryRoutes>(core.request, boundaryRoutes),
    hrms: bindService<HrmsOperations, typeof hrmsRoutes>(core.request, hrmsRoutes),
    userEvent: bindService<UserEventOperations, typeof userEventRoutes>(core.request, userEventRoutes),
    urlShortener: bindService<UrlShortenerOperations, typeof urlShortenerRoutes>(core.request, urlShortenerRoutes),
    pdf: bindService<PdfOperations, typeof pdfRoutes>(core.request, pdfRoutes),
    billing: bindService<BillingOperations, typeof billingRoutes>(core.request, billingRoutes),
    collection: bindService<CollectionOperations, typeof collectionRoutes>(core.request, collectionRoutes),
    pg: bindService<PgOperations, typeof pgRoutes>(core.request, pgRoutes),
  };
}

/**
 * Creates the shared core (pipeline + session) without any service namespace. Hand it to several
 * `create<Service>Client` factories so they share one login.
 *
 * @example
 * ```ts
 * const core = createDigitCore({ baseUrl, tenantId: "pb" });
 * await core.auth.login({ username: "ADMIN", password: "eGov@123" });
 * const mdms = createMdmsClient(core);
 * ```
 */
export function createDigitCore(options: DigitClientOptions): DigitCore {
  return createCore(options, authRoutes);
}
