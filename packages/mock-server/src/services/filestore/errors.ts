/**
 * egov-filestore's failures, all through the tracer (HTTP 400, `{ResponseInfo: null, Errors}`):
 * egov-filestore/src/main/java/org/egov/filestore (validator/StorageValidator.java, persistence/repository/
 * ArtifactRepository.java:103-106, utils/StorageUtil.java:26-36).
 */
export const FilestoreErrors = {
  notFound: { code: "NOT_FOUND", message: "Invalid filestoreid or tenantid" },
  invalidInput: "EG_FILESTORE_INVALID_INPUT",
  invalidRequestInfo: { code: "INVALID_REQ_INFO", message: "Failed to deserialization the requestinfo object" },
  /** MinioRepository.read failing; the mock answers it when a file's bytes are not in its blob store. */
  download: "ERROR_MINIO_DOWNLOAD",
} as const;

/** The mock's own refusal when its stored files would exceed the configured quota (not DIGIT's). */
export const QUOTA_EXCEEDED = "FILESTORE_QUOTA_EXCEEDED";
