/**
 * `@digit-kit/mock-server`: a stateful mock of eGov DIGIT. One handler set, two transports:
 * `createMockServer` (standalone node:http) and `createDigitMock` (msw handlers + an injectable `fetch`).
 * @packageDocumentation
 */
export { createDigitMock, type DigitMock, type DigitMockOptions } from "./msw.js";
export { createMockServer, type MockServer, type MockServerOptions } from "./node/server.js";
export { startMockServerCli, mockCliUsage, MockCliUsageError, MockPortError, type StartedMockCli } from "./cli.js";
export { createMockControl, MockControlError, type MockControl, type ControlFaults } from "./control-client.js";
export { CONTROL_TOKEN_HEADER } from "./core/control-token.js";
export { createEngine, loadSeed, seedBundle, type CreateEngineOptions } from "./create-engine.js";
export { MockEngine, defaultMockOptions, type HandleInput } from "./core/dispatch.js";
export { digitError, digitFail, digitOk, ErrorCodes, MockHttpError, responseInfo, type ErrorCode } from "./core/errors.js";
export type { FaultConfig, ErrorFault } from "./core/faults.js";
export { StateValidationError, type StateSnapshot } from "./core/state.js";
export { StateFileError } from "./core/persist.js";
export { DEFAULT_CREDENTIALS, DEFAULT_STATE_TENANT, DEFAULT_CITY_TENANT } from "./seed/default-seed.js";
export { SeedError } from "./seed/apply-bundle.js";
export type * from "./core/types.js";
