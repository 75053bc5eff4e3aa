/**
 * The small draft-07 definitions (with DIGIT's x-unique / x-ref-schema) of the masters DIGIT's core reads: the
 * tenant registry and access control. The mock seeds them and `digit init` scaffolds them; mdms-v2 cannot update
 * a schema, so the two must be the same definitions.
 */
import { TENANTS_SCHEMA as TENANT_SCHEMA } from "./layouts/default-data-handler.js";
import { ACTIONS_SCHEMA, ROLE_ACTIONS_SCHEMA, ROLES_SCHEMA } from "./layouts/digit-kit.js";

const draft07 = "http://json-schema.org/draft-07/schema#";

export const CORE_SCHEMA_DEFINITIONS: Readonly<Record<string, Readonly<Record<string, unknown>>>> = {
  [TENANT_SCHEMA]: {
    $schema: draft07,
    type: "object",
    required: ["code", "name"],
    "x-unique": ["code"],
    properties: {
      code: { type: "string", minLength: 1 },
      name: { type: "string" },
      type: { type: "string" },
      description: { type: ["string", "null"] },
      emailId: { type: "string" },
      contactNumber: { type: "string" },
      city: { type: "object" },
    },
  },
  [ROLES_SCHEMA]: {
    $schema: draft07,
    type: "object",
    required: ["code", "name"],
    "x-unique": ["code"],
    properties: { code: { type: "string", minLength: 1 }, name: { type: "string" }, description: { type: "string" } },
  },
  [ACTIONS_SCHEMA]: {
    $schema: draft07,
    type: "object",
    required: ["id", "name", "url"],
    "x-unique": ["id"],
    properties: {
      id: { type: "number" },
      name: { type: "string" },
      url: { type: "string" },
      displayName: { type: "string" },
      enabled: { type: "boolean" },
      orderNumber: { type: "number" },
      serviceCode: { type: "string" },
      path: { type: "string" },
    },
  },
  [ROLE_ACTIONS_SCHEMA]: {
    $schema: draft07,
    type: "object",
    required: ["rolecode", "actionid", "tenantId"],
    "x-unique": ["rolecode", "actionid"],
    properties: { rolecode: { type: "string" }, actionid: { type: "number" }, actioncode: { type: "string" }, tenantId: { type: "string" } },
    "x-ref-schema": [
      { fieldPath: "rolecode", schemaCode: ROLES_SCHEMA },
      { fieldPath: "actionid", schemaCode: ACTIONS_SCHEMA },
    ],
  },
};
