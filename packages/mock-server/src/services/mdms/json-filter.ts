/**
 * A tiny evaluator for the JSONPath filters MDMS v1 clients send in `masterDetails[].filter`:
 * `[?(@.code=='X')]`, `$.[?(@.active==true)]`, `[?(@.code IN ['A','B'])]`, with `==`, `!=`, `<`, `<=`,
 * `>`, `>=`, `IN`, `NIN`, `&&`, `||`, `!`, parentheses, and an optional projection (`[?(...)].name`,
 * `$.*.code`). Anything else is refused with {@link FilterSyntaxError}.
 */
import { getPath } from "../shared/values.js";

export class FilterSyntaxError extends Error {}

type Literal = string | number | boolean | null;
type Operand = { kind: "path"; path: string } | { kind: "literal"; value: Literal } | { kind: "list"; values: Literal[] };
type Expr =
  | { kind: "and" | "or"; left: Expr; right: Expr }
  | { kind: "not"; expr: Expr }
  | { kind: "cmp"; op: string; left: Operand; right: Operand }
  | { kind: "truthy"; operand: Operand };

type Token = { type: "punct" | "op" | "str" | "num" | "word" | "path"; text: string };

const OPS = ["==", "!=", "<=", ">=", "&&", "||", "<", ">", "!"];

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const c = source.charAt(i);
    if (/\s/.test(c)) {
      i += 1;
      continue;
    }
    const op = OPS.find((o) => source.startsWith(o, i));
    if (op !== undefined) {
      tokens.push({ type: "op", text: op });
      i += op.length;
      continue;
    }
    if ("()[],".includes(c)) {
      tokens.push({ type: "punct", text: c });
      i += 1;
      continue;
    }
    if (c === "'" || c === '"') {
      const end = source.indexOf(c, i + 1);
      if (end === -1) throw new FilterSyntaxError(`unterminated string starting at position ${i}`);
      tokens.push({ type: "str", text: source.slice(i + 1, end) });
      i = end + 1;
      continue;
    }
    const match = /^(@(?:\.[A-Za-z_$][\w$-]*)*|-?\d+(?:\.\d+)?|[A-Za-z_]\w*)/.exec(source.slice(i));
    if (match === null) throw new FilterSyntaxError(`unexpected character '${c}' at position ${i}`);
    const text = match[0];
    tokens.push({ type: text.startsWith("@") ? "path" : /^-?\d/.test(text) ? "num" : "word", text });
    i += text.length;
  }
  return tokens;
}

class Parser {
  private pos = 0;
  constructor(private readonly tokens: Token[]) {}

  parse(): Expr {
    const expr = this.or();
    if (this.pos < this.tokens.length) throw new FilterSyntaxError(`unexpected '${this.tokens[this.pos]?.text}'`);
    return expr;
  }

  private peek(): Token | undefined {
    return this.tokens[this.pos];
  }

  private take(text?: string): Token {
    const token = this.tokens[this.pos];
    if (token === undefined) throw new FilterSyntaxError("unexpected end of filter");
    if (text !== undefined && token.text !== text) throw new FilterSyntaxError(`expected '${text}' but found '${token.text}'`);
    this.pos += 1;
    return token;
  }

  private or(): Expr {
    let left = this.and();
    while (this.peek()?.text === "||") {
      this.take();
      left = { kind: "or", left, right: this.and() };
    }
    return left;
  }

  private and(): Expr {
    let left = this.unary();
    while (this.peek()?.text === "&&") {
      this.take();
      left = { kind: "and", left, right: this.unary() };
    }
    return left;
  }

  private unary(): Expr {
    const token = this.peek();
    if (token?.text === "!") {
      this.take();
      return { kind: "not", expr: this.unary() };
    }
    if (token?.text === "(") {
      this.take();
      const inner = this.or();
      this.take(")");
      return inner;
    }
    const left = this.operand();
    const next = this.peek();
    const op = next === undefined ? undefined : next.type === "op" || next.type === "word" ? next.text.toUpperCase() : undefined;
    if (op !== undefined && ["==", "!=", "<", "<=", ">", ">=", "IN", "NIN"].includes(op)) {
      this.take();
      return { kind: "cmp", op, left, right: this.operand() };
    }
    return { kind: "truthy", operand: left };
  }

  private literal(token: Token): Literal {
    if (token.type === "str") return token.text;
    if (token.type === "num") return Number(token.text);
    if (token.type === "word") {
      if (token.text === "true") return true;
      if (token.text === "false") return false;
      if (token.text === "null") return null;
    }
    throw new FilterSyntaxError(`unsupported value '${token.text}'`);
  }

  private operand(): Operand {
    const token = this.take();
    if (token.type === "path") return { kind: "path", path: token.text.slice(1) };
    if (token.text === "[") {
      const values: Literal[] = [];
      while (this.peek()?.text !== "]") {
        values.push(this.literal(this.take()));
        if (this.peek()?.text === ",") this.take();
      }
      this.take("]");
      return { kind: "list", values };
    }
    return { kind: "literal", value: this.literal(token) };
  }
}

function resolve(operand: Operand, item: unknown): unknown {
  if (operand.kind === "path") return operand.path === "" ? item : getPath(item, operand.path);
  if (operand.kind === "list") return operand.values;
  return operand.value;
}

function compare(op: string, left: unknown, right: unknown): boolean {
  switch (op) {
    case "==":
      return left === right;
    case "!=":
      return left !== right;
    case "IN":
      return Array.isArray(right) && right.includes(left);
    case "NIN":
      return Array.isArray(right) && !right.includes(left);
    default: {
      if (typeof left === "number" && typeof right === "number") {
        return op === "<" ? left < right : op === "<=" ? left <= right : op === ">" ? left > right : left >= right;
      }
      if (typeof left === "string" && typeof right === "string") {
        return op === "<" ? left < right : op === "<=" ? left <= right : op === ">" ? left > right : left >= right;
      }
      return false;
    }
  }
}

function evaluate(expr: Expr, item: unknown): boolean {
  switch (expr.kind) {
    case "and":
      return evaluate(expr.left, item) && evaluate(expr.right, item);
    case "or":
      return evaluate(expr.left, item) || evaluate(expr.right, item);
    case "not":
      return !evaluate(expr.expr, item);
    case "cmp":
      return compare(expr.op, resolve(expr.left, item), resolve(expr.right, item));
    case "truthy": {
      const value = resolve(expr.operand, item);
      return value !== undefined && value !== null && value !== false;
    }
  }
}

/** A compiled filter: maps master records to the selected records (or projected values). */
export type MasterFilter = (items: unknown[]) => unknown[];

const PROJECTION = /^(?:\.[A-Za-z_$][\w$-]*)*$/;

/** Compiles a v1 master filter. Throws {@link FilterSyntaxError} on unsupported syntax. */
export function compileFilter(filter: string): MasterFilter {
  let rest = filter.trim();
  if (rest.startsWith("$")) rest = rest.slice(1);
  if (rest.startsWith(".*") || rest.startsWith("[*]")) {
    const projection = rest.startsWith(".*") ? rest.slice(2) : rest.slice(3);
    if (!PROJECTION.test(projection)) throw new FilterSyntaxError(`unsupported projection '${projection}'`);
    return (items) => project(items, projection);
  }
  if (rest.startsWith(".")) rest = rest.slice(1);
  if (!rest.startsWith("[?(")) throw new FilterSyntaxError("expected a filter of the form [?(<condition>)]");
  const close = rest.lastIndexOf(")]");
  if (close === -1) throw new FilterSyntaxError("the filter must end with ')]'");
  const expr = new Parser(tokenize(rest.slice(3, close))).parse();
  const projection = rest.slice(close + 2);
  if (!PROJECTION.test(projection)) throw new FilterSyntaxError(`unsupported projection '${projection}'`);
  return (items) => project(items.filter((item) => evaluate(expr, item)), projection);
}

function project(items: unknown[], projection: string): unknown[] {
  if (projection === "") return items;
  return items.map((item) => getPath(item, projection.slice(1))).filter((v) => v !== undefined && v !== null);
}
