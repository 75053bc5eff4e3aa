/**
 * The public view of state (`GET /_mock/state`) and its way back in. The view leaves out or replaces what a
 * module's `publicState` hides (by default the SDK's `redact`: passwords, tokens become "[REDACTED]");
 * restoring such a view keeps the hidden values the running mock holds at the same paths, so
 * `state → restore` does not log anyone out or lose passwords, and the view never has to carry a secret.
 */
import { redact, REDACTED } from "@digit-kit/sdk/redact";

const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object";

/** The core's public view of a slice when its module has no `publicState`. */
export function defaultPublicState(slice: unknown): unknown {
  return redact(slice);
}

/**
 * Put back into `incoming` (a restored public view, modified in place) what `view` hid of `current`:
 * a key `current` has and `view` lacks is copied from `current` wherever `incoming` has the parent but not
 * the key; a scalar `view` replaced (e.g. by "[REDACTED]") is taken from `current` where `incoming` still
 * holds the replacement. Paths are matched by key, so records keep their secrets by id, not by position.
 * A "[REDACTED]" with nothing to take it from is dropped, so it never becomes a password.
 */
export function carryHidden(incoming: unknown, current: unknown, view: unknown, copy: (v: unknown) => unknown): void {
  carry(incoming, current, view, copy);
  dropPlaceholders(incoming);
}

function carry(incoming: unknown, current: unknown, view: unknown, copy: (v: unknown) => unknown): void {
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
    if (isObj(cur) && isObj(shown)) carry(incoming[key], cur, shown, copy);
    else if (shown !== cur && incoming[key] === shown) incoming[key] = copy(cur);
  }
}

function dropPlaceholders(value: unknown): void {
  if (!isObj(value)) return;
  for (const [key, v] of Object.entries(value)) {
    if (v === REDACTED && !Array.isArray(value)) delete value[key];
    else dropPlaceholders(v);
  }
}
