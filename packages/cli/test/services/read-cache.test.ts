import { describe, expect, it } from "vitest";
import type { DigitGateway } from "../../src/services/gateway.js";
import { createReadCache } from "../../src/services/read-cache.js";

/** A gateway that counts searches and answers each with the number of writes made so far. */
function countingGateway() {
  const searches: string[] = [];
  let writes = 0;
  let failNext = false;
  const search =
    (name: string) =>
    async (...args: unknown[]) => {
      searches.push(`${name}:${JSON.stringify(args)}`);
      if (failNext) {
        failNext = false;
        throw new Error("down");
      }
      return [{ writes }];
    };
  const write = async () => {
    writes += 1;
  };
  const gateway = {
    searchMdms: search("searchMdms"),
    searchSchemas: search("searchSchemas"),
    searchMessages: search("searchMessages"),
    searchBusinessServices: search("searchBusinessServices"),
    createMdms: write,
    upsertMessages: write,
    createSchema: write,
  } as unknown as DigitGateway;
  return { gateway, searches, failOnce: () => (failNext = true) };
}

const page = { offset: 0, limit: 500 };

describe("apply's read cache", () => {
  it("answers a repeated search from the first one until a write of its family", async () => {
    const { gateway, searches } = countingGateway();
    const reads = createReadCache(gateway);
    expect(await reads.gateway.searchMdms("pg", "a.A", page)).toEqual([{ writes: 0 }]);
    expect(await reads.gateway.searchMdms("pg", "a.A", page)).toEqual([{ writes: 0 }]);
    expect(searches).toHaveLength(1);
    await reads.gateway.createMdms({ tenantId: "pg", schemaCode: "a.A", data: {}, isActive: true });
    expect(await reads.gateway.searchMdms("pg", "a.A", page)).toEqual([{ writes: 1 }]);
    expect(searches).toHaveLength(2);
  });

  it("keeps searches of other families across a write, except workflow after an MDMS write", async () => {
    const { gateway, searches } = countingGateway();
    const reads = createReadCache(gateway);
    await reads.gateway.searchMdms("pg", "b.B", page);
    await reads.gateway.searchMessages("pg", "en_IN", "m");
    await reads.gateway.searchBusinessServices("pg", ["PGR"]);
    await reads.gateway.createMdms({ tenantId: "pg", schemaCode: "a.A", data: {}, isActive: true });
    await reads.gateway.upsertMessages("pg", []);
    await reads.gateway.searchMdms("pg", "b.B", page);
    expect(searches).toHaveLength(3);
    expect(await reads.gateway.searchMessages("pg", "en_IN", "m")).toEqual([{ writes: 2 }]);
    expect(await reads.gateway.searchBusinessServices("pg", ["PGR"])).toEqual([{ writes: 2 }]);
    expect(searches).toHaveLength(5);
  });

  it("always searches through `fresh` (and refreshes the cache), forgets a failed search, and can be cleared", async () => {
    const { gateway, searches, failOnce } = countingGateway();
    const reads = createReadCache(gateway);
    await reads.gateway.searchSchemas("pg", ["x"]);
    await reads.fresh.searchSchemas("pg", ["x"]);
    await reads.gateway.searchSchemas("pg", ["x"]);
    expect(searches).toHaveLength(2);
    reads.clear();
    failOnce();
    await expect(reads.gateway.searchSchemas("pg", ["x"])).rejects.toThrow("down");
    await reads.gateway.searchSchemas("pg", ["x"]);
    expect(searches).toHaveLength(4);
  });
});
