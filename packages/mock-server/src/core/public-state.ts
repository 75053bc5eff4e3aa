/**
 * The public view of state (`GET /_mock/state`) and its way back in. The view leaves out what a module's
 * `publicState` hides (by default `redactSecrets`: passwords, tokens); restoring such a view keeps the hidden
 * values the running mock holds at the same paths, so `state → restore` does not log anyone out or lose
 * passwords, and the view never has to carry a secret.
 */
import { redactSecrets } from "./redact.js";

const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object";

/** The core's public view of a slice when its module has no `publicState`. */
export function defaultPublicState(slice: unknown): unknown {
  return redactSecrets(slice);
}

/**
 * Put back into `incoming` (a restored public view, modified in place) what `view` hid of `current`:
 * a key `current` has and `view` lacks is copied from `current` wherever `incoming` has the parent but not
 * the key; a scalar `view` replaced (e.g. by "[REDACTED]") is taken from `current` where `incoming` still
 * holds the replacement. Paths are matched by key, so records keep their secrets by id, not by position.
 */
export function carryHidden(incoming: unknown, current: unknown, view: unknown, copy: (v: unknown) => unknown): void {
  if (!isObj(incoming) || !isObj(current)) return;
  const pub = isObj(view) ? view : {};
  for (const key of Object.keys(current)) {
    const cur = current[key];
    const has = Object.prototype.hasOwnProperty.call(incoming, key);
    if (!Object.prototype.hasOwnProperty.call(pub, key)) {
      if (!has) incoming[key] = copy(cur);
      continue;
    }
    if (!has) continue;
    const shown = pub[key];
    if (isObj(cur)) carryHidden(incoming[key], cur, shown, copy);
    else if (shown !== cur && incoming[key] === shown) incoming[key] = cur;
  }
}
