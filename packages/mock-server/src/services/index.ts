/**
 * The registry of service modules. Every module's handlers are keyed by route-table operationIds; the core
 * builds its dispatch from this list. Operations without a module answer a spec-shaped empty result.
 *
 * TODO(lead): add the domain modules as they land (each exported from services/<name>/index.ts):
 *   workflow, localization, idgen, filestore, enc, boundary, hrms, stateless.
 */
import type { ServiceModule } from "../core/types.js";
import { mdmsService } from "./mdms/index.js";
import { userModule } from "./user/index.js";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const serviceModules: ServiceModule<any>[] = [userModule, mdmsService];
