/**
 * The lifecycle against the in-process mock (no network): seeded with this example's bundle (DIGIT's PGR workflow
 * and action names), and with examples/demo-bundle (its own workflow: FILE, ASSIGN, FIX, CONFIRM) when that bundle
 * loads; a demo bundle that stops loading fails this file.
 */
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { createDigitMock, loadSeed } from "@digit-kit/mock-server";
import { LifecycleError, runComplaintLifecycle, type LifecycleOptions } from "../src/lifecycle.js";
import { optionsFromEnv } from "../src/smoke.js";

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const STAFF = "Staff@1234";

async function ownBundle(): Promise<LifecycleOptions> {
  const mock = createDigitMock({ seed: await loadSeed(here("../bundle"), { env: { PGR_STAFF_PASSWORD: STAFF } }) });
  return {
    baseUrl: "http://digit.test",
    fetch: mock.fetch,
    stateTenant: "pg",
    city: "pg.citya",
    citizen: { username: "9876500011", password: "Citizen@12", name: "Asha Rao", register: true },
    gro: { username: "GRO_CITYA", password: STAFF },
    lme: { username: "LME_LIGHTS", password: STAFF },
    serviceCode: "StreetLightNotWorking",
    locality: "SUN04",
  };
}

describe("with DIGIT's PGR workflow (./bundle)", () => {
  it("files, assigns, resolves, rates and closes, with DIGIT's statuses", async () => {
    const lines: string[] = [];
    const result = await runComplaintLifecycle({
      ...(await ownBundle()),
      log: (l) => lines.push(l),
      expect: { file: "PENDINGFORASSIGNMENT", assign: "PENDINGATLME", resolve: "RESOLVED", rate: "CLOSEDAFTERRESOLUTION" },
      rating: 4,
    });
    expect(result.serviceRequestId).toMatch(/^PB-PGR-\d{4}-\d{2}-\d{2}-\d{6}$/);
    expect(result.steps).toEqual([
      ["APPLY", "PENDINGFORASSIGNMENT"],
      ["ASSIGN", "PENDINGATLME"],
      ["RESOLVE", "RESOLVED"],
      ["RATE", "CLOSEDAFTERRESOLUTION"],
    ]);
    expect(lines[0]).toContain("logged in");
  });

  it("runs twice against one DIGIT (the citizen already registered)", async () => {
    const options = await ownBundle();
    await runComplaintLifecycle(options);
    const again = await runComplaintLifecycle(options);
    expect(again.steps.at(-1)).toEqual(["RATE", "CLOSEDAFTERRESOLUTION"]);
  });

  it("names the step that failed: an unknown complaint type, a wrong password, an employee of another department", async () => {
    const options = await ownBundle();
    const failure = (o: Partial<LifecycleOptions>) => runComplaintLifecycle({ ...options, ...o }).then(() => undefined, (e: unknown) => e as LifecycleError);

    const unknownType = await failure({ serviceCode: "Potholes" });
    expect(unknownType).toBeInstanceOf(LifecycleError);
    expect(unknownType!.step).toBe("APPLY");
    expect(unknownType!.message).toContain("INVALID_SERVICECODE");

    const badPassword = await failure({ gro: { username: "GRO_CITYA", password: "Wrong@1234" } });
    expect(badPassword!.step).toBe("log in as grievance officer");

    // Garbage belongs to DEPT_3; the lights engineer is DEPT_1: pgr-services refuses the assignment.
    const otherDepartment = await failure({ serviceCode: "GarbageNeedsTobeCleared" });
    expect(otherDepartment!.step).toBe("ASSIGN");
    expect(otherDepartment!.message).toContain("INVALID_ASSIGNMENT");

    const wrongStatus = await failure({ expect: { file: "OPEN" } });
    expect(wrongStatus!.message).toBe("APPLY: expected status OPEN, DIGIT answered PENDINGFORASSIGNMENT");
  });
});

const demoPassword = "Demo@12345";
const demo = await loadSeed(process.env["DEMO_BUNDLE"] ?? here("../../demo-bundle"), { env: { DK_DEMO_PASSWORD: demoPassword } });

describe("with examples/demo-bundle (its own action names)", () => {
  it("FILE, ASSIGN, FIX, CONFIRM in dk.alpha", async () => {
    const mock = createDigitMock({ seed: demo });
    const result = await runComplaintLifecycle({
      baseUrl: "http://digit.test",
      fetch: mock.fetch,
      stateTenant: "dk",
      city: "dk.alpha",
      citizen: { username: "9000000010", password: demoPassword },
      gro: { username: "ALPHA_GRO", password: demoPassword },
      lme: { username: "ALPHA_LME", password: demoPassword },
      serviceCode: "GarbageNotCollected",
      locality: "ALPHA_Z1_W1",
      actions: { file: "FILE", assign: "ASSIGN", resolve: "FIX", rate: "CONFIRM" },
    });
    expect(result.steps.map(([, status]) => status)).toEqual(["AWAITING_ASSIGNMENT", "IN_PROGRESS", "FIXED", "CLOSED"]);
  });
});

describe("pnpm smoke's environment", () => {
  it("reads every setting and names the missing ones", () => {
    expect(() => optionsFromEnv({ DIGIT_URL: "http://x" })).toThrow(/DIGIT_TENANT, PGR_CITIZEN_MOBILE/);
    const options = optionsFromEnv({
      DIGIT_URL: "http://127.0.0.1:8080",
      DIGIT_TENANT: "pg",
      PGR_CITIZEN_MOBILE: "9876500011",
      PGR_CITIZEN_PASSWORD: "Citizen@12",
      PGR_GRO_USERNAME: "GRO_CITYA",
      PGR_GRO_PASSWORD: STAFF,
      PGR_LME_USERNAME: "LME_LIGHTS",
      PGR_LME_PASSWORD: STAFF,
      PGR_SERVICE_CODE: "StreetLightNotWorking",
      PGR_LOCALITY: "SUN04",
      PGR_ACTIONS: "FILE, ASSIGN, FIX, CONFIRM",
    });
    expect(options).toMatchObject({ city: "pg.citya", actions: { file: "FILE", resolve: "FIX", rate: "CONFIRM" }, citizen: { register: false } });
  });
});
