/**
 * The PGR slice and DIGIT's shapes: what pgr-services persists (eg_pgr_service_v2 ⨝ eg_pgr_address_v2, see
 * pgr-services/src/main/resources/pgr-services-persister.yml) and how its models serialise (Jackson, nulls kept).
 */
import type { AuditDetails } from "../../core/types.js";
import { isRecord } from "../shared/values.js";

/** An address row: only `locality.code` and the coordinates of the nested objects are columns. */
export interface StoredAddress {
  id: string;
  tenantId: string;
  doorNo: string | null;
  plotNo: string | null;
  buildingName: string | null;
  street: string | null;
  landmark: string | null;
  city: string | null;
  pincode: string | null;
  locality: string | null;
  district: string | null;
  region: string | null;
  state: string | null;
  country: string | null;
  latitude: number | null;
  longitude: number | null;
  additionDetails: unknown;
}

/** A complaint row. `citizen` is not stored (only `accountId`); `rating` is written by `_update` only. */
export interface StoredComplaint {
  id: string;
  tenantId: string;
  serviceCode: string;
  serviceRequestId: string | null;
  description: string | null;
  accountId: string | null;
  rating: number | null;
  additionalDetail: unknown;
  applicationStatus: string | null;
  source: string;
  active: boolean;
  address: StoredAddress;
  auditDetails: AuditDetails;
  /** Insertion order, the tie-break where DIGIT's SQL order is unspecified. */
  seq: number;
  /** Epoch ms from which searches and counts see the complaint (persister lag). */
  visibleFrom: number;
}

export interface PgrSlice {
  /** Complaints by their server-assigned `id` (a UUID); read untrusted ids through {@link complaintById}. */
  complaints: Record<string, StoredComplaint>;
  seq: number;
}

export const initialPgrSlice = (): PgrSlice => ({ complaints: {}, seq: 0 });

/** The complaint with this id, never an inherited property (ids come from requests). */
export function complaintById(slice: PgrSlice, id: string): StoredComplaint | undefined {
  return Object.hasOwn(slice.complaints, id) ? slice.complaints[id] : undefined;
}

export const SERVICE_FIELDS = [
  "active",
  "citizen",
  "id",
  "tenantId",
  "serviceCode",
  "serviceRequestId",
  "description",
  "accountId",
  "rating",
  "additionalDetail",
  "applicationStatus",
  "source",
  "address",
  "auditDetails",
] as const;
export const ADDRESS_FIELDS = [
  "tenantId",
  "doorNo",
  "plotNo",
  "id",
  "landmark",
  "city",
  "district",
  "region",
  "state",
  "country",
  "pincode",
  "additionDetails",
  "buildingName",
  "street",
  "locality",
  "geoLocation",
] as const;
export const BOUNDARY_FIELDS = ["code", "name", "label", "latitude", "longitude", "children", "materializedPath"] as const;
export const GEO_FIELDS = ["latitude", "longitude", "additionalDetails"] as const;
export const WORKFLOW_FIELDS = ["action", "assignes", "comments", "verificationDocuments"] as const;
export const DOCUMENT_FIELDS = ["id", "documentType", "fileStoreId", "documentUid", "additionalDetails"] as const;
export const CITIZEN_FIELDS = ["id", "userName", "name", "type", "mobileNumber", "emailId", "roles", "tenantId", "uuid", "active"] as const;
export const AUDIT_FIELDS = ["createdBy", "lastModifiedBy", "createdTime", "lastModifiedTime"] as const;

/**
 * An object with exactly DIGIT's fields, in its order, unknown fields dropped and absent ones null (Jackson's binding
 * and serialisation). Property names match case-insensitively, as pgr-services' ObjectMapper does (PGRApp.java:25-30).
 */
export function bind(value: unknown, fields: readonly string[]): Record<string, unknown> | null {
  if (!isRecord(value)) return null;
  const out: Record<string, unknown> = {};
  for (const field of fields) {
    let v: unknown = Object.hasOwn(value, field) ? value[field] : undefined;
    if (v === undefined) {
      const key = Object.keys(value).find((k) => k.toLowerCase() === field.toLowerCase());
      if (key !== undefined) v = value[key];
    }
    out[field] = v === undefined ? null : v;
  }
  return out;
}

/** The value under `field` of a request object, matched case-insensitively (null when absent). */
export function prop(value: unknown, field: string): unknown {
  return bind(value, [field])?.[field] ?? null;
}

export function text(value: unknown): string | null {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return null;
}

export function num(value: unknown): number | null {
  if (typeof value === "number" && Number.isFinite(value)) return value;
  if (typeof value === "string" && value.trim() !== "" && Number.isFinite(Number(value))) return Number(value);
  return null;
}

/** NUMERIC(p, s) rounding, as Postgres stores the coordinates. */
function round(value: number | null, scale: number): number | null {
  if (value === null) return null;
  const f = 10 ** scale;
  return Math.round(value * f) / f;
}

/** The address row a complaint's (bound) address persists as. */
export function addressRow(address: Record<string, unknown>, id: string, tenantId: string): StoredAddress {
  const locality = bind(address["locality"], BOUNDARY_FIELDS);
  const geo = bind(address["geoLocation"], GEO_FIELDS);
  return {
    id,
    tenantId,
    doorNo: text(address["doorNo"]),
    plotNo: text(address["plotNo"]),
    buildingName: text(address["buildingName"]),
    street: text(address["street"]),
    landmark: text(address["landmark"]),
    city: text(address["city"]),
    pincode: text(address["pincode"]),
    locality: text(locality?.["code"]),
    district: text(address["district"]),
    region: text(address["region"]),
    state: text(address["state"]),
    country: text(address["country"]),
    latitude: round(num(geo?.["latitude"]), 6),
    longitude: round(num(geo?.["longitude"]), 7),
    additionDetails: address["additionDetails"] ?? null,
  };
}

/** The address as the search row mapper builds it (PGRRowMapper.java:89-126): coordinates read with getDouble. */
function addressWire(a: StoredAddress): Record<string, unknown> {
  return {
    tenantId: a.tenantId,
    doorNo: a.doorNo,
    plotNo: a.plotNo,
    id: a.id,
    landmark: a.landmark,
    city: a.city,
    district: a.district,
    region: a.region,
    state: a.state,
    country: a.country,
    pincode: a.pincode,
    additionDetails: a.additionDetails ?? null,
    buildingName: a.buildingName,
    street: a.street,
    locality: { code: a.locality, name: null, label: null, latitude: null, longitude: null, children: null, materializedPath: null },
    geoLocation: { latitude: a.latitude ?? 0, longitude: a.longitude ?? 0, additionalDetails: null },
  };
}

/** A complaint as `_search` answers it (PGRRowMapper.java:30-81), with the citizen egov-user returned. */
export function complaintWire(c: StoredComplaint, citizen: Record<string, unknown> | null): Record<string, unknown> {
  return {
    active: c.active,
    citizen,
    id: c.id,
    tenantId: c.tenantId,
    serviceCode: c.serviceCode,
    serviceRequestId: c.serviceRequestId,
    description: c.description,
    accountId: c.accountId,
    rating: c.rating,
    additionalDetail: c.additionalDetail ?? null,
    applicationStatus: c.applicationStatus,
    source: c.source,
    address: addressWire(c.address),
    auditDetails: { ...c.auditDetails },
  };
}

/** A user of egov-user's answer as pgr-services' `User` model keeps it: ten fields (User.java:15-26). */
export function citizenOf(user: Record<string, unknown>): Record<string, unknown> {
  const out = bind(user, CITIZEN_FIELDS) as Record<string, unknown>;
  out["roles"] = Array.isArray(user["roles"])
    ? user["roles"].filter(isRecord).map((r) => ({ id: r["id"] ?? null, name: r["name"] ?? null, code: r["code"] ?? null, tenantId: r["tenantId"] ?? null }))
    : null;
  return out;
}

/**
 * Java's `toString()` of a Jackson-bound value (LinkedHashMap `{k=v, ...}`, ArrayList `[a, b]`): what
 * `@CharacterConstraint` measures (AdditionalDetailValidator.java:19-28).
 */
export function javaToString(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (Array.isArray(value)) return `[${value.map(javaToString).join(", ")}]`;
  if (isRecord(value)) return `{${Object.entries(value).map(([k, v]) => `${k}=${javaToString(v)}`).join(", ")}}`;
  return String(value);
}
