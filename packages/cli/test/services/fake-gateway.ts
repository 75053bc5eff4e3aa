/**
 * An in-memory DIGIT behind the DigitGateway interface, with DIGIT-like semantics: uniqueIdentifier from the
 * schema's x-unique, DUPLICATE_RECORD on re-create, schema must exist before data, workflow nextState stored as
 * uuids, server-added ids/auditDetails, optional write lag, and a "kill switch" after N writes.
 */
import { randomUUID } from "node:crypto";
import { refSpecs, refValues, uniqueIdentifierOf } from "@digit-kit/bundle";
import type {
  BusinessService,
  DigitGateway,
  LiveBoundary,
  LiveEmployee,
  LiveHierarchy,
  LiveMdmsRecord,
  LiveMessage,
  LiveRelationship,
  LiveSchema,
  LiveUser,
  NewUser,
  Page,
} from "../../src/services/gateway.js";

/** Shaped like the SDK's DigitApiError: status, errors[], codes. */
export class FakeDigitError extends Error {
  readonly status: number;
  readonly errors: { code: string; message: string }[];
  constructor(code: string, message: string, status = 400) {
    super(`${code}: ${message}`);
    this.status = status;
    this.errors = [{ code, message }];
  }
  get codes(): string[] {
    return this.errors.map((e) => e.code);
  }
}

export interface FakeOptions {
  /** Writes become visible to searches after this many ms. */
  writeLagMs?: number;
  /** Throw a connection error on every write after this many successful writes (simulates a killed apply). */
  failAfterWrites?: number;
  /** Cap every search page at this many items, whatever limit is asked (like servers with a max page size). */
  maxPageSize?: number;
  /** Per-call hook to inject failures: return an error to throw it. */
  failWrite?: (op: string, payload: unknown) => Error | undefined;
}

interface Visible {
  visibleFrom: number;
}
const audit = () => ({ createdBy: "fake", createdTime: Date.now(), lastModifiedBy: "fake", lastModifiedTime: Date.now() });
const clone = <T>(v: T): T => structuredClone(v);

export class FakeGateway implements DigitGateway {
  readonly schemas: (LiveSchema & Visible)[] = [];
  readonly mdms: (LiveMdmsRecord & Visible)[] = [];
  readonly businessServices: (BusinessService & Visible)[] = [];
  readonly messages = new Map<string, LiveMessage & { tenantId: string }>();
  readonly hierarchies: (LiveHierarchy & Visible)[] = [];
  readonly boundaries: (LiveBoundary & Visible)[] = [];
  readonly relationships: (LiveRelationship & Visible)[] = [];
  readonly users: (LiveUser & Visible)[] = [];
  readonly passwords = new Map<string, string>();
  readonly employees: (Record<string, unknown> & Visible)[] = [];
  writes = 0;
  readonly calls: string[] = [];

  constructor(public options: FakeOptions = {}) {}

  private write(op: string, payload: unknown): number {
    this.calls.push(op);
    if (this.options.failAfterWrites !== undefined && this.writes >= this.options.failAfterWrites) {
      throw Object.assign(new Error("socket hang up (simulated kill)"), { name: "DigitConnectionError" });
    }
    const injected = this.options.failWrite?.(op, payload);
    if (injected) throw injected;
    this.writes += 1;
    return Date.now() + (this.options.writeLagMs ?? 0);
  }
  private read(op: string): number {
    this.calls.push(op);
    return Date.now();
  }
  private page<T>(list: T[], p: Page): T[] {
    return list.slice(p.offset, p.offset + Math.min(p.limit, this.options.maxPageSize ?? Infinity));
  }

  async searchSchemas(tenantId: string, codes?: string[]): Promise<LiveSchema[]> {
    const now = this.read("searchSchemas");
    return clone(this.schemas.filter((s) => s.visibleFrom <= now && s.tenantId === tenantId && (!codes || codes.includes(s.code)))).map(strip);
  }
  async createSchema(schema: Omit<LiveSchema, "id" | "auditDetails">): Promise<void> {
    if (this.schemas.some((s) => s.tenantId === schema.tenantId && s.code === schema.code)) {
      this.read("createSchema");
      throw new FakeDigitError("DUPLICATE_SCHEMA_CODE", `Schema ${schema.code} already exists`);
    }
    const visibleFrom = this.write("createSchema", schema);
    this.schemas.push({ ...clone(schema), id: randomUUID(), auditDetails: audit(), visibleFrom });
  }
  /** mdms-v2 maps schema/v1/_update but always answers 501 (SchemaDefinitionController.java:58-61). */
  async updateSchema(schema: LiveSchema): Promise<void> {
    this.read("updateSchema");
    throw new FakeDigitError("NOT_IMPLEMENTED", `schema/v1/_update is not implemented (${schema.code})`, 501);
  }

  async searchMdms(tenantId: string, schemaCode: string, page: Page): Promise<LiveMdmsRecord[]> {
    const now = this.read("searchMdms");
    return this.page(clone(this.mdms.filter((r) => r.visibleFrom <= now && r.tenantId === tenantId && r.schemaCode === schemaCode)), page).map(strip);
  }
  async createMdms(record: { tenantId: string; schemaCode: string; data: Record<string, unknown>; isActive: boolean }): Promise<void> {
    const schema = this.schemas.find((s) => s.code === record.schemaCode && s.tenantId === record.tenantId.split(".")[0]);
    if (!schema) {
      this.read("createMdms");
      throw new FakeDigitError("NON_EXISTENT_SCHEMA", `Schema ${record.schemaCode} does not exist for ${record.tenantId}`);
    }
    for (const ref of refSpecs(schema.definition)) {
      for (const v of refValues(record.data, ref.fieldPath)) {
        const ok = this.mdms.some((r) => r.schemaCode === ref.schemaCode && r.uniqueIdentifier === String(v) && r.visibleFrom <= Date.now());
        if (!ok) {
          this.read("createMdms");
          throw new FakeDigitError("INVALID_REFERENCE", `${ref.fieldPath} = ${String(v)} does not match any ${ref.schemaCode} record`);
        }
      }
    }
    const uid = uniqueIdentifierOf(schema.definition, record.data) ?? randomUUID();
    if (this.mdms.some((r) => r.tenantId === record.tenantId && r.schemaCode === record.schemaCode && r.uniqueIdentifier === uid)) {
      this.read("createMdms");
      throw new FakeDigitError("DUPLICATE_RECORD", `Duplicate record ${uid}`);
    }
    const visibleFrom = this.write("createMdms", record);
    this.mdms.push({ ...clone(record), id: randomUUID(), uniqueIdentifier: uid, auditDetails: audit(), visibleFrom });
  }
  async updateMdms(record: LiveMdmsRecord): Promise<void> {
    const visibleFrom = this.write("updateMdms", record);
    const i = this.mdms.findIndex((r) => r.id === record.id);
    if (i < 0) throw new FakeDigitError("RECORD_NOT_FOUND", record.id);
    this.mdms[i] = { ...clone(record), auditDetails: audit(), visibleFrom };
  }

  /**
   * As DIGIT: with codes (V1), each code at the state tenant unless an MDMS Workflow.BusinessServiceMasterConfig
   * record maps it to isStatelevel "false"; without codes (V2), through the tenant hierarchy. The answer carries the
   * requested tenantId.
   */
  async searchBusinessServices(tenantId: string, codes?: string[]): Promise<BusinessService[]> {
    const now = this.read("searchBusinessServices");
    const state = tenantId.split(".")[0]!;
    const visible = this.businessServices.filter((b) => b.visibleFrom <= now);
    let found: BusinessService[];
    if (codes && codes.length > 0) {
      const cityLevel = new Set(
        this.mdms
          .filter((r) => r.visibleFrom <= now && r.tenantId === state && r.schemaCode === "Workflow.BusinessServiceMasterConfig" && String(r.data.isStatelevel) === "false")
          .map((r) => String(r.data.businessService)),
      );
      found = codes.flatMap((code) => visible.filter((b) => b.businessService === code && b.tenantId === (cityLevel.has(code) ? tenantId : state)));
    } else {
      const parts = tenantId.split(".");
      const seen = new Set<string>();
      found = [];
      for (let n = parts.length; n >= 1; n--) {
        const t = parts.slice(0, n).join(".");
        for (const b of visible.filter((x) => x.tenantId === t && !seen.has(x.businessService))) {
          seen.add(b.businessService);
          found.push(b);
        }
      }
    }
    return clone(found).map(strip).map((b) => relabel(b, tenantId));
  }
  /** As DIGIT's V1 create: a code that exists at the tenant answers 200 and keeps the stored one. */
  async createBusinessService(bs: BusinessService): Promise<void> {
    const visibleFrom = this.write("createBusinessService", bs);
    if (this.businessServices.some((b) => b.tenantId === bs.tenantId && b.businessService === bs.businessService)) return;
    this.businessServices.push({ ...toStored(bs), visibleFrom });
  }
  /** As DIGIT's update: an upsert keyed by uuid (no uuid, or an unknown one, changes nothing); nothing is deleted. */
  async updateBusinessService(bs: BusinessService): Promise<void> {
    this.write("updateBusinessService", bs);
    const current = this.businessServices.find((b) => b.uuid === bs.uuid);
    if (!current) return;
    const incoming = clone(bs);
    current.businessServiceSla = incoming.businessServiceSla;
    current.business = incoming.business;
    const states = current.states as Record<string, unknown>[];
    for (const s of (incoming.states ?? []) as Record<string, unknown>[]) {
      let target = states.find((x) => x.uuid !== undefined && x.uuid === s.uuid);
      if (!target) {
        target = { ...s, uuid: randomUUID(), tenantId: current.tenantId, businessServiceId: current.uuid, actions: [] };
        states.push(target);
      } else {
        const { applicationStatus: _kept, actions: _actions, uuid: _uuid, tenantId: _tenant, ...fields } = s;
        Object.assign(target, fields);
      }
      const actions = target.actions as Record<string, unknown>[];
      for (const a of (s.actions ?? []) as Record<string, unknown>[]) {
        const existing = states.flatMap((x) => x.actions as Record<string, unknown>[]).find((x) => x.uuid !== undefined && x.uuid === a.uuid);
        if (existing) Object.assign(existing, { action: a.action, nextState: a.nextState, roles: a.roles });
        else actions.push({ ...a, uuid: randomUUID(), currentState: target.uuid, tenantId: current.tenantId });
      }
    }
    const byName = new Map(states.map((x) => [x.state ?? null, x.uuid as string]));
    for (const x of states) {
      for (const a of x.actions as Record<string, unknown>[]) if (typeof a.nextState === "string" && byName.has(a.nextState)) a.nextState = byName.get(a.nextState);
    }
    // DIGIT never reads an action whose `active` is not true.
    for (const x of states) x.actions = (x.actions as Record<string, unknown>[]).filter((a) => a.active === true);
  }


  async searchMessages(tenantId: string, locale: string, module?: string): Promise<LiveMessage[]> {
    this.read("searchMessages");
    return [...this.messages.values()]
      .filter((m) => m.tenantId === tenantId && m.locale === locale && (!module || m.module === module))
      .map(({ tenantId: _t, ...m }) => m);
  }
  async upsertMessages(tenantId: string, messages: LiveMessage[]): Promise<void> {
    this.write("upsertMessages", messages);
    for (const m of messages) this.messages.set(`${tenantId}|${m.locale}|${m.module}|${m.code}`, { ...m, tenantId });
  }

  async searchHierarchies(tenantId: string, hierarchyType?: string): Promise<LiveHierarchy[]> {
    const now = this.read("searchHierarchies");
    return clone(this.hierarchies.filter((h) => h.visibleFrom <= now && h.tenantId === tenantId && (!hierarchyType || h.hierarchyType === hierarchyType))).map(strip);
  }
  async createHierarchy(h: Omit<LiveHierarchy, "id" | "auditDetails">): Promise<void> {
    if (this.hierarchies.some((x) => x.tenantId === h.tenantId && x.hierarchyType === h.hierarchyType)) throw new FakeDigitError("DUPLICATE_RECORD", h.hierarchyType);
    const visibleFrom = this.write("createHierarchy", h);
    this.hierarchies.push({ ...clone(h), id: randomUUID(), auditDetails: audit(), visibleFrom });
  }
  async searchBoundaries(tenantId: string, codes: string[]): Promise<LiveBoundary[]> {
    const now = this.read("searchBoundaries");
    return clone(this.boundaries.filter((b) => b.visibleFrom <= now && b.tenantId === tenantId && codes.includes(b.code))).map(strip);
  }
  async createBoundaries(list: Omit<LiveBoundary, "id" | "auditDetails">[]): Promise<void> {
    // DIGIT reads the geometry key unconditionally (BoundaryEntityValidator.java:72).
    for (const b of list) if (b.geometry === undefined) throw new FakeDigitError("NullPointerException", `${b.code} has no geometry key`);
    for (const b of list) if (this.boundaries.some((x) => x.tenantId === b.tenantId && x.code === b.code)) throw new FakeDigitError("DUPLICATE_CODE", b.code);
    const visibleFrom = this.write("createBoundaries", list);
    for (const b of list) this.boundaries.push({ ...clone(b), id: randomUUID(), auditDetails: audit(), visibleFrom });
  }
  async updateBoundaries(list: LiveBoundary[]): Promise<void> {
    const visibleFrom = this.write("updateBoundaries", list);
    for (const b of list) {
      const i = this.boundaries.findIndex((x) => x.tenantId === b.tenantId && x.code === b.code);
      this.boundaries[i] = { ...clone(b), visibleFrom };
    }
  }
  async searchRelationships(tenantId: string, hierarchyType: string): Promise<LiveRelationship[]> {
    const now = this.read("searchRelationships");
    return clone(this.relationships.filter((r) => r.visibleFrom <= now && r.tenantId === tenantId && r.hierarchyType === hierarchyType)).map(strip);
  }
  async createRelationship(r: Omit<LiveRelationship, "id">): Promise<void> {
    if (!this.boundaries.some((b) => b.tenantId === r.tenantId && b.code === r.code)) throw new FakeDigitError("BOUNDARY_ENTITY_NOT_FOUND", r.code);
    if (r.parent && !this.relationships.some((x) => x.tenantId === r.tenantId && x.code === r.parent && x.visibleFrom <= Date.now())) {
      throw new FakeDigitError("PARENT_NOT_FOUND", `parent ${r.parent} of ${r.code} not found`);
    }
    if (this.relationships.some((x) => x.tenantId === r.tenantId && x.hierarchyType === r.hierarchyType && x.code === r.code)) throw new FakeDigitError("DUPLICATE_RECORD", r.code);
    const visibleFrom = this.write("createRelationship", r);
    this.relationships.push({ ...clone(r), id: randomUUID(), visibleFrom });
  }
  async updateRelationship(r: LiveRelationship): Promise<void> {
    const visibleFrom = this.write("updateRelationship", r);
    const i = this.relationships.findIndex((x) => x.tenantId === r.tenantId && x.hierarchyType === r.hierarchyType && x.code === r.code);
    this.relationships[i] = { ...clone(r), visibleFrom };
  }

  async searchUsers(tenantId: string, userNames: string[]): Promise<LiveUser[]> {
    const now = this.read("searchUsers");
    return clone(this.users.filter((u) => u.visibleFrom <= now && u.tenantId === tenantId && userNames.includes(u.userName))).map(strip);
  }
  async createUser(user: NewUser & { password?: string }): Promise<void> {
    if (this.users.some((u) => u.tenantId === user.tenantId && u.userName === user.userName)) throw new FakeDigitError("DuplicateUserNameException", String(user.userName));
    const visibleFrom = this.write("createUser", { ...user, password: "***" });
    const { password, ...rest } = clone(user) as LiveUser & { password?: string };
    const uuid = randomUUID();
    if (typeof password === "string") this.passwords.set(uuid, password);
    this.users.push({ ...rest, id: this.users.length + 1, uuid, active: true, visibleFrom });
  }
  async updateUser(user: LiveUser): Promise<void> {
    const visibleFrom = this.write("updateUser", user);
    const i = this.users.findIndex((u) => u.uuid === user.uuid);
    this.users[i] = { ...clone(user), visibleFrom };
  }

  async searchEmployees(tenantId: string, codes: string[]): Promise<LiveEmployee[]> {
    const now = this.read("searchEmployees");
    // Stored as the bundle wrote them (the fake does not check HRMS's required fields).
    return clone(this.employees.filter((e) => e.visibleFrom <= now && e.tenantId === tenantId && (codes.length === 0 || codes.includes(String(e.code))))).map(strip) as unknown as LiveEmployee[];
  }
  async createEmployees(tenantId: string, employees: Record<string, unknown>[]): Promise<void> {
    for (const e of employees) if (this.employees.some((x) => x.tenantId === tenantId && x.code === e.code)) throw new FakeDigitError("ERR_HRMS_USER_EXIST_USERNAME", String(e.code));
    const visibleFrom = this.write("createEmployees", employees);
    for (const e of employees) {
      const { password: _p, ...user } = (e.user ?? {}) as Record<string, unknown>;
      const assignments = ((e.assignments ?? []) as Record<string, unknown>[]).map((a) => ({ ...a, id: randomUUID(), auditDetails: audit() }));
      this.employees.push({ ...clone(e), id: this.employees.length + 1, uuid: randomUUID(), assignments, user: { ...user, uuid: randomUUID() }, auditDetails: audit(), visibleFrom });
    }
  }
  async updateEmployees(tenantId: string, employees: Record<string, unknown>[]): Promise<void> {
    const visibleFrom = this.write("updateEmployees", employees);
    for (const e of employees) {
      const i = this.employees.findIndex((x) => x.tenantId === tenantId && x.code === e.code);
      this.employees[i] = { ...clone(e), visibleFrom };
    }
  }

  /** Record counts per collection, for exact-count assertions. */
  counts(): Record<string, number> {
    return {
      schemas: this.schemas.length,
      mdms: this.mdms.length,
      businessServices: this.businessServices.length,
      messages: this.messages.size,
      hierarchies: this.hierarchies.length,
      boundaries: this.boundaries.length,
      relationships: this.relationships.length,
      users: this.users.length,
      employees: this.employees.length,
    };
  }
}

function strip<T extends object>(v: T & Partial<Visible>): T {
  const { visibleFrom: _v, ...rest } = v;
  return rest as T;
}

/** DIGIT assigns uuids to states and actions and stores nextState as the target state's uuid. */
function toStored(bs: BusinessService): BusinessService {
  const copy = clone(bs);
  const states = (copy.states ?? []) as Record<string, unknown>[];
  for (const s of states) s.uuid ??= randomUUID();
  const byName = new Map(states.map((s) => [s.state ?? null, s.uuid as string]));
  for (const s of states) {
    const actions = (s.actions ?? []) as Record<string, unknown>[];
    for (const a of actions) {
      a.uuid ??= randomUUID();
      a.active = true;
      a.currentState = s.uuid;
      a.tenantId = copy.tenantId;
      if (typeof a.nextState === "string" && byName.has(a.nextState)) a.nextState = byName.get(a.nextState);
    }
    s.tenantId = copy.tenantId;
    s.businessServiceId = copy.uuid;
  }
  return { ...copy, uuid: copy.uuid ?? randomUUID(), auditDetails: audit() } as BusinessService;
}

/** DIGIT's search answers the business service, its states and actions with the requested tenantId. */
function relabel(bs: BusinessService, tenantId: string): BusinessService {
  const states = ((bs.states ?? []) as Record<string, unknown>[]).map((s) => ({
    ...s,
    tenantId,
    actions: ((s.actions ?? []) as Record<string, unknown>[]).map((a) => ({ ...a, tenantId })),
  }));
  return { ...bs, tenantId, states };
}
