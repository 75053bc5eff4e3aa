import type { IssueSink } from "./errors.js";

const ENV_REF = /^\$\{env:([A-Za-z_][A-Za-z0-9_]*)\}$/;

/**
 * Resolves a `${env:VAR}` password reference from `env`. Plain strings pass through. A missing variable is
 * reported by name only; the value is never echoed.
 */
export function resolveSecret(
  value: string | undefined,
  env: Record<string, string | undefined>,
  file: string,
  pointer: string,
  sink: IssueSink,
): string | undefined {
  if (value === undefined) return undefined;
  const m = ENV_REF.exec(value);
  if (!m) return value;
  const name = m[1]!;
  const resolved = env[name];
  if (resolved === undefined || resolved === "") {
    sink.error(file, pointer, `environment variable ${name} is not set`, `Export ${name} before running, or remove the password.`);
    return undefined;
  }
  return resolved;
}
