/**
 * boundary-service's GeoJSON check (service/validator/BoundaryEntityValidator.java:70-89, util/GeoUtil.java):
 * only Point (two numbers) and Polygon (one closed ring of at least five positions). `geometry: null` skips the
 * check; an absent geometry key, or a geometry without `type`, is a NullPointerException in DIGIT.
 */
import type { DigitErrorItem } from "../../core/types.js";
import { javaException } from "../shared/tracer.js";
import { isRecord } from "../shared/values.js";
import { INVALID_GEOJSON, INVALID_GEOMETRY_TYPE, INVALID_POLYGON, INVALID_POLYGON_COORDINATES_DEFINITION, INVALID_POLYGON_DEFINITION, INVALID_POSITION } from "./errors.js";

const npe = (what: string) => javaException("NullPointerException", what);

/** Jackson's reading of one coordinate into a Double: numbers, numeric strings and null. */
function isCoordinate(v: unknown): boolean {
  if (v === null || typeof v === "number") return true;
  return typeof v === "string" && v.trim() !== "" && Number.isFinite(Number(v));
}

/** Jackson's reading of `List<Double>` (null stays null). */
function isPosition(v: unknown): boolean {
  return v === null || (Array.isArray(v) && v.every(isCoordinate));
}

/** Jackson's reading of `List<List<Double>>`. */
function isRing(v: unknown): boolean {
  return v === null || (Array.isArray(v) && v.every(isPosition));
}

function positionsError(positions: unknown[]): DigitErrorItem | null {
  for (const p of positions) {
    if (p === null) return npe('Cannot invoke "java.util.List.size()" because "coordinate" is null');
    if ((p as unknown[]).length !== 2) return INVALID_POSITION;
  }
  return null;
}

/** The error DIGIT answers for this `geometry` value, or null when it is accepted. */
export function geometryError(geometry: unknown): DigitErrorItem | null {
  if (geometry === undefined) return npe('Cannot invoke "com.fasterxml.jackson.databind.JsonNode.isNull()" because the return value of "digit.web.models.Boundary.getGeometry()" is null');
  if (geometry === null) return null;
  if (!isRecord(geometry) || geometry["type"] === undefined) {
    return npe('Cannot invoke "com.fasterxml.jackson.databind.JsonNode.asText()" because the return value of "com.fasterxml.jackson.databind.JsonNode.get(String)" is null');
  }
  const type = geometry["type"];
  const coordinates = geometry["coordinates"];
  if (type === "Point") {
    if (coordinates !== undefined && !isPosition(coordinates)) return INVALID_GEOJSON;
    if (coordinates === undefined || coordinates === null) return npe('Cannot invoke "java.util.List.size()" because "coordinate" is null');
    return positionsError([coordinates]);
  }
  if (type === "Polygon") {
    if (coordinates !== undefined && coordinates !== null && !(Array.isArray(coordinates) && coordinates.every(isRing))) return INVALID_GEOJSON;
    if (!Array.isArray(coordinates)) return npe('Cannot invoke "java.util.List.size()" because "coordinates" is null');
    if (coordinates.length !== 1) return INVALID_POLYGON;
    const ring = coordinates[0] as unknown[] | null;
    if (ring === null) return npe('Cannot invoke "java.util.List.size()" because the return value of "java.util.List.get(int)" is null');
    if (ring.length < 5) return INVALID_POLYGON_COORDINATES_DEFINITION;
    const bad = positionsError(ring);
    if (bad !== null) return bad;
    const first = (ring[0] as unknown[]).map((c) => (c === null ? null : Number(c)));
    const last = (ring[ring.length - 1] as unknown[]).map((c) => (c === null ? null : Number(c)));
    return first[0] === last[0] && first[1] === last[1] ? null : INVALID_POLYGON_DEFINITION;
  }
  return INVALID_GEOMETRY_TYPE;
}
