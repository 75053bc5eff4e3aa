/** The boundary-service state slice. */
import type { AuditDetails } from "../../core/types.js";

export interface BoundaryEntity {
  id: string;
  tenantId: string;
  code: string;
  geometry: unknown;
  additionalDetails: unknown;
  auditDetails: AuditDetails;
  /** Epoch ms from which searches see it (write lag; updates keep the first value). */
  visibleFrom: number;
}

export interface HierarchyLevel {
  boundaryType: string;
  parentBoundaryType: string | null;
  active: boolean;
}

export interface BoundaryHierarchy {
  id: string;
  tenantId: string;
  hierarchyType: string;
  boundaryHierarchy: HierarchyLevel[];
  auditDetails: AuditDetails;
  /** Epoch ms from which searches see it (write lag; updates keep the first value). */
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
  /** Epoch ms from which searches see it (write lag; updates keep the first value). */
  visibleFrom: number;
}

/** The wire form of a stored boundary object (no `visibleFrom`). */
export function wire<T extends { visibleFrom: number }>(value: T): Omit<T, "visibleFrom"> {
  const { visibleFrom: _hidden, ...rest } = value;
  return structuredClone(rest);
}

export interface BoundarySlice {
  /** Entities by tenantId, then code. */
  entities: Record<string, Record<string, BoundaryEntity>>;
  /** Hierarchy definitions by tenantId, then hierarchyType. */
  hierarchies: Record<string, Record<string, BoundaryHierarchy>>;
  /** Relationships by tenantId, then hierarchyType, then code (insertion order = creation order). */
  relationships: Record<string, Record<string, Record<string, BoundaryRelation>>>;
}
