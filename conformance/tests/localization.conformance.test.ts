/**
 * egov-localization: message search with its tenant fallback, writes and their answers, as DIGIT's code does.
 * Messages written here use a module unique to the run (`dk-<run>`); each test deletes what it wrote.
 */
import { describe, expect } from "vitest";
import { answer, behaviour, type Answer, type DigitConnection } from "../src/index.js";

const LOC = "egov-localization/src/main/java/org/egov";
const SEARCH = "/localization/messages/v1/_search";

interface Msg {
  code: string;
  message: string;
  module: string;
  locale: string;
}

const msg = (code: string, message: string, module: string, locale = "en_IN"): Msg => ({ code, message, module, locale });

async function create(digit: DigitConnection, tenantId: string, messages: Msg[], door: "gateway" | "internal" = "gateway"): Promise<Answer> {
  if (door === "internal") {
    return digit.post("/localization/messages/v1/_create", { RequestInfo: { apiId: "Rainmaker", userInfo: digit.user }, tenantId, messages }, { door, raw: true });
  }
  return digit.post("/localization/messages/v1/_create", { tenantId, messages });
}

async function remove(digit: DigitConnection, tenantId: string, messages: Msg[]): Promise<void> {
  await digit.post("/localization/messages/v1/_delete", { tenantId, messages: messages.map(({ code, module, locale }) => ({ code, module, locale })) });
}

async function search(digit: DigitConnection, query: Record<string, string>): Promise<Msg[]> {
  const res = await digit.post(SEARCH, {}, { query });
  expect(res.status).toBe(200);
  return res.body.messages as Msg[];
}

/** A POST with no body at all (DIGIT's search and cache-bust read none). */
async function bare(digit: DigitConnection, path: string, query: Record<string, string>, headers: Record<string, string> = {}): Promise<Answer> {
  return answer(await digit.target.fetch(digit.url(path, query), { method: "POST", headers }));
}

describe("localization", () => {
  behaviour(
    "v1/_search reads only query parameters: no body and no token are needed",
    [`${LOC}/web/controller/MessageController.java:37`, "gateway/src/main/resources/application.properties:41"],
    async ({ anonymous, state }) => {
      const res = await bare(anonymous(), SEARCH, { tenantId: state, locale: "en_IN" });
      expect(res.status).toBe(200);
      expect(Object.keys(res.body)).toEqual(["messages"]);
      expect(Array.isArray(res.body.messages)).toBe(true);
    },
  );

  behaviour("GET /localization/messages answers like v1/_search", `${LOC}/web/controller/MessageController.java:30`, async ({ anonymous, state }) => {
    const res = await anonymous().get("/localization/messages", { query: { tenantId: state, locale: "en_IN" }, token: null });
    expect(res.status).toBe(200);
    expect(Array.isArray(res.body.messages)).toBe(true);
  });

  behaviour(
    "v2/_search takes messageSearchCriteria in the body",
    `${LOC}/web/controller/MessageController.java:47`,
    async ({ digit, state, unique, eventually }) => {
      const module = `dk-${unique().toLowerCase()}`;
      const messages = [msg(unique("V2_"), "v2 text", module)];
      expect((await create(digit, state, messages)).status).toBe(200);
      try {
        await eventually(async () => {
          const res = await digit.post("/localization/messages/v2/_search", { messageSearchCriteria: { tenantId: state, locale: "en_IN", module } });
          expect(res.status).toBe(200);
          expect(res.body.messages).toEqual(messages);
        });
      } finally {
        await remove(digit, state, messages);
      }
    },
  );

  behaviour(
    "search items carry exactly code, message, module and locale, and there is no ResponseInfo",
    [`${LOC}/web/contract/MessagesResponse.java:13`, `${LOC}/web/contract/Message.java:17`],
    async ({ digit, state, unique, eventually }) => {
      const module = `dk-${unique().toLowerCase()}`;
      const messages = [msg(unique("K_"), "text", module)];
      expect((await create(digit, state, messages)).status).toBe(200);
      try {
        await eventually(async () => {
          const res = await digit.post(SEARCH, {}, { query: { tenantId: state, locale: "en_IN", module } });
          expect(Object.keys(res.body)).toEqual(["messages"]);
          expect(res.body.messages).toHaveLength(1);
          expect(Object.keys(res.body.messages[0]).sort()).toEqual(["code", "locale", "message", "module"]);
        });
      } finally {
        await remove(digit, state, messages);
      }
    },
  );

  behaviour(
    "a city with any matching message hides every state message: the first tenant level with a match wins, no merging",
    `${LOC}/domain/service/MessageService.java:89`,
    async ({ digit, state, city, unique, eventually }) => {
      const module = `dk-${unique().toLowerCase()}`;
      const [a, b] = [unique("A_"), unique("B_")];
      const atState = [msg(a, "state A", module), msg(b, "state B", module)];
      const atCity = [msg(b, "city B", module)];
      expect((await create(digit, state, atState)).status).toBe(200);
      expect((await create(digit, city, atCity)).status).toBe(200);
      try {
        await eventually(async () => {
          expect(await search(digit, { tenantId: city, locale: "en_IN", module })).toEqual(atCity);
        });
      } finally {
        await remove(digit, city, atCity);
        await remove(digit, state, atState);
      }
    },
  );

  behaviour(
    "a search whose filter matches nothing at the city falls back to the state",
    `${LOC}/domain/service/MessageService.java:89`,
    async ({ digit, state, city, unique, eventually }) => {
      const module = `dk-${unique().toLowerCase()}`;
      const [a, b] = [unique("A_"), unique("B_")];
      const atState = [msg(a, "state A", module), msg(b, "state B", module)];
      const atCity = [msg(b, "city B", module)];
      expect((await create(digit, state, atState)).status).toBe(200);
      expect((await create(digit, city, atCity)).status).toBe(200);
      try {
        await eventually(async () => {
          expect(await search(digit, { tenantId: city, locale: "en_IN", module, codes: a })).toEqual([atState[0]]);
        });
      } finally {
        await remove(digit, city, atCity);
        await remove(digit, state, atState);
      }
    },
  );

  behaviour(
    "tenant default is the last level of every tenant's fallback",
    [`${LOC}/domain/model/Tenant.java:31`, `${LOC}/domain/service/MessageService.java:89`],
    async ({ digit, city, unique, eventually }) => {
      const module = `dk-${unique().toLowerCase()}`;
      const messages = [msg(unique("D_"), "from default", module)];
      const res = await create(digit, "default", messages, "internal");
      expect(res.status).toBe(200);
      try {
        await eventually(async () => {
          expect(await search(digit, { tenantId: city, locale: "en_IN", module })).toEqual(messages);
        });
      } finally {
        await digit.post(
          "/localization/messages/v1/_delete",
          { RequestInfo: { apiId: "Rainmaker", userInfo: digit.user }, tenantId: "default", messages: messages.map(({ code, module: m, locale }) => ({ code, module: m, locale })) },
          { door: "internal", raw: true },
        );
      }
    },
    { internal: true },
  );

  behaviour("messages come back ordered by code", `${LOC}/domain/service/MessageService.java:211`, async ({ digit, state, unique, eventually }) => {
    const module = `dk-${unique().toLowerCase()}`;
    const run = unique("");
    const messages = [msg(`Z_${run}`, "z", module), msg(`A_${run}`, "a", module), msg(`M_${run}`, "m", module)];
    expect((await create(digit, state, messages)).status).toBe(200);
    try {
      await eventually(async () => {
        const found = await search(digit, { tenantId: state, locale: "en_IN", module });
        expect(found.map((m) => m.code)).toEqual([`A_${run}`, `M_${run}`, `Z_${run}`]);
      });
    } finally {
      await remove(digit, state, messages);
    }
  });

  behaviour(
    "_create of an existing message answers core.DUPLICATE_MESSAGE_IDENTITY in localization's own error envelope",
    [`${LOC}/web/controller/CustomControllerAdvice.java:43`, `${LOC}/persistence/repository/MessageRepository.java:46`],
    async ({ digit, state, unique }) => {
      const module = `dk-${unique().toLowerCase()}`;
      const messages = [msg(unique("DUP_"), "once", module)];
      expect((await create(digit, state, messages)).status).toBe(200);
      try {
        const again = await create(digit, state, messages);
        expect(again.status).toBe(400);
        expect(again.body.error.code).toBe(400);
        expect(again.body.error.fields).toEqual([
          { code: "core.DUPLICATE_MESSAGE_IDENTITY", message: "Combination of tenant, locale, module and code should be unique.", field: "core.DUPLICATE_MESSAGE_IDENTITY" },
        ]);
        expect(again.body).toHaveProperty("responseInfo");
        expect(again.body).not.toHaveProperty("Errors");
      } finally {
        await remove(digit, state, messages);
      }
    },
  );

  behaviour("_create refuses an empty message text", `${LOC}/web/contract/Message.java:19`, async ({ digit, state, unique }) => {
    const res = await create(digit, state, [msg(unique("E_"), "", `dk-${unique().toLowerCase()}`)]);
    expect(res.status).toBe(400);
  });

  behaviour(
    "_update takes tenantId, locale and module at the top level and skips codes that do not exist",
    [`${LOC}/web/contract/UpdateMessageRequest.java:25`, `${LOC}/persistence/repository/MessageRepository.java:69`],
    async ({ digit, state, unique, eventually }) => {
      const module = `dk-${unique().toLowerCase()}`;
      const [a, missing] = [unique("U_"), unique("NOPE_")];
      const messages = [msg(a, "old", module)];
      expect((await create(digit, state, messages)).status).toBe(200);
      try {
        const res = await digit.post("/localization/messages/v1/_update", {
          tenantId: state,
          locale: "en_IN",
          module,
          messages: [
            { code: a, message: "new" },
            { code: missing, message: "x" },
          ],
        });
        expect(res.status).toBe(200);
        expect(res.body.messages).toEqual([msg(a, "new", module), msg(missing, "x", module)]);
        await eventually(async () => {
          expect(await search(digit, { tenantId: state, locale: "en_IN", module })).toEqual([msg(a, "new", module)]);
        });
      } finally {
        await remove(digit, state, messages);
      }
    },
  );

  behaviour(
    "_delete takes the list under messages, ignores missing ones and answers {successful: true}",
    [`${LOC}/web/contract/DeleteMessagesRequest.java:29`, `${LOC}/persistence/repository/MessageRepository.java:60`, `${LOC}/web/contract/DeleteMessagesResponse.java:11`],
    async ({ digit, state, unique, eventually }) => {
      const module = `dk-${unique().toLowerCase()}`;
      const messages = [msg(unique("DEL_"), "bye", module)];
      expect((await create(digit, state, messages)).status).toBe(200);
      const res = await digit.post("/localization/messages/v1/_delete", {
        tenantId: state,
        messages: [
          { code: messages[0]!.code, module, locale: "en_IN" },
          { code: unique("NOPE_"), module, locale: "en_IN" },
        ],
      });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ successful: true });
      await eventually(async () => {
        expect(await search(digit, { tenantId: state, locale: "en_IN", module })).toEqual([]);
      });
    },
  );

  behaviour(
    "_upsert inserts new codes and updates existing ones",
    `${LOC}/persistence/repository/MessageRepository.java:77`,
    async ({ digit, state, unique, eventually }) => {
      const module = `dk-${unique().toLowerCase()}`;
      const [a, b] = [unique("UP_"), unique("UP_")];
      expect((await create(digit, state, [msg(a, "one", module)])).status).toBe(200);
      try {
        const res = await digit.post("/localization/messages/v1/_upsert", { tenantId: state, messages: [msg(a, "uno", module), msg(b, "dos", module)] });
        expect(res.status).toBe(200);
        await eventually(async () => {
          const found = await search(digit, { tenantId: state, locale: "en_IN", module });
          expect(Object.fromEntries(found.map((m) => [m.code, m.message]))).toEqual({ [a]: "uno", [b]: "dos" });
        });
      } finally {
        await remove(digit, state, [msg(a, "", module), msg(b, "", module)]);
      }
    },
  );

  behaviour(
    "cache-bust ignores its body and answers {responseInfo: null, isSuccessful: true}",
    [`${LOC}/web/controller/MessageController.java:78`, `${LOC}/web/contract/CacheBustResponse.java:13`],
    async ({ digit }) => {
      const res = await digit.post("/localization/messages/cache-bust", { anything: "ignored" });
      expect(res.status).toBe(200);
      expect(res.body.responseInfo).toBeNull();
      expect(res.body.isSuccessful).toBe(true);
      expect(res.body).not.toHaveProperty("ResponseInfo");
    },
  );

  behaviour(
    "a search without locale answers the tracer's missing-parameter error",
    [`${LOC}/web/controller/MessageController.java:38`, "libraries/tracer/src/main/java/org/egov/tracer/ExceptionAdvise.java:151"],
    async ({ anonymous, state }) => {
      const res = await bare(anonymous(), SEARCH, { tenantId: state });
      expect(res.status).toBe(400);
      expect(res.body.Errors[0].code).toBe("");
      expect(res.body.Errors[0].params).toEqual(["locale"]);
    },
  );

  // DIGIT also answers `__proto__`, `constructor` and other prototype names here; the mock's core refuses them as
  // implausible tenant ids (400 INVALID_TENANT_ID), a documented deviation (docs/conformance.md), so they are left out.
  behaviour("any tenant id is searchable, an unknown one included", `${LOC}/domain/model/Tenant.java:22`, async ({ anonymous }) => {
    for (const tenantId of ["dknowhere", "dknowhere.nocity", "dk_no-where.a.b"]) {
      const res = await bare(anonymous(), SEARCH, { tenantId, locale: "en_IN", module: "dk-none" });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ messages: [] });
    }
  });
});
