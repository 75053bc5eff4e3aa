/**
 * Where the mock's filestore keeps file bytes: never in the JSON state (which is snapshotted, persisted and
 * shown by `GET /_mock/state`), but in a blob store keyed by fileStoreId. Blobs are immutable and ids unique, so
 * snapshots, restores and resets stay consistent as long as the blobs they name are kept.
 *
 * - `diskBlobStore(dir)`: one file per blob, written (fsync + rename) before the upload is acknowledged. The
 *   standalone mock uses `<state file>.files/` with `--state`, else a temporary directory removed on close.
 * - `memoryBlobStore()`: in-process mocks (`createDigitMock`, unit tests).
 *
 * Each engine's filestore settings hang off its `MockContext` (`configureFilestore`); an engine nobody
 * configured gets a memory store with the default quota.
 */
import { closeSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, unlinkSync, writeSync } from "node:fs";
import { join } from "node:path";
import type { MockContext } from "../../core/types.js";

export interface BlobStore {
  readonly kind: "disk" | "memory";
  /** Stores the bytes; durable when this returns. */
  put(id: string, data: Uint8Array): void;
  get(id: string): Uint8Array | undefined;
  /** Drops every blob whose id is not in `keep`. */
  prune(keep: ReadonlySet<string>): void;
  /** Bytes held (memory stores). */
  bytes(): number;
  /** Release resources (a temporary directory is removed). */
  close(): void;
}

/** fileStoreIds the mock generates are UUIDs; anything else never becomes a path. */
const SAFE_ID = /^[A-Za-z0-9_-]{1,128}$/;

function assertSafe(id: string): void {
  if (!SAFE_ID.test(id)) throw new Error(`Refusing blob id ${JSON.stringify(id.slice(0, 40))}: only letters, digits, '-' and '_' name a file.`);
}

export function memoryBlobStore(): BlobStore {
  const blobs = new Map<string, Uint8Array>();
  let total = 0;
  return {
    kind: "memory",
    put(id, data) {
      const previous = blobs.get(id);
      if (previous) total -= previous.byteLength;
      blobs.set(id, new Uint8Array(data));
      total += data.byteLength;
    },
    get: (id) => blobs.get(id),
    prune(keep) {
      for (const [id, data] of blobs) {
        if (keep.has(id)) continue;
        blobs.delete(id);
        total -= data.byteLength;
      }
    },
    bytes: () => total,
    close() {
      blobs.clear();
      total = 0;
    },
  };
}

/** Blobs as files under `dir` (created, mode 0700). `removeOnClose`: a temporary directory. */
export function diskBlobStore(dir: string, options: { removeOnClose?: boolean } = {}): BlobStore {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  return {
    kind: "disk",
    put(id, data) {
      assertSafe(id);
      const target = join(dir, id);
      const tmp = `${target}.${process.pid}.tmp`;
      const fd = openSync(tmp, "w", 0o600);
      try {
        let offset = 0;
        while (offset < data.byteLength) offset += writeSync(fd, data, offset, data.byteLength - offset);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      renameSync(tmp, target);
    },
    get(id) {
      if (!SAFE_ID.test(id)) return undefined;
      try {
        return new Uint8Array(readFileSync(join(dir, id)));
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === "ENOENT") return undefined;
        throw err;
      }
    },
    prune(keep) {
      for (const name of readdirSync(dir)) {
        if (!keep.has(name)) unlinkSync(join(dir, name));
      }
    },
    bytes: () => 0,
    close() {
      if (options.removeOnClose) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** DIGIT's multipart limits (egov-filestore/src/main/resources/application.properties:70-71). */
export const MAX_FILE_BYTES = 5 * 1024 * 1024;
export const MAX_REQUEST_BYTES = 30 * 1024 * 1024;
/** The mock's default total quota of stored file bytes (a mock limit, not DIGIT's). */
export const DEFAULT_QUOTA_BYTES = 256 * 1024 * 1024;

export interface FilestoreSettings {
  store: BlobStore;
  /** Per file, as DIGIT's `spring.servlet.multipart.max-file-size`. */
  maxFileBytes: number;
  /** Per upload request, as DIGIT's `spring.servlet.multipart.max-request-size`. */
  maxRequestBytes: number;
  /** Total bytes of the files the mock's state references (mock only). */
  quotaBytes: number;
}

const settingsByContext = new WeakMap<object, FilestoreSettings>();

/** Sets (or changes) the filestore settings of the engine that owns `ctx`. */
export function configureFilestore(ctx: MockContext, settings: Partial<FilestoreSettings>): FilestoreSettings {
  const current = settingsByContext.get(ctx);
  const next: FilestoreSettings = {
    store: settings.store ?? current?.store ?? memoryBlobStore(),
    maxFileBytes: settings.maxFileBytes ?? current?.maxFileBytes ?? MAX_FILE_BYTES,
    maxRequestBytes: settings.maxRequestBytes ?? current?.maxRequestBytes ?? MAX_REQUEST_BYTES,
    quotaBytes: settings.quotaBytes ?? current?.quotaBytes ?? DEFAULT_QUOTA_BYTES,
  };
  settingsByContext.set(ctx, next);
  return next;
}

/** The settings of the engine that owns `ctx` (a memory store with the defaults when none were configured). */
export function filestoreSettings(ctx: MockContext): FilestoreSettings {
  return settingsByContext.get(ctx) ?? configureFilestore(ctx, {});
}
