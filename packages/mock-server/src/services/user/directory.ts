/** `UserDirectory` over the user slice; HRMS and seeding create users through it. */
import { ErrorCodes } from "../../core/errors.js";
import type { StoredUser, UserDirectory } from "../../core/types.js";
import type { UserSlice } from "./slice.js";

export interface DirectoryDeps {
  slice(): UserSlice;
  now(): number;
  uuid(): string;
}

/** Own entries only: a uuid of `__proto__` or `constructor` is not a user. */
const own = <T>(map: Record<string, T>, key: string): T | undefined => (Object.prototype.hasOwnProperty.call(map, key) ? map[key] : undefined);

/** Deep copy through JSON: works on the journal's proxies, unlike structuredClone. */
const copy = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

export class UserDirectoryError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "UserDirectoryError";
  }
}

export function createUserDirectory(deps: DirectoryDeps): UserDirectory {
  const byUserName = (userName: string, tenantId: string) =>
    Object.values(deps.slice().users).find((u) => u.userName === userName && u.tenantId === tenantId);
  // DIGIT's unique key is (username, type, tenantid): the same userName may exist once per user type
  // (egov-user/src/main/resources/db/migration/ddl/V20180731215512__alter_eg_role_address_fk.sql:2).
  const clash = (userName: string, tenantId: string, type: string) =>
    Object.values(deps.slice().users).find((u) => u.userName === userName && u.tenantId === tenantId && u.type === type);
  return {
    create(input, by) {
      const slice = deps.slice();
      if (clash(input.userName, input.tenantId, input.type)) {
        throw new UserDirectoryError(ErrorCodes.duplicateUserName, `User name "${input.userName}" already exists in tenant ${input.tenantId} for type ${input.type}.`);
      }
      const now = deps.now();
      const user: StoredUser = {
        ...copy(input),
        id: slice.nextId,
        uuid: deps.uuid(),
        active: input.active ?? true,
        auditDetails: { createdBy: by, createdTime: now, lastModifiedBy: by, lastModifiedTime: now },
      };
      slice.nextId += 1;
      slice.users[user.uuid] = user;
      return copy(user);
    },
    update(uuid, patch, by) {
      const slice = deps.slice();
      const user = own(slice.users, uuid);
      if (!user) throw new UserDirectoryError(ErrorCodes.userNotFound, `No user with uuid ${uuid}.`);
      const { auditDetails: _ignored, ...rest } = patch;
      if (rest.userName !== undefined || rest.tenantId !== undefined || rest.type !== undefined) {
        const other = clash(rest.userName ?? user.userName, rest.tenantId ?? user.tenantId, rest.type ?? user.type);
        if (other && other.uuid !== uuid) {
          throw new UserDirectoryError(ErrorCodes.duplicateUserName, `User name "${other.userName}" already exists in tenant ${other.tenantId} for type ${other.type}.`);
        }
      }
      const next: StoredUser = {
        ...user,
        ...copy(rest),
        auditDetails: { ...user.auditDetails, lastModifiedBy: by, lastModifiedTime: deps.now() },
      };
      slice.users[uuid] = next;
      return copy(next);
    },
    byUuid: (uuid) => own(deps.slice().users, uuid),
    byUserName,
    all: () => Object.values(deps.slice().users),
  };
}
