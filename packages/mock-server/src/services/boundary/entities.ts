/** `boundary/_create|_search|_update`: boundary entities (code + geometry). */
import type { OperationHandler } from "../../core/types.js";
import { actorOf, newAudit, touchAudit } from "../shared/audit.js";
import { digitError, handle, ok, reject, rejectAll } from "../shared/respond.js";
import { int, list, recordsAt, str } from "../shared/values.js";
import type { BoundaryEntity, BoundarySlice } from "./model.js";
import { wire } from "./model.js";

function items(body: Record<string, unknown>): Record<string, unknown>[] {
  const list = recordsAt(body, "Boundary");
  if (list.length === 0) reject("INVALID_BOUNDARY", "Boundary must hold at least one {tenantId, code, geometry}.", ["Boundary"]);
  const errors = list.flatMap((b, i) =>
    str(b["tenantId"]) === undefined || str(b["code"]) === undefined
      ? [digitError("INVALID_BOUNDARY", `Boundary[${i}] needs tenantId and code.`, [String(i)])]
      : [],
  );
  rejectAll(errors);
  return list;
}

export const createEntities: OperationHandler<BoundarySlice> = (req, ctx, slice) =>
  handle(req, ctx.now(), () => {
    const input = items(req.body);
    const seen = new Set<string>();
    rejectAll(
      input.flatMap((b) => {
        const tenantId = str(b["tenantId"]) as string;
        const code = str(b["code"]) as string;
        const dup = slice.entities[tenantId]?.[code] !== undefined || seen.has(`${tenantId}|${code}`);
        seen.add(`${tenantId}|${code}`);
        return dup ? [digitError("DUPLICATE_BOUNDARY_CODE", `Boundary ${code} already exists for tenant ${tenantId}; use boundary/_update.`, [code, tenantId])] : [];
      }),
    );
    const now = ctx.now();
    const created = input.map((b): BoundaryEntity => ({
      id: ctx.uuid(),
      tenantId: str(b["tenantId"]) as string,
      code: str(b["code"]) as string,
      geometry: structuredClone(b["geometry"] ?? null),
      additionalDetails: structuredClone(b["additionalDetails"] ?? null),
      auditDetails: newAudit(actorOf(req), now),
      visibleFrom: now + ctx.options.writeLagMs,
    }));
    for (const e of created) (slice.entities[e.tenantId] ??= {})[e.code] = e;
    return ok(req, now, req.route.successStatus, { Boundary: created.map(wire) });
  });

export const updateEntities: OperationHandler<BoundarySlice> = (req, ctx, slice) =>
  handle(req, ctx.now(), () => {
    const input = items(req.body);
    rejectAll(
      input.flatMap((b) => {
        const tenantId = str(b["tenantId"]) as string;
        const code = str(b["code"]) as string;
        return slice.entities[tenantId]?.[code] === undefined
          ? [digitError("BOUNDARY_NOT_FOUND", `Boundary ${code} does not exist for tenant ${tenantId}; create it first.`, [code, tenantId])]
          : [];
      }),
    );
    const now = ctx.now();
    const updated = input.map((b) => {
      const existing = slice.entities[str(b["tenantId"]) as string]?.[str(b["code"]) as string] as BoundaryEntity;
      const next: BoundaryEntity = {
        ...existing,
        geometry: b["geometry"] === undefined ? existing.geometry : structuredClone(b["geometry"]),
        additionalDetails: b["additionalDetails"] === undefined ? existing.additionalDetails : structuredClone(b["additionalDetails"]),
        auditDetails: touchAudit(existing.auditDetails, actorOf(req), now),
      };
      (slice.entities[next.tenantId] ??= {})[next.code] = next;
      return next;
    });
    return ok(req, now, req.route.successStatus, { Boundary: updated.map(wire) });
  });

export const searchEntities: OperationHandler<BoundarySlice> = (req, ctx, slice) =>
  handle(req, ctx.now(), () => {
    const tenantId = str(req.query["tenantId"]);
    if (tenantId === undefined) reject("INVALID_SEARCH_CRITERIA", "Query parameter tenantId is required.", ["tenantId"]);
    const codes = list(req.query["codes"]);
    const now = ctx.now();
    const all = Object.values(slice.entities[tenantId] ?? {}).filter((e) => e.visibleFrom <= now && (codes.length === 0 || codes.includes(e.code)));
    const offset = int(req.query["offset"], 0);
    const limit = int(req.query["limit"], 10);
    return ok(req, now, 200, { Boundary: all.slice(offset, offset + limit).map(wire) });
  });
