/** egov-user's validation rules that are not schema constraints: password policy, mobile number pattern, roles. */
import { ROLES_SCHEMA } from "../../core/rbac.js";
import type { DigitErrorItem, MockContext } from "../../core/types.js";
import { INVALID_ROLE_MESSAGE, PWD_LENGTH_MESSAGE, PWD_PATTERN_MESSAGE, UserErrorCodes } from "./errors.js";

/** egov-user/src/main/resources/application.properties:52-54. */
const PWD_MIN = 8;
const PWD_MAX = 15;
const PWD_PATTERN = /((?=.*\d)(?=.*[a-z])(?=.*[A-Z])(?=.*[@#$%])(?=\S+$).*$)/;

/**
 * The password policy (egov-user/src/main/java/org/egov/user/domain/service/UserService.java:670-684): checked
 * only when a password is given; length 8–15 and at least one digit, lower, upper case letter and one of `@#$%`.
 * Both errors may come together, in the order DIGIT's HashMap gives them (length first). The pattern is applied
 * with `find()`, so only the tail after the matching position must be free of spaces.
 */
export function passwordErrors(password: unknown): DigitErrorItem[] {
  if (typeof password !== "string" || password === "") return [];
  const errors: DigitErrorItem[] = [];
  if (password.length < PWD_MIN || password.length > PWD_MAX) errors.push({ code: UserErrorCodes.pwdLength, message: PWD_LENGTH_MESSAGE });
  if (!PWD_PATTERN.test(password)) errors.push({ code: UserErrorCodes.pwdPattern, message: PWD_PATTERN_MESSAGE });
  return errors;
}

/** The MDMS v2 master egov-user reads the mobile pattern from (application.properties:71). */
export const MOBILE_VALIDATION_SCHEMA = "common-masters.MobileNumberValidation";
const DEFAULT_MOBILE_REGEX = "^[6-9][0-9]{9}$";
const DEFAULT_COUNTRY_CODE = "+91";

interface MobileRule {
  regex: string;
  countryCode: string | null;
}

function ruleFrom(ctx: MockContext, tenantId: string, countryCode: string | null): MobileRule | null {
  let fallback: MobileRule | null = null;
  for (const r of ctx.mdms.records(tenantId, MOBILE_VALIDATION_SCHEMA)) {
    const d = r.data;
    const regex = typeof d["mobileNumberRegex"] === "string" ? d["mobileNumberRegex"] : "";
    if (!regex.trim()) continue;
    const code = typeof d["countryCode"] === "string" ? d["countryCode"] : null;
    if (d["default"] === true && !fallback) fallback = { regex, countryCode: code };
    if (countryCode && countryCode === code) return { regex, countryCode: code };
  }
  return fallback;
}

/**
 * egov-user's mobile check (egov-user/src/main/java/org/egov/user/domain/service/MobileNumberValidator.java:63-155):
 * the `common-masters.MobileNumberValidation` rule for the country code (or the default entry) at the tenant,
 * then its state, else `^[6-9][0-9]{9}$`; the number must match the whole pattern. Answers the resolved country
 * code, or the error.
 */
export function checkMobile(ctx: MockContext, mobile: string | null | undefined, countryCode: string | null, tenantId: string): { countryCode: string | null; error?: DigitErrorItem } {
  if (!mobile || !mobile.trim()) return { countryCode };
  const code = countryCode && countryCode.trim() ? countryCode.trim() : null;
  const state = ctx.tenants.stateOf(tenantId);
  const rule = (tenantId ? ruleFrom(ctx, tenantId, code) : null) ?? (state !== tenantId ? ruleFrom(ctx, state, code) : null);
  const regex = rule?.regex ?? DEFAULT_MOBILE_REGEX;
  const resolved = code ?? (rule ? rule.countryCode || DEFAULT_COUNTRY_CODE : DEFAULT_COUNTRY_CODE);
  let re: RegExp;
  try {
    re = new RegExp(`^(?:${regex})$`);
  } catch {
    return { countryCode: resolved, error: { code: "INVALID_VALIDATION_PATTERN", message: "Invalid regex pattern configured in MDMS for mobile number validation." } };
  }
  if (!re.test(mobile.trim())) return { countryCode: resolved, error: { code: UserErrorCodes.mobile, message: `Mobile number must match the configured pattern: ${regex}` } };
  return { countryCode: resolved };
}

/** Role names by code from `ACCESSCONTROL-ROLES.roles` at the state of `tenantId` (UserRepository.java:401-467). */
export function mdmsRoles(ctx: MockContext, tenantId: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const r of ctx.mdms.records(ctx.tenants.stateOf(tenantId), ROLES_SCHEMA)) {
    const code = r.data["code"];
    if (typeof code === "string") out.set(code, typeof r.data["name"] === "string" ? r.data["name"] : code);
  }
  return out;
}

export const invalidRole = (): DigitErrorItem => ({ code: UserErrorCodes.role, message: INVALID_ROLE_MESSAGE });
