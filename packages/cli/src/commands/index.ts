/**
 * THE command table. Help, shell completion, docs/cli.md's reference and lazy loading all come from here.
 * Nothing in this file may import a command module statically: `load()` is the only way in, so
 * `digit --version` and `digit plan --help` load commander and this table and nothing else.
 */
import type { CommandSpec, GroupSpec, OptionSpec } from "./types.js";
// services/types.ts has no runtime imports of its own, so this keeps start-up light.
import { EXPORT_KINDS, KINDS } from "../services/types.js";

export type { CommandSpec, GroupSpec, OptionSpec } from "./types.js";

const file: OptionSpec = { flags: "-f, --file <bundle>", description: "bundle directory (DIGIT Kit or default-data-handler layout)" };
const tenant: OptionSpec = {
  flags: "--tenant <state>",
  description: "state tenant to provision (replaces the bundle's state tenant and {tenantid} placeholders)",
};
const only: OptionSpec = {
  flags: "--only <kinds>",
  description: "limit to these kinds (comma-separated or repeated)",
  list: true,
  choices: [...KINDS],
};

/** Command groups (`digit profile ...`), for help and completion. */
export const groups: readonly GroupSpec[] = [
  { name: "profile", summary: "Manage connection profiles" },
  { name: "tenant", summary: "Create tenants" },
  { name: "workflow", summary: "Validate and draw workflow business services" },
  { name: "mdms", summary: "Search, read and write MDMS v2 records" },
  { name: "localization", summary: "Push and pull localization messages" },
  { name: "user", summary: "Manage users" },
  { name: "mock", summary: "Run the DIGIT mock server" },
];

export const commands: readonly CommandSpec[] = [
  {
    path: ["plan"],
    summary: "Show what apply would change (exit 2 when changes are pending)",
    description:
      "Compares a bundle with the live tenant and prints the creates and updates apply would make.\n" +
      "Exit codes: 0 no changes, 2 changes pending, 1 error (like terraform plan -detailed-exitcode).",
    options: [file, tenant, only],
    connects: true,
    examples: [
      { command: "digit plan -f ./bundle", description: "plan against the current profile" },
      { command: "digit plan -f ./fixtures --tenant pg --only mdms,workflow", description: "plan two kinds for tenant pg" },
      { command: "digit plan -f ./bundle --json | jq .summary", description: "machine-readable plan" },
    ],
    load: () => import("./plan.js"),
  },
  {
    path: ["apply"],
    summary: "Create and update everything in a bundle",
    description: "Applies the plan. Asks for confirmation on a terminal; pass --yes in scripts and CI.",
    options: [
      file,
      tenant,
      only,
      { flags: "--dry-run", description: "print the plan and stop" },
      { flags: "-y, --yes", description: "apply without asking (required when not on a terminal)" },
      { flags: "--concurrency <n>", description: "most parallel writes; the limit adapts below it (grows while latency is flat, halves on 429/5xx/timeouts)", default: "32" },
    ],
    connects: true,
    examples: [
      { command: "digit apply -f ./bundle", description: "plan, confirm, apply" },
      { command: "digit apply -f ./bundle --yes --json", description: "non-interactive apply for CI" },
      { command: "digit apply -f ./bundle --dry-run", description: "show the plan only" },
    ],
    load: () => import("./apply.js"),
  },
  {
    path: ["diff"],
    summary: "Show drift between two tenants (exit 2 when they differ)",
    description:
      "Compares schemas, MDMS masters, workflows and localization of two tenants, matched by natural key with\n" +
      "tenant codes factored out. Each side is [profile:]tenant, so environments can differ (dev:pb vs prod:pb).",
    args: [
      { name: "<a>", description: "first side: [profile:]tenant" },
      { name: "<b>", description: "second side: [profile:]tenant" },
    ],
    options: [
      {
        flags: "--only <kinds>",
        description: "limit to these kinds (comma-separated or repeated)",
        list: true,
        choices: ["schema", "mdms", "workflow", "localization"],
      },
    ],
    connects: true,
    examples: [
      { command: "digit diff pb.amritsar pb.jalandhar", description: "two cities on the current profile" },
      { command: "digit diff staging:pb prod:pb --json", description: "one state across two environments" },
    ],
    load: () => import("./diff.js"),
  },
  {
    path: ["export"],
    summary: "Export a live tenant as a DIGIT Kit bundle",
    options: [
      { flags: "--tenant <tenant>", description: "tenant to export", env: "DIGIT_TENANT" },
      { flags: "-o, --out <dir>", description: "directory to write the bundle to" },
      {
        ...only,
        description: "limit to these kinds (comma-separated or repeated; users are not exported: HRMS employees are)",
        choices: EXPORT_KINDS,
        unsupported: {
          user: "export cannot read users: DIGIT has no search that lists a tenant's users. HRMS employees (and their users) are exported with --only employee.",
        },
      },
    ],
    connects: true,
    examples: [
      { command: "digit export --tenant pb -o ./pb-bundle", description: "snapshot tenant pb" },
      { command: "digit export --tenant pb -o ./pb --only schema,mdms", description: "MDMS data only" },
    ],
    load: () => import("./export.js"),
  },
  {
    path: ["tenant", "create"],
    summary: "Create a state or city tenant by copying an existing one, re-tenanted",
    description:
      "Copies a state root (schemas, masters, roles, actions, role-actions, workflows, localization, boundaries of the root and its cities) or a city (its tenant row, own records, workflows, boundaries, messages). Every value naming the source tenant is rewritten by rule and listed in the plan; records of other tenants are left out; after apply a check reports any value still naming the source. Resumable: re-run the same command.",
    args: [{ name: "<tenant>", description: "new tenant code: a state root (nr) or a city (pb.jalandhar)" }],
    options: [
      { flags: "--from <tenant>", description: "tenant to copy: a state root when <tenant> is a root, else a city of the same state" },
      { flags: "--name <name>", description: "display name of the new tenant (required for a state; a city defaults to its code)" },
      { flags: "--city-name <city=name>", description: "display name of a copied city, e.g. citya='North City' (state copies; repeatable)", list: true },
      { flags: "--details <file>", description: "YAML/JSON with name, fields (merged into the tenant.tenants row) and cities: {<city>: {name, fields}}" },
      { flags: "--admin <username>", description: "create an administrator at the new tenant (password from DIGIT_ADMIN_PASSWORD or a prompt)" },
      { flags: "--admin-mobile <number>", description: "mobile number of the administrator (10 digits)" },
      { flags: "--concurrency <n>", description: "most parallel requests per step (adapts below it)", default: "16" },
      { flags: "--dry-run", description: "print the plan (with every rewrite) and stop" },
      { flags: "-y, --yes", description: "create without asking" },
    ],
    connects: true,
    examples: [
      { command: "digit tenant create pb.jalandhar --from pb.amritsar --name Jalandhar --yes", description: "clone amritsar's setup" },
      { command: "DIGIT_ADMIN_PASSWORD=… digit tenant create nr --from pg --name 'New Root' --admin nradmin --yes", description: "a new state from a template state, with its administrator" },
      { command: "digit tenant create nr --from pg --details nr.yaml --dry-run --json", description: "every rewrite, as JSON, without writing" },
    ],
    load: () => import("./tenant/create.js"),
  },
  {
    path: ["workflow", "validate"],
    summary: "Check a workflow business service file offline",
    args: [{ name: "<file>", description: "JSON/YAML file with a BusinessService or {BusinessServices:[...]}" }],
    examples: [{ command: "digit workflow validate ./workflows/pgr.yaml", description: "lint a workflow" }],
    load: () => import("./workflow/validate.js"),
  },
  {
    path: ["workflow", "graph"],
    summary: "Draw a workflow as a Mermaid state diagram",
    description: "Takes a file, or a business service code to fetch from the server.",
    args: [{ name: "<file-or-code>", description: "workflow file, or a businessService code such as PGR" }],
    options: [{ flags: "--tenant <tenant>", description: "tenant to fetch the business service from", env: "DIGIT_TENANT" }],
    connects: true,
    examples: [
      { command: "digit workflow graph ./workflows/pgr.yaml > pgr.mmd", description: "Mermaid from a file" },
      { command: "digit workflow graph PGR --tenant pb", description: "Mermaid from the live business service" },
    ],
    load: () => import("./workflow/graph.js"),
  },
  {
    path: ["mdms", "search"],
    summary: "Search MDMS v2 records of a schema",
    args: [{ name: "<schema>", description: "schema code, e.g. common-masters.Department" }],
    options: [
      { flags: "--tenant <tenant>", description: "tenant to search", env: "DIGIT_TENANT" },
      { flags: "--filter <key=value>", description: "data filter (repeatable)", list: true },
      { flags: "--limit <n>", description: "page size", default: "100" },
    ],
    connects: true,
    examples: [
      { command: "digit mdms search common-masters.Department --tenant pb", description: "all departments" },
      { command: "digit mdms search common-masters.Designation --filter active=true --json", description: "filtered, as JSON" },
    ],
    load: () => import("./mdms/search.js"),
  },
  {
    path: ["mdms", "get"],
    summary: "Read one MDMS v2 record by unique identifier",
    args: [
      { name: "<schema>", description: "schema code" },
      { name: "<id>", description: "the record's uniqueIdentifier (x-unique values joined with '.')" },
    ],
    options: [{ flags: "--tenant <tenant>", description: "tenant", env: "DIGIT_TENANT" }],
    connects: true,
    examples: [{ command: "digit mdms get common-masters.Department DEPT_1 --tenant pb", description: "one department" }],
    load: () => import("./mdms/get.js"),
  },
  {
    path: ["mdms", "set"],
    summary: "Create or update one MDMS v2 record",
    args: [{ name: "<schema>", description: "schema code" }],
    options: [
      { flags: "--tenant <tenant>", description: "tenant", env: "DIGIT_TENANT" },
      { flags: "--data <json|@file>", description: "record data as JSON, or @path to a JSON/YAML file" },
      { flags: "--inactive", description: "store the record with isActive=false" },
    ],
    connects: true,
    examples: [
      { command: `digit mdms set common-masters.Department --tenant pb --data '{"code":"DEPT_9","name":"Parks","active":true}'`, description: "upsert inline" },
      { command: "digit mdms set common-masters.Department --data @dept.json", description: "upsert from a file" },
    ],
    load: () => import("./mdms/set.js"),
  },
  {
    path: ["localization", "push"],
    summary: "Upsert localization messages from a file, one call per locale and module (as DIGIT's upsert needs)",
    args: [{ name: "<file>", description: "JSON/YAML array of {code, message, module, locale}, or a bundle's {CODE: message} map" }],
    options: [
      { flags: "--tenant <tenant>", description: "state tenant", env: "DIGIT_TENANT" },
      { flags: "--locale <locale>", description: "locale of a {CODE: message} map (default: the file's folder, e.g. en_IN)" },
      { flags: "--module <module>", description: "module of a {CODE: message} map (default: the file's name)" },
    ],
    connects: true,
    examples: [
      { command: "digit localization push ./pgr.hi.json --tenant pb", description: "upsert an array of {code, message, module, locale}, as pull writes it" },
      { command: "digit localization push bundle/localization/hi_IN/rainmaker-pgr.yaml --tenant pb", description: "upsert a bundle's map (locale and module from the path)" },
    ],
    load: () => import("./localization/push.js"),
  },
  {
    path: ["localization", "pull"],
    summary: "Download localization messages",
    options: [
      { flags: "--tenant <tenant>", description: "tenant", env: "DIGIT_TENANT" },
      { flags: "--locale <locale>", description: "locale", default: "en_IN" },
      { flags: "--module <module>", description: "module, e.g. rainmaker-pgr" },
      { flags: "-o, --out <file>", description: "write to this file instead of stdout" },
    ],
    connects: true,
    examples: [{ command: "digit localization pull --tenant pb --locale hi_IN --module rainmaker-pgr -o pgr.hi.json", description: "one module" }],
    load: () => import("./localization/pull.js"),
  },
  {
    path: ["user", "create"],
    summary: "Create a user (password from DIGIT_NEW_USER_PASSWORD or a hidden prompt)",
    options: [
      { flags: "--tenant <tenant>", description: "tenant of the user", env: "DIGIT_TENANT" },
      { flags: "--new-username <name>", description: "user name of the new user" },
      { flags: "--name <name>", description: "display name" },
      { flags: "--mobile <number>", description: "mobile number" },
      { flags: "--email <email>", description: "email address" },
      { flags: "--type <type>", description: "user type", default: "EMPLOYEE", choices: ["EMPLOYEE", "CITIZEN", "SYSTEM"] },
      { flags: "--roles <codes>", description: "role codes (comma-separated)", list: true },
    ],
    connects: true,
    examples: [
      {
        command: "DIGIT_NEW_USER_PASSWORD=… digit user create --tenant pb.amritsar --new-username gro1 --name 'GRO One' --mobile 9999999999 --roles GRO,EMPLOYEE",
        description: "an employee with two roles",
      },
    ],
    load: () => import("./user/create.js"),
  },
  {
    path: ["mock", "start"],
    summary: "Start the stateful DIGIT mock server",
    description:
      "Delegates to @digit-kit/mock-server; every option after `start` is passed through.\n" +
      "Ctrl-C or SIGTERM saves the state and exits 0; a port in use is an error naming the port and the fix (exit 1).",
    args: [{ name: "[args...]", description: "mock server options (see `digit mock start -- --help`)" }],
    options: [
      { flags: "--port <port>", description: "port to listen on" },
      { flags: "--no-cors", description: "do not answer CORS preflights or add Access-Control-* headers (on by default for browser apps)" },
    ],
    examples: [
      { command: "digit mock start --port 8080", description: "mock on localhost:8080" },
      { command: "digit mock start --port 8080 --seed ./bundle", description: "seeded from a bundle" },
    ],
    load: () => import("./mock/start.js"),
  },
  {
    path: ["init"],
    summary: "Scaffold a DIGIT Kit bundle (interactive wizard, or flags with --yes)",
    options: [
      { flags: "--dir <dir>", description: "directory to create" },
      { flags: "--state <code>", description: "state tenant code, e.g. pb" },
      { flags: "--state-name <name>", description: "state display name" },
      { flags: "--cities <codes>", description: "city names without the state prefix (comma-separated)", list: true },
      { flags: "--existing-state", description: "the state tenant already exists on DIGIT: leave its tenant record and core schemas out" },
      { flags: "--force", description: "write into a non-empty directory" },
      { flags: "-y, --yes", description: "accept defaults for anything not given; never prompt" },
    ],
    examples: [
      { command: "digit init", description: "answer a few questions" },
      { command: "digit init --dir x --state pb --cities amritsar,jalandhar --yes", description: "non-interactive" },
      { command: "digit init --dir x --state pb --existing-state --cities mohali --yes", description: "add a city to a state that exists" },
    ],
    load: () => import("./init.js"),
  },
  {
    path: ["demo"],
    summary: "Start an in-process mock, apply the example bundle and verify it",
    options: [{ flags: "-f, --file <bundle>", description: "bundle to apply instead of examples/demo-bundle" }],
    examples: [
      { command: "digit demo", description: "the two-minute tour" },
      { command: "digit demo --json", description: "the tour's results as JSON" },
    ],
    load: () => import("./demo.js"),
  },
  {
    path: ["login"],
    summary: "Log in and save a profile (token stored in credentials.json, mode 0600)",
    description:
      "The password comes from a hidden prompt on a terminal, DIGIT_PASSWORD, or --password-stdin.\n" +
      "Without a terminal there is no prompt: use DIGIT_PASSWORD or --password-stdin.",
    options: [
      { flags: "--profile <name>", description: "profile to save", default: "default", env: "DIGIT_PROFILE" },
      { flags: "--url <gateway>", description: "gateway URL, e.g. https://digit.example.org", env: "DIGIT_URL" },
      { flags: "--tenant <state>", description: "state tenant to log in to", env: "DIGIT_TENANT" },
      { flags: "--username <user>", description: "user name", env: "DIGIT_USERNAME" },
      { flags: "--user-type <type>", description: "user type", env: "DIGIT_USER_TYPE", choices: ["EMPLOYEE", "CITIZEN", "SYSTEM"] },
      { flags: "--password-stdin", description: "read the password from stdin" },
    ],
    examples: [
      { command: "digit login --profile dev --url https://dev.digit.org --tenant pb --username admin", description: "prompt for the password" },
      { command: "echo \"$PASS\" | digit login --profile ci --url $URL --tenant pb --username admin --password-stdin", description: "in CI" },
    ],
    load: () => import("./login.js"),
  },
  {
    path: ["logout"],
    summary: "Revoke the session on the server and forget the profile's tokens",
    options: [{ flags: "--profile <name>", description: "profile (default: the current one)", env: "DIGIT_PROFILE" }],
    examples: [{ command: "digit logout --profile dev", description: "drop dev's tokens" }],
    load: () => import("./logout.js"),
  },
  {
    path: ["profile", "list"],
    summary: "List profiles",
    examples: [{ command: "digit profile list", description: "profiles, current one marked *" }],
    load: () => import("./profile/list.js"),
  },
  {
    path: ["profile", "use"],
    summary: "Make a profile the current one",
    args: [{ name: "<name>", description: "profile name" }],
    examples: [{ command: "digit profile use dev", description: "switch to dev" }],
    load: () => import("./profile/use.js"),
  },
  {
    path: ["profile", "show"],
    summary: "Show a profile (never its tokens)",
    args: [{ name: "[name]", description: "profile name (default: the current one)" }],
    examples: [{ command: "digit profile show dev --json", description: "one profile as JSON" }],
    load: () => import("./profile/show.js"),
  },
  {
    path: ["completion"],
    summary: "Print a shell completion script",
    args: [{ name: "<shell>", description: "bash, zsh or fish", choices: ["bash", "zsh", "fish"] }],
    examples: [
      { command: "digit completion bash >> ~/.bashrc", description: "bash" },
      { command: "digit completion zsh > \"${fpath[1]}/_digit\"", description: "zsh" },
      { command: "digit completion fish > ~/.config/fish/completions/digit.fish", description: "fish" },
    ],
    load: () => import("./completion.js"),
  },
];

/** Options every command accepts. */
export const globalOptions: readonly OptionSpec[] = [
  { flags: "--json", description: "print machine-readable JSON on stdout (logs go to stderr)" },
  { flags: "-v, --verbose", description: "log HTTP requests (secrets redacted) to stderr" },
];

/** Options of commands that talk to a DIGIT gateway (`connects: true`). */
export const connectionOptions: readonly OptionSpec[] = [
  { flags: "--profile <name>", description: "profile to use", env: "DIGIT_PROFILE" },
  { flags: "--url <gateway>", description: "gateway URL (overrides the profile)", env: "DIGIT_URL" },
  { flags: "--username <user>", description: "log in as this user (password from DIGIT_PASSWORD)", env: "DIGIT_USERNAME" },
  { flags: "--user-type <type>", description: "user type", env: "DIGIT_USER_TYPE", choices: ["EMPLOYEE", "CITIZEN", "SYSTEM"] },
];

/** All options of a command, in help order. */
export function optionsOf(spec: CommandSpec): OptionSpec[] {
  const own = spec.options ?? [];
  const ownLong = new Set(own.map(longName));
  const conn = spec.connects ? connectionOptions.filter((o) => !ownLong.has(longName(o))) : [];
  return [...own, ...conn, ...globalOptions];
}

/** `--file` for `-f, --file <bundle>`. */
export function longName(option: OptionSpec): string {
  return /--[\w-]+/.exec(option.flags)?.[0] ?? option.flags;
}

/** `-f` for `-f, --file <bundle>`, or undefined. */
export function shortName(option: OptionSpec): string | undefined {
  return /(?:^|\s)(-\w)\b/.exec(option.flags)?.[1];
}

/** Whether the option takes a value. */
export function takesValue(option: OptionSpec): boolean {
  return /[<[]/.test(option.flags);
}
