/** The conformance suite's test API: `behaviour` to register one DIGIT behaviour, raw HTTP helpers, targets. */
export { behaviour, sourceProblem, type BehaviourOptions, type Conformance } from "./behaviour.js";
export { answer, DigitConnection, requestInfo, OAUTH_CLIENT, type Answer, type CallOptions, type Json } from "./http.js";
export { openTarget, targetKind, type Credentials, type Target, type TargetKind } from "./target.js";
