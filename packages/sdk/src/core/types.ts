/**
 * Type-level mapping from openapi-typescript `operations` entries to SDK method signatures.
 * Runtime code never depends on this file.
 */
import type { MultipartFields } from "./body.js";
import type { CallOptions, RequestInfo } from "./options.js";
import type { PaginateOptions } from "./paginate.js";
import type { RouteDef } from "./route.js";

type Simplify<T> = { [K in keyof T]: T[K] } & {};
type IsNever<T> = [T] extends [never] ? true : false;
type RequiredKeys<T> = { [K in keyof T]-?: object extends Pick<T, K> ? never : K }[keyof T];

/** The content map of an operation's request body (never when it has none). */
type RequestContent<Op> = Op extends { requestBody: { content: infer C } }
  ? C
  : Op extends { requestBody?: { content: infer C } }
    ? C
    : never;

type IsEmptyRecord<T> = string extends keyof T ? ([T[string]] extends [never] ? true : false) : false;

/**
 * openapi-typescript renders a free-form `type: object` (MDMS `data`, schema `definition`,
 * `additionalDetails`) as `Record<string, never>`, which no real value fits. Those become
 * `Record<string, unknown>`; everything else is unchanged.
 */
export type FreeForm<T> = T extends readonly (infer U)[]
  ? FreeForm<U>[]
  : T extends Blob
    ? T
    : T extends object
      ? IsEmptyRecord<T> extends true
        ? Record<string, unknown>
        : { [K in keyof T]: FreeForm<T[K]> }
      : T;

/** A JSON body as callers write it: `RequestInfo` optional and partial, the SDK fills the rest. */
export type JsonInput<B> = B extends object
  ? Simplify<Omit<FreeForm<B>, "RequestInfo"> & { RequestInfo?: Partial<RequestInfo> }>
  : B;

/** Multipart fields: the spec's fields, where file parts take `Blob`/`File` (or a list of them). */
export type MultipartInput<B> =
  | FormData
  | (B extends object ? { [K in keyof B]?: B[K] | Blob | readonly Blob[] } & MultipartFields : MultipartFields);

/** What the caller passes as the request body of operation `Op`. */
export type BodyOf<Op> =
  RequestContent<Op> extends infer C
    ? IsNever<C> extends true
      ? never
      : C extends { "multipart/form-data": infer B }
        ? MultipartInput<B>
        : C extends { "application/x-www-form-urlencoded": infer B }
          ? B
          : C extends { "application/json": infer B }
            ? JsonInput<B>
            : JsonInput<C[keyof C]>
    : never;

type SuccessResponse<Op> = Op extends { responses: infer R }
  ? R[Extract<keyof R, 200 | 201 | 202 | 204 | "200" | "201" | "202" | "204">]
  : never;

type RedirectResponse<Op> = Op extends { responses: infer R } ? R[Extract<keyof R, 301 | 302 | 303 | 307 | 308>] : never;

/**
 * The unwrapped success body of operation `Op`: JSON as typed by the spec, `Blob` for files, `string` for
 * text, and the `Location` (string or null) for redirect operations.
 */
export type ResponseOf<Op> =
  SuccessResponse<Op> extends infer S
    ? IsNever<S> extends true
      ? IsNever<RedirectResponse<Op>> extends true
        ? unknown
        : string | null
      : S extends { content: infer C }
        ? C extends { "application/json": infer J }
          ? FreeForm<J>
          : C extends { "*/*": infer J }
            ? FreeForm<J>
            : C extends { "text/plain": infer J }
              ? J
              : Blob
        : void
    : never;

type PathParamsOf<Op> = Op extends { parameters: { path: infer P } } ? (P extends object ? P : never) : never;
type RawQueryOf<Op> = Op extends { parameters: { query?: infer Q } } ? (Q extends object ? Q : never) : never;

/** Query params with the ones the client fills itself (`tenantId`, `access_token`) made optional; `tenantId: null` sends none. */
export type QueryOf<Op> =
  RawQueryOf<Op> extends infer Q
    ? IsNever<Q> extends true
      ? never
      : Simplify<
          Omit<Q, "tenantId" | "access_token"> &
            Partial<Pick<Q, Extract<keyof Q, "access_token">>> & { [K in Extract<keyof Q, "tenantId">]?: Q[K] | null }
        >
    : never;

type ParamsPart<Op> = IsNever<PathParamsOf<Op>> extends true ? object : { params: PathParamsOf<Op> };
type QueryPart<Op> =
  IsNever<QueryOf<Op>> extends true
    ? object
    : IsNever<RequiredKeys<QueryOf<Op>>> extends true
      ? { query?: QueryOf<Op> }
      : { query: QueryOf<Op> };

/** The options argument of operation `Op`: call options plus its `params` and `query`. */
export type OptionsOf<Op> = Simplify<CallOptions & ParamsPart<Op> & QueryPart<Op>>;

type OptionsRequired<Op> = IsNever<RequiredKeys<ParamsPart<Op> & QueryPart<Op>>> extends true ? false : true;
type BodyRequired<Op> = object extends BodyOf<Op> ? false : true;

/** The call signature of one operation. */
export type OperationFn<Op> =
  IsNever<BodyOf<Op>> extends true
    ? OptionsRequired<Op> extends true
      ? (options: OptionsOf<Op>) => Promise<ResponseOf<Op>>
      : (options?: OptionsOf<Op>) => Promise<ResponseOf<Op>>
    : OptionsRequired<Op> extends true
      ? (body: BodyOf<Op>, options: OptionsOf<Op>) => Promise<ResponseOf<Op>>
      : BodyRequired<Op> extends true
        ? (body: BodyOf<Op>, options?: OptionsOf<Op>) => Promise<ResponseOf<Op>>
        : (body?: BodyOf<Op>, options?: OptionsOf<Op>) => Promise<ResponseOf<Op>>;

/** One item of the list a paginated search returns under `listKey`. */
export type ItemOf<Op, K> = K extends keyof NonNullable<ResponseOf<Op>>
  ? NonNullable<NonNullable<ResponseOf<Op>>[K]> extends readonly (infer I)[]
    ? I
    : unknown
  : unknown;

/** `.iterate()` of a paginated search: every item across pages. */
export type IterateFn<Op, K> = (
  body: BodyOf<Op>,
  options?: PaginateOptions & Partial<OptionsOf<Op>>,
) => AsyncGenerator<ItemOf<Op, K>, void, undefined>;

/** An SDK method: callable, carries its route, and paginated searches add `.iterate()`. */
export type OperationMethod<Op, R extends RouteDef> = OperationFn<Op> & { readonly route: R } & (R extends {
    readonly listKey: infer K extends string;
  }
    ? { iterate: IterateFn<Op, K> }
    : unknown);

/** A paginated SDK method (accepted by `digit.paginate`). */
export interface PaginatedMethod {
  readonly route: RouteDef;
  iterate: (body: never, options?: never) => AsyncGenerator<unknown, void, undefined>;
}

/** A service namespace: one method per route of the service. */
export type ServiceClient<Ops, Routes extends Record<string, RouteDef>> = {
  readonly [K in keyof Routes & keyof Ops]: OperationMethod<Ops[K], Routes[K]>;
};
