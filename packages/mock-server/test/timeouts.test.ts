/**
 * Slow and oversized clients: headers or bodies trickled byte by byte, idle sockets, and chunked bodies past
 * the size limit, against the standalone server with short timeouts.
 */
import { connect, type Socket } from "node:net";
import { request as httpRequest } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMockServer, type MockServer } from "../src/index.js";

let server: MockServer;
beforeAll(async () => {
  server = await createMockServer({ port: 0, limits: { maxBytes: 64 * 1024 }, timeouts: { headersMs: 400, requestMs: 800, idleMs: 600, keepAliveMs: 300 } });
});
afterAll(async () => {
  await server.close();
});

/** Open a raw socket; resolves with what the server sent and how long until it closed the socket. */
function trickle(send: (socket: Socket, stop: () => boolean) => void, giveUpMs = 5_000): Promise<{ closedAfterMs: number; received: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(server.port, "127.0.0.1");
    const started = Date.now();
    let received = "";
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      resolve({ closedAfterMs: Date.now() - started, received });
    };
    const timer = setTimeout(() => {
      done = true;
      socket.destroy();
      reject(new Error(`the server kept the socket open for ${giveUpMs} ms`));
    }, giveUpMs);
    socket.setEncoding("utf8");
    socket.on("data", (d: string) => (received += d));
    socket.on("close", finish);
    socket.on("error", () => finish());
    socket.on("connect", () => send(socket, () => done));
  });
}

/** Write `parts` one every `everyMs` until the socket closes. */
function drip(socket: Socket, stop: () => boolean, parts: string[], everyMs: number): void {
  let i = 0;
  const tick = () => {
    if (stop() || socket.destroyed) return;
    socket.write(parts[i % parts.length]!);
    i++;
    setTimeout(tick, everyMs);
  };
  tick();
}

describe("server timeouts", () => {
  it("closes a connection whose headers trickle in (slow-loris) after headersTimeout", async () => {
    const r = await trickle((socket, stop) => {
      socket.write(`POST /mdms-v2/v2/_search HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\n`);
      drip(socket, stop, ["X-Slow: a\r\n"], 100);
    });
    expect(r.closedAfterMs).toBeLessThan(2_500);
    expect(r.received === "" || r.received.startsWith("HTTP/1.1 408")).toBe(true);
  });

  it("closes a connection whose body trickles in after requestTimeout", async () => {
    const r = await trickle((socket, stop) => {
      socket.write(`POST /mdms-v2/v2/_search HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nContent-Type: application/json\r\nContent-Length: 5000\r\n\r\n`);
      drip(socket, stop, [" "], 50);
    });
    expect(r.closedAfterMs).toBeLessThan(3_000);
    expect(r.received).not.toContain("HTTP/1.1 200");
  });

  it("closes a socket that never sends anything", async () => {
    const r = await trickle(() => {});
    expect(r.closedAfterMs).toBeLessThan(2_500);
  });

  it("still serves ordinary requests", async () => {
    expect((await fetch(`${server.url}/health`)).status).toBe(200);
  });
});

describe("body size limit while reading", () => {
  it("answers a chunked body 413 as soon as it passes the limit, without reading the rest", async () => {
    const chunk = Buffer.alloc(16 * 1024, 0x20);
    const total = 64 * 1024 * 1024;
    const result = await new Promise<{ status: number; sentWhenAnswered: number }>((resolve, reject) => {
      let sent = 0;
      let answered = false;
      const req = httpRequest(`${server.url}/mdms-v2/v2/_search`, { method: "POST", headers: { "content-type": "application/json", "transfer-encoding": "chunked" } }, (res) => {
        answered = true;
        res.resume();
        resolve({ status: res.statusCode ?? 0, sentWhenAnswered: sent });
      });
      req.on("error", (err) => {
        if (!answered) reject(err);
      });
      const pump = () => {
        while (!answered && sent < total) {
          sent += chunk.length;
          if (!req.write(chunk)) {
            req.once("drain", pump);
            return;
          }
        }
        if (!answered) req.end();
      };
      pump();
    });
    expect(result.status).toBe(413);
    // The answer came long before the 64 MB were sent (socket buffers hold a few MB at most).
    expect(result.sentWhenAnswered).toBeLessThan(16 * 1024 * 1024);
  });

  it("answers a declared oversize Content-Length 413 without reading the body", async () => {
    const r = await trickle((socket) => {
      socket.write(`POST /mdms-v2/v2/_search HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nContent-Type: application/json\r\nContent-Length: 999999999\r\n\r\n{`);
    });
    expect(r.received).toMatch(/^HTTP\/1\.1 413/);
    expect(r.received).toContain("PAYLOAD_TOO_LARGE");
    expect(r.closedAfterMs).toBeLessThan(1_000);
  });

  it("refuses a bad timeout configuration", async () => {
    await expect(createMockServer({ port: 0, timeouts: { headersMs: 5_000, requestMs: 1_000 } })).rejects.toThrow(/headersMs/);
  });
});
