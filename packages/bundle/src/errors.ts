import type { BundleIssue } from "./model.js";

/** Renders one issue as `file: /pointer: message. hint`. */
export function formatIssue(issue: BundleIssue): string {
  const file = issue.line === undefined ? issue.file : `${issue.file}:${issue.line}:${issue.column ?? 1}`;
  const where = issue.pointer ? `${file}: ${issue.pointer}` : file;
  const hint = issue.hint ? ` ${issue.hint}` : "";
  return `${where}: ${issue.message}.${hint}`.replace(/\.\.(\s|$)/g, ".$1");
}

/**
 * Thrown by {@link loadBundle} when the bundle has one or more errors. `issues` lists every problem found
 * (not just the first), each naming the file and JSON pointer.
 */
export class BundleValidationError extends Error {
  override readonly name = "BundleValidationError";
  readonly issues: BundleIssue[];

  constructor(issues: BundleIssue[], root: string) {
    const shown = issues.slice(0, 20).map((i) => `  - ${formatIssue(i)}`);
    const more = issues.length > 20 ? [`  … and ${issues.length - 20} more`] : [];
    super([`Bundle ${root} has ${issues.length} problem(s):`, ...shown, ...more].join("\n"));
    this.issues = issues;
  }
}

/** Collects issues while loading; errors and warnings apart. */
export class IssueSink {
  readonly errors: BundleIssue[] = [];
  readonly warnings: BundleIssue[] = [];
  /** Files that failed to parse: their syntax error is their only problem (no shape errors on `undefined`). */
  readonly unparsable = new Set<string>();

  /** Records a syntax error at `line`:`column` of `file`. */
  syntax(file: string, line: number | undefined, column: number | undefined, message: string, hint: string): void {
    this.unparsable.add(file);
    this.errors.push({ file, pointer: "", ...(line !== undefined ? { line, column: column ?? 1 } : {}), message, hint, severity: "error" });
  }

  error(file: string, pointer: string, message: string, hint?: string): void {
    this.errors.push({ file, pointer, message, ...(hint ? { hint } : {}), severity: "error" });
  }

  warn(file: string, pointer: string, message: string, hint?: string): void {
    this.warnings.push({ file, pointer, message, ...(hint ? { hint } : {}), severity: "warning" });
  }

  add(issue: BundleIssue): void {
    if (issue.severity === "warning") this.warnings.push(issue);
    else this.errors.push({ ...issue, severity: "error" });
  }
}
