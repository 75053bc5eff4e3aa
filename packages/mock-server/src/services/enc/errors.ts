/**
 * egov-enc-service's failures. The service registers no tracer advice (`MainConfiguration` carries
 * `@Import(TracerConfiguration.class)` but no `@Configuration`, and `Main` scans only `org.egov.enc`:
 * egov-enc-service/src/main/java/org/egov/enc/config/MainConfiguration.java:16, Main.java:7), so Spring Boot's
 * default error body answers: a CustomException is HTTP 500, bean validation and unreadable bodies HTTP 400, and
 * neither carries DIGIT's code or message. The mock adds the message DIGIT logs in `x-digit-mock-error`.
 */
import type { OperationRequest, OperationResult } from "../../core/types.js";

export const EncErrors = {
  tenantNotFound: (tenantId: string | null) => `${tenantId} : Tenant Id not found`,
  invalidType: (type: string | null) => `${type} is an Invalid Data Type`,
  invalidSignature: (signature: string) => `${signature}: Invalid Signature`,
  dbException: "DB Exception",
} as const;

/** Header carrying the message DIGIT would log (not part of DIGIT's answer). */
export const ERROR_HEADER = "x-digit-mock-error";

const REASONS: Record<number, string> = { 400: "Bad Request", 500: "Internal Server Error" };

/** Spring Boot's `DefaultErrorAttributes` body: `{timestamp, status, error, path}`. */
export function bootError(req: OperationRequest, now: number, status: 400 | 500, message: string): OperationResult {
  return {
    status,
    body: { timestamp: new Date(now).toISOString().replace("Z", "+00:00"), status, error: REASONS[status], path: req.route.path },
    headers: { [ERROR_HEADER]: message.replace(/[^\x20-\x7e]/g, "?").slice(0, 500) },
  };
}
