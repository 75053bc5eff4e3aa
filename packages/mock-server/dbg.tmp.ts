import { createDigitMock } from "./src/index.js";
import { createUser, login, post, requestInfo } from "./test/helpers.js";
const mock = createDigitMock();
const token = await login(mock.fetch);
for (const b of [{ tenantId: "pg.citya", userName: "EMP1" }, { uuid: ["x"] }, { tenantId: "pg", roleCodes: ["SUPERUSER"] }]) {
for (const p of ["/user/_search", "/user/v1/_search"]) {
const r = await post(mock.fetch, p, { RequestInfo: requestInfo(token), ...b });
console.log(p, JSON.stringify(r).slice(0,300));
}}
const r = await post(mock.fetch, "/user/users/_updatenovalidate", {
      RequestInfo: requestInfo(token),
      user: { uuid: "x", name: "Renamed Employee", password: "ignored-on-update", emailId: "e2@example.org" },
    });
console.log(JSON.stringify(r).slice(0,400));
