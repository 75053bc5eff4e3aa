/**
 * egov-user's error codes and messages, as DIGIT answers them. egov-user's own exceptions are plain
 * RuntimeExceptions that reach the tracer's fallback (egov-user's ControllerAdvice is commented out), so their
 * `code` is the exception's class name and their `message` the tracer's generic text
 * (libraries/tracer/src/main/java/org/egov/tracer/ExceptionAdvise.java:179-183).
 */
import { ErrorCodes, MockHttpError } from "../../core/errors.js";
import type { DigitErrorItem } from "../../core/types.js";

/** Exception class names egov-user throws (egov-user/src/main/java/org/egov/user/domain/exception/). */
export const UserExceptions = {
  invalidUserCreate: "InvalidUserCreateException",
  invalidUserUpdate: "InvalidUserUpdateException",
  duplicateUserName: ErrorCodes.duplicateUserName,
  userNotFound: ErrorCodes.userNotFound,
  invalidSearchCriteria: "InvalidUserSearchCriteriaException",
  atLeastOneRole: "AtleastOneRoleCodeException",
  userNameNotValid: "UserNameNotValidException",
  profileUpdateDenied: "UserProfileUpdateDeniedException",
  invalidUpdatePassword: "InvalidUpdatePasswordRequestException",
  invalidLoggedInPasswordUpdate: "InvalidLoggedInUserUpdatePasswordRequestException",
  invalidNonLoggedInPasswordUpdate: "InvalidNonLoggedInUserUpdatePasswordRequestException",
  passwordMismatch: ErrorCodes.passwordMismatch,
  invalidAccessToken: ErrorCodes.invalidAccessToken,
  nullPointer: "NullPointerException",
  illegalArgument: "IllegalArgumentException",
} as const;

/** `CustomException` codes egov-user throws, with their messages. */
export const UserErrorCodes = {
  pwdLength: "INVALID_PWD_LENGTH",
  pwdPattern: "INVALID_PWD_PATTERN",
  mobile: "INVALID_MOBILE_NUMBER",
  role: "INVALID_ROLE",
} as const;

/** egov-user/src/main/java/org/egov/user/domain/service/UserService.java:674-678 (min/max from application.properties:53-54). */
export const PWD_LENGTH_MESSAGE = "Password must be of minimum: 8 and maximum: 15 characters.";
export const PWD_PATTERN_MESSAGE =
  "Password MUST HAVE: Atleast one digit, one upper case, one lower case, one special character (@#$%) and MUST NOT contain any spaces";
/** egov-user/src/main/java/org/egov/user/persistence/repository/UserRepository.java:418. */
export const INVALID_ROLE_MESSAGE = "Unable to validate role from MDMS";
/** egov-user/src/main/java/org/egov/user/domain/service/UserService.java:595. */
export const PASSWORD_MISMATCH_DESCRIPTION = "Invalid username or password";

/** OAuth error texts of the token endpoint (CustomAuthenticationProvider.java:97-178). */
export const LoginMessages = {
  tenantMandatory: "TenantId is mandatory",
  userTypeMandatory: "User Type is mandatory and has to be a valid type",
  invalidCredentials: "Invalid login credentials",
  inactive: "Please activate your account",
} as const;

export const UNHANDLED_MESSAGE = "An unhandled exception occurred on the server";

/** The tracer's item for an unmapped exception: `{code: <class name>, message: <generic>, description}`. */
export function unhandled(exception: string, description: string | null = null): DigitErrorItem {
  return { code: exception, message: UNHANDLED_MESSAGE, description };
}

/** Throw a 400 tracer envelope (`ResponseInfo` null, as the tracer renders it). */
export function fail(...errors: DigitErrorItem[]): never {
  throw new UserHttpError(errors);
}

/** A 400 whose body is the tracer's `{ResponseInfo: null, Errors}`. */
export class UserHttpError extends MockHttpError {
  constructor(errors: DigitErrorItem[]) {
    super(400, errors);
    (this.result as { body: unknown }).body = {
      ResponseInfo: null,
      Errors: errors.map((e) => ({ code: e.code, message: e.message, description: e.description ?? null, params: e.params ?? null })),
    };
  }
}
