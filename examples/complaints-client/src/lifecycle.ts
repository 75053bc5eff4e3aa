/**
 * A complaint's whole life through `@digit-kit/sdk/pgr` (pgr-services v2), as a citizen app and an employee app
 * drive it: the citizen files, the grievance officer assigns it to a last-mile employee, who resolves it, and the
 * citizen rates it, which closes it. Each step reads the complaint back and checks the state DIGIT answers.
 *
 * Point it at any DIGIT (the mock, a dev environment) with the three accounts; it is a smoke test of pgr-services,
 * the PGR workflow, HRMS, egov-user and idgen working together. `src/smoke.ts` runs it from environment variables.
 */
import { createDigitCore, DigitApiError } from "@digit-kit/sdk";
import { createPgrClient } from "@digit-kit/sdk/pgr";
import { createUserClient } from "@digit-kit/sdk/user";
import { createWorkflowClient } from "@digit-kit/sdk/workflow";

export interface Account {
  username: string;
  password: string;
}

/** Action names of the PGR business service. DIGIT's: APPLY, ASSIGN, RESOLVE, RATE (the demo bundle: FILE, ASSIGN, FIX, CONFIRM). */
export interface PgrActions {
  file: string;
  assign: string;
  resolve: string;
  rate: string;
}

export const DIGIT_ACTIONS: PgrActions = { file: "APPLY", assign: "ASSIGN", resolve: "RESOLVE", rate: "RATE" };

export interface LifecycleOptions {
  baseUrl: string;
  /** State tenant: where citizens live and log in (`pg`). */
  stateTenant: string;
  /** City tenant the complaint is filed in (`pg.citya`). */
  city: string;
  /** A citizen's userName is their mobile number. */
  citizen: Account & { name?: string; register?: boolean };
  /** An EMPLOYEE with the role that assigns (GRO). */
  gro: Account;
  /** An HRMS EMPLOYEE of the complaint type's department with the role that resolves (PGR_LME). */
  lme: Account;
  serviceCode: string;
  locality: string;
  actions?: Partial<PgrActions>;
  /** Statuses expected after each action; when omitted, only that the status changed is checked. */
  expect?: Partial<Record<keyof PgrActions, string>>;
  rating?: number;
  fetch?: typeof fetch;
  log?: (line: string) => void;
}

export interface LifecycleResult {
  serviceRequestId: string;
  /** `[action, status]` after each step, in order. */
  steps: [string, string][];
  rating: number;
}

/** A step that did not end as expected. */
export class LifecycleError extends Error {
  constructor(
    readonly step: string,
    message: string,
    override readonly cause?: unknown,
  ) {
    super(`${step}: ${message}`);
  }
}

function session(options: LifecycleOptions) {
  return createDigitCore({ baseUrl: options.baseUrl, tenantId: options.stateTenant, retry: false, ...(options.fetch ? { fetch: options.fetch } : {}) });
}

async function logIn(options: LifecycleOptions, who: string, account: Account, userType: "CITIZEN" | "EMPLOYEE", tenantId: string) {
  const core = session(options);
  try {
    await core.auth.login({ username: account.username, password: account.password, userType, tenantId });
  } catch (e) {
    throw new LifecycleError(`log in as ${who}`, `${account.username} at ${tenantId}: ${e instanceof Error ? e.message : String(e)}`, e);
  }
  const uuid = (await core.auth.getSession())?.user?.uuid;
  if (!uuid) throw new LifecycleError(`log in as ${who}`, "the login answer has no user uuid");
  return { core, pgr: createPgrClient(core), uuid };
}

export async function runComplaintLifecycle(options: LifecycleOptions): Promise<LifecycleResult> {
  const actions = { ...DIGIT_ACTIONS, ...options.actions };
  const log = options.log ?? (() => {});
  const { city } = options;
  const steps: [string, string][] = [];
  const rating = options.rating ?? 5;

  if (options.citizen.register) {
    // Citizens register themselves (egov-user citizen/_create; DIGIT checks the OTP, the mock accepts any reference).
    const users = createUserClient(session(options));
    await users
      .createCitizen({
        user: {
          name: options.citizen.name ?? "Smoke Test Citizen",
          mobileNumber: options.citizen.username,
          userName: options.citizen.username,
          type: "CITIZEN",
          tenantId: options.stateTenant,
          password: options.citizen.password,
          otpReference: "123456",
        },
      } as Parameters<typeof users.createCitizen>[0])
      .catch((e: unknown) => {
        // Already registered: log in below.
        if (!(e instanceof DigitApiError && e.status === 400)) throw e;
      });
  }
  const citizen = await logIn(options, "citizen", options.citizen, "CITIZEN", options.stateTenant);
  const gro = await logIn(options, "grievance officer", options.gro, "EMPLOYEE", city);
  const lme = await logIn(options, "last-mile employee", options.lme, "EMPLOYEE", city);
  log(`logged in: citizen ${options.citizen.username}, ${options.gro.username}, ${options.lme.username}`);

  const read = async (as: typeof gro, serviceRequestId: string) => {
    const { ServiceWrappers } = await as.pgr.search({}, { query: { tenantId: city, serviceRequestId } });
    const found = ServiceWrappers?.[0];
    if (!found?.service) throw new LifecycleError("search", `${serviceRequestId} not found in ${city}`);
    return found;
  };
  const record = (step: keyof PgrActions, status: string | null | undefined, before?: string) => {
    const name = actions[step];
    if (!status) throw new LifecycleError(name, "the answer has no applicationStatus");
    const wanted = options.expect?.[step];
    if (wanted && status !== wanted) throw new LifecycleError(name, `expected status ${wanted}, DIGIT answered ${status}`);
    if (!wanted && before !== undefined && status === before) throw new LifecycleError(name, `the status stayed ${status}`);
    steps.push([name, status]);
    log(`${name} → ${status}`);
  };
  const act = async (as: typeof gro, step: keyof PgrActions, serviceRequestId: string, workflow: Record<string, unknown>, patch: Record<string, unknown> = {}) => {
    const service = (await read(as, serviceRequestId)).service!;
    try {
      const { ServiceWrappers } = await as.pgr.update({ service: { ...service, ...patch }, workflow: { action: actions[step], ...workflow } } as Parameters<typeof as.pgr.update>[0]);
      record(step, ServiceWrappers?.[0]?.service?.applicationStatus, service.applicationStatus ?? undefined);
    } catch (e) {
      if (e instanceof LifecycleError) throw e;
      throw new LifecycleError(actions[step], e instanceof Error ? e.message : String(e), e);
    }
  };

  // 1. The citizen files.
  let serviceRequestId: string;
  try {
    const { ServiceWrappers } = await citizen.pgr.create({
      service: {
        tenantId: city,
        serviceCode: options.serviceCode,
        source: "web",
        description: `Smoke test complaint (${new Date().toISOString()})`,
        address: { city, locality: { code: options.locality } },
      },
      workflow: { action: actions.file },
    });
    const created = ServiceWrappers?.[0]?.service;
    if (!created?.serviceRequestId) throw new LifecycleError(actions.file, "the answer has no serviceRequestId");
    serviceRequestId = created.serviceRequestId;
    log(`filed ${serviceRequestId}`);
    record("file", created.applicationStatus);
  } catch (e) {
    if (e instanceof LifecycleError) throw e;
    throw new LifecycleError(actions.file, e instanceof Error ? e.message : String(e), e);
  }

  // 2. The grievance officer assigns it to the last-mile employee (an HRMS employee of the type's department).
  await act(gro, "assign", serviceRequestId, { assignes: [lme.uuid], comments: "Assigned by the smoke test" });

  // 3. The employee finds it in their workflow inbox (pgr-services has no assignee filter) and resolves it.
  const inbox = await createWorkflowClient(lme.core).searchProcesses({}, { query: { tenantId: city, assignee: lme.uuid, businessIds: [serviceRequestId] } });
  if (!inbox.ProcessInstances?.some((p) => p.businessId === serviceRequestId)) {
    throw new LifecycleError("inbox", `${serviceRequestId} is not assigned to ${options.lme.username} in the workflow`);
  }
  await act(lme, "resolve", serviceRequestId, { comments: "Resolved by the smoke test" });

  // 4. The citizen rates it, which closes it.
  await act(citizen, "rate", serviceRequestId, { comments: "Rated by the smoke test" }, { rating });
  const closed = await read(citizen, serviceRequestId);
  if (closed.service?.rating !== rating) throw new LifecycleError("read back", `rating ${String(closed.service?.rating)}, expected ${rating}`);
  return { serviceRequestId, steps, rating };
}
