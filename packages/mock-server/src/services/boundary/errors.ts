/**
 * boundary-service's error codes and messages, as DIGIT's code spells them
 * (boundary-service/src/main/java/digit/errors/ErrorCodes.java and the validators' inline CustomExceptions).
 */
import type { DigitErrorItem } from "../../core/types.js";
import { beanViolation, javaException, MUST_NOT_BE_NULL } from "../shared/tracer.js";

const item = (code: string, message: string): DigitErrorItem => ({ code, message, description: message, params: null });

// Entities (errors/ErrorCodes.java)
export const INVALID_GEOMETRY_TYPE = item("INVALID_GEOMETRY_TYPE", "Provided geometry type is not supported. Supported geometry types are Point and Polygon.");
export const INVALID_GEOJSON = item("INVALID_GEOJSON", "Provided geometry object contains invalid JSON.");
export const INVALID_POSITION = item("INVALID_POSITION", "Position array must contain 2 values");
export const INVALID_POLYGON = item("INVALID_POLYGON", "Polygon must not be empty neither should it contain any holes.");
export const INVALID_POLYGON_COORDINATES_DEFINITION = item("INVALID_POLYGON_COORDINATES_DEFINITION", "Polygon must be defined with minimum 4 coordinates.");
export const INVALID_POLYGON_DEFINITION = item("INVALID_POLYGON_DEFINITION", "Polygon coordinates must begin and end with the same coordinate according to RFC 7946 standard.");
export const DUPLICATE_BOUNDARY = item("DUPLICATE_BOUNDARY", "Duplicate boundary entities found in the request.");

/** `<message> {<tenantId>,[<codes>]} ` as the validator appends it (BoundaryConstants OPENING/CLOSING_BRACKET). */
const withCodes = (message: string, tenantId: string, codes: string[]) => `${message} {${tenantId},[${codes.join(", ")}]} `;
export const duplicateCode = (tenantId: string, codes: string[]) =>
  item("DUPLICATE_CODE", withCodes("Boundary entity with same code and tenantId already exists.", tenantId, codes));
export const notFoundCodes = (tenantId: string, codes: string[]) =>
  item("NOT_FOUND_CODE_AND_TENANT_ID_CODE", withCodes("Tenant Id and Code combination not found.", tenantId, codes));

// Hierarchy definitions
export const MULTIPLE_ROOT_NODES = item("MULTIPLE_ROOT_NODES_ERR", "Hierarchy definition must have only one root node.");
export const parentTypeNotDeclared = (type: string) => item("INVALID_HIERARCHY_DEFINITION", `Given parent type is not part of boundary hierarchy definition - ${type}`);
export const HIERARCHY_CYCLE = item("INVALID_HIERARCHY_DEFINITION", "Hierarchy entities must not form a cycle.");
export const DUPLICATE_HIERARCHY = item("DUPLICATE_RECORD", "Boundary hierarchy with the provided tenantId and hierarchy type already exists.");

// Relationships (service/validator/BoundaryRelationshipValidator.java, util/HierarchyUtil.java)
export const ENTITY_DOES_NOT_EXIST = item("BOUNDARY_ENTITY_DOES_NOT_EXIST", "Boundary entity does not exist.");
export const DUPLICATE_RELATIONSHIP = item("DUPLICATE_RECORD", "Provided boundary relationship already exists");
export const PARENT_NOT_FOUND = item("PARENT_NOT_FOUND", "Parent entity for current boundary relationship does not exist.");
export const HIERARCHY_DOES_NOT_EXIST = item("HIERARCHY_DEFINITION_DOES_NOT_EXIST_ERR", "Hierarchy definition does not exist");
export const BOUNDARY_TYPE_ERROR = item("BOUNDARY_TYPE_ERROR", "The provided boundary type is not a part of provided hierarchy definition.");
export const ROOT_TYPE_REQUIRED = item("HIERARCHY_ERROR", "Boundary relationship without defined parent should have root boundary hierarchy type.");
export const DIRECT_DESCENDANT_REQUIRED = item("HIERARCHY_ERROR", "Hierarchy of child should be the direct descendant of parent's boundary hierarchy type.");
export const RELATIONSHIP_DOES_NOT_EXIST = item("BOUNDARY_RELATIONSHIP_DOES_NOT_EXIST", "Provided boundary relationship for update does not exist");
export const PARENT_RELATIONSHIP_DOES_NOT_EXIST = item("BOUNDARY_RELATIONSHIP_DOES_NOT_EXIST", "Parent boundary relationship provided in update request does not exist");
export const ROOT_CANNOT_GET_PARENT = item("HIERARCHY_DISTURBED_ERR", "If a boundary relationship is created with root boundary type, it can't be made a child of any other boundary");
export const ONLY_HORIZONTAL_MOVES = item("HIERARCHY_DISTURBED_ERR", "Parent updates are only allowed horizontally.");

// services-common AuditDetailsEnrichmentUtil (NullCheckException), error/ErrorCode.java
export const USER_UUID_NULL = javaException("NullCheckException", "User uuid present inside UserInfo being sent to enrichAuditDetails method must not be null");
export const AUDIT_DETAILS_NULL = javaException("NullCheckException", "AuditDetails being sent to enrichAuditDetails method must not be null");
export const CREATED_BY_NULL = javaException("NullCheckException", "CreatedBy present inside AuditDetails being sent to enrichAuditDetails method must not be null in case of update request");
export const CREATED_TIME_NULL = javaException("NullCheckException", "CreatedTime present inside AuditDetails being sent to enrichAuditDetails method must not be null in case of update request");

/** A bean-validation violation of one of boundary-service's request or criteria objects. */
export const notNull = (objectName: string, fieldPath: string) => beanViolation("NotNull", objectName, fieldPath, MUST_NOT_BE_NULL);
export const sizeViolation = (objectName: string, fieldPath: string, min: number, max: number) =>
  beanViolation("Size", objectName, fieldPath, `size must be between ${min} and ${max}`);
