/** The boundary-service state slice. Maps keyed by request values are read and written through shared/keyed.ts. */
import type { AuditDetails } from "../../core/types.js";

export interface BoundaryEntity {
  id: string;
  tenantId: string;
  code: string;
  geometry: unknown;
  additionalDetails: unknown;
  auditDetails: AuditDetails;
  /** Creation order (ties of createdTime are broken newest first, as DIGIT's `ORDER BY createdtime DESC`). */
  seq: number;
  /** Epoch ms from which searches see it (write lag; updates keep the first value). */
  visibleFrom: number;
}

export interface HierarchyLevel {
  boundaryType: string;
  parentBoundaryType: string | null;
  /** Stored as sent (null when absent). */
  active: boolean | null;
}

export interface BoundaryHierarchy {
  id: string;
  tenantId: string;
  hierarchyType: string;
  boundaryHierarchy: HierarchyLevel[];
  auditDetails: AuditDetails;
  seq: number;
  visibleFrom: number;
}

export interface BoundaryRelation {
  id: string;
  tenantId: string;
  code: string;
  hierarchyType: string;
  boundaryType: string;
  parent: string | null;
  auditDetails: AuditDetails;
  seq: number;
  visibleFrom: number;
}

export interface BoundarySlice {
  /** Entities by tenantId, then code. */
  entities: Record<string, Record<string, BoundaryEntity>>;
  /** Hierarchy definitions by tenantId, then hierarchyType. */
  hierarchies: Record<string, Record<string, BoundaryHierarchy>>;
  /** Relationships by tenantId, then hierarchyType, then code. */
  relationships: Record<string, Record<string, Record<string, BoundaryRelation>>>;
  /** Last creation sequence number handed out. */
  seq: number;
}

/** The next creation sequence number (state written before version 2 has no counter). */
export function nextSeq(slice: BoundarySlice): number {
  slice.seq = (slice.seq ?? 0) + 1;
  return slice.seq;
}

/** Newest first: createdTime descending, then creation order descending. */
export function newestFirst<T extends { auditDetails: AuditDetails; seq?: number }>(a: T, b: T): number {
  return b.auditDetails.createdTime - a.auditDetails.createdTime || (b.seq ?? 0) - (a.seq ?? 0);
}

/** DIGIT's paging of boundary searches: offset default 0, limit default 50, limits above 300 clamped to 300. */
export function page<T>(items: T[], offset: unknown, limit: unknown): T[] {
  const o = toInt(offset) ?? 0;
  const requested = toInt(limit);
  const l = requested === undefined ? 50 : Math.min(requested, 300);
  return items.slice(Math.max(0, o), Math.max(0, o) + Math.max(0, l));
}

function toInt(value: unknown): number | undefined {
  const n = typeof value === "string" && value.trim() !== "" ? Number(value) : value;
  return typeof n === "number" && Number.isInteger(n) ? n : undefined;
}
