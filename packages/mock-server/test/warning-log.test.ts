import { afterEach, describe, expect, it, vi } from "vitest";
import { createWarningLog } from "../src/node/warning-log.js";

const rbac = { operationId: "mdms.create", message: "RBAC_TEMPLATE_ACTION: ADMIN may call /mdms-v2/v2/_create/a.b only through a template" };
const other = { operationId: "mdms.create", message: "SCHEMA_CODE_MISMATCH: the path names schema x but Mdms.schemaCode is y" };

describe("standalone warning log", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("prints each distinct warning once and reports its repeats as a count when it closes", () => {
    const lines: string[] = [];
    const log = createWarningLog({ write: (l) => lines.push(l), intervalMs: 0 });
    for (let i = 0; i < 1000; i++) log.onWarning(rbac);
    log.onWarning(other);
    log.onWarning(other);
    expect(lines).toEqual([`digit-mock: warning: mdms.create: ${rbac.message}`, `digit-mock: warning: mdms.create: ${other.message}`]);
    log.close();
    expect(lines.slice(2)).toEqual([
      `digit-mock: warning repeated 999 more times: mdms.create: ${rbac.message}`,
      `digit-mock: warning repeated 1 more time: mdms.create: ${other.message}`,
    ]);
  });

  it("reports repeats periodically, each only once, and says nothing for a warning that did not repeat", () => {
    vi.useFakeTimers();
    const lines: string[] = [];
    const log = createWarningLog({ write: (l) => lines.push(l), intervalMs: 1000 });
    log.onWarning(other);
    log.onWarning(rbac);
    log.onWarning(rbac);
    log.onWarning(rbac);
    vi.advanceTimersByTime(1000);
    expect(lines).toEqual([
      `digit-mock: warning: mdms.create: ${other.message}`,
      `digit-mock: warning: mdms.create: ${rbac.message}`,
      `digit-mock: warning repeated 2 more times: mdms.create: ${rbac.message}`,
    ]);
    vi.advanceTimersByTime(5000);
    log.onWarning(rbac);
    log.close();
    expect(lines.slice(3)).toEqual([`digit-mock: warning repeated 1 more time: mdms.create: ${rbac.message}`]);
    log.onWarning(rbac);
    vi.advanceTimersByTime(5000);
    expect(lines).toHaveLength(4);
  });
});
