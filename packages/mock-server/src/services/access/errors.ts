/** egov-accesscontrol's error codes and messages (egov-accesscontrol/src/main/java/org/egov/access/util/AccessControlConstants.java). */

export const AccessErrorCodes = {
  tenantMandatory: "accesscontrol.0001",
  actionNameMandatory: "accesscontrol.0002",
  actionNameDuplicate: "accesscontrol.0003",
  actionNameMissing: "accesscontrol.0005",
  actionUrlDuplicate: "accesscontrol.0006",
  roleNameMandatory: "accesscontrol.0007",
  roleNameDuplicate: "accesscontrol.0008",
  roleNameMissing: "accesscontrol.0009",
  roleCodeMandatory: "accesscontrol.0010",
  actionsMandatory: "accesscontrol.0011",
  rolesMandatory: "accesscontrol.0012",
  roleMandatory: "accesscontrol.0013",
  roleActionDuplicate: "accesscontrol.0014",
  dataNotAvailable: "DATA_NOT_AVAILABLE",
} as const;

/** `{code, message, field}` of one validation failure; DIGIT's texts, including its typos and swapped fields. */
export const AccessErrorFields = {
  tenantMandatory: { code: AccessErrorCodes.tenantMandatory, message: "Tenant Id is required", field: "tenantId" },
  actionNameMandatory: { code: AccessErrorCodes.actionNameMandatory, message: "Action Name is required", field: "name" },
  actionNameDuplicate: { code: AccessErrorCodes.actionNameDuplicate, message: "Action Name Already exist.", field: "name" },
  actionNameMissing: { code: AccessErrorCodes.actionNameMissing, message: "Action Name Does Not Exit", field: "name" },
  actionUrlDuplicate: { code: AccessErrorCodes.actionUrlDuplicate, message: "url and queryParams", field: "Action url And queryParams combination already Exist" },
  roleNameMandatory: { code: AccessErrorCodes.roleNameMandatory, message: "Role Name is required", field: "name" },
  roleNameDuplicate: { code: AccessErrorCodes.roleNameDuplicate, message: "Role Name Already exist.", field: "name" },
  roleNameMissing: { code: AccessErrorCodes.roleNameMissing, message: "Role Name Does n't exist.", field: "name" },
  roleCodeMandatory: { code: AccessErrorCodes.roleCodeMandatory, message: "Role Code is required", field: "code" },
  actionsMandatory: { code: AccessErrorCodes.actionsMandatory, message: "Atleast One Action is Required ", field: "action" },
  rolesMandatory: { code: AccessErrorCodes.rolesMandatory, message: "Atleast One Role is Required", field: "role" },
  roleMandatory: { code: AccessErrorCodes.roleMandatory, message: "Role is Required", field: "role" },
  roleActionDuplicate: { code: AccessErrorCodes.roleActionDuplicate, message: "RoleCode And Tenant And ActionId Combination Already Exist.", field: "role-actions" },
} as const;

/** The `error.message` of each request kind's validation answer (AccessControlConstants.java:5-7). */
export const AccessErrorMessages = {
  action: "Action is invalid",
  role: "Role is invalid",
  roleAction: "Role-Action is invalid",
} as const;

export interface ErrorField {
  code: string;
  message: string;
  field: string;
}
