/**
 * Reading a request body with the size limit enforced as it arrives. Over the limit (declared in
 * Content-Length, or counted in a chunked body) the read stops at once: the caller answers 413 and closes the
 * connection, nothing more of the body is read or kept.
 */
import type { IncomingMessage, ServerResponse } from "node:http";

/** The body, or null when it is (or is declared to be) larger than `maxBytes`. */
export function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers["content-length"] ?? 0);
    if (declared > maxBytes) {
      req.pause();
      resolve(null);
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        req.off("data", onData);
        req.pause();
        chunks.length = 0;
        resolve(null);
        return;
      }
      chunks.push(chunk);
    };
    req.on("data", onData);
    req.on("end", () => resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

/**
 * After answering a request whose body was not read to the end: close the connection once the answer is
 * out, so the unread rest is never parsed as a next request and the client stops sending.
 */
export function closeAfterResponse(req: IncomingMessage, res: ServerResponse): void {
  res.shouldKeepAlive = false;
  res.once("finish", () => req.socket.destroy());
}
