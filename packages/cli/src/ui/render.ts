/**
 * The UI surface commands use. On an interactive terminal these render ink components (ink and React are
 * imported here, lazily, only on that path); otherwise they print plain text that reads well in CI logs.
 */
import { EXIT, ExitSignal, UserError } from "../errors.js";
import type { Output } from "../output.js";
import type { PlanView } from "./plan-view.js";
import type { ProgressStep, ProgressUpdate } from "./progress-state.js";
import { textTable } from "./text-table.js";

async function inkRender(out: Output, element: unknown, interactiveInput = false) {
  const { render } = await import("ink");
  return render(element as Parameters<typeof render>[0], {
    stdout: out.io.stdout as NodeJS.WriteStream,
    stderr: out.io.stderr as NodeJS.WriteStream,
    ...(interactiveInput ? { stdin: out.io.stdin as NodeJS.ReadStream } : {}),
    exitOnCtrlC: false,
    patchConsole: false,
  });
}

/** Renders static ink content once and leaves it on screen. */
async function renderStatic(out: Output, element: unknown): Promise<void> {
  const instance = await inkRender(out, element);
  instance.unmount();
  await instance.waitUntilExit();
}

export interface TableInput {
  title?: string;
  columns: readonly string[];
  rows: readonly (readonly (string | number)[])[];
  alignRight?: readonly number[];
}

/** A table: ink on a terminal, padded text otherwise. Not for --json (commands print data instead). */
export async function renderTable(out: Output, table: TableInput): Promise<void> {
  if (out.interactive) {
    const [{ createElement }, { Table }] = await Promise.all([import("react"), import("./components/Table.js")]);
    await renderStatic(out, createElement(Table, table));
    return;
  }
  out.text(`${table.title ? `${table.title}\n` : ""}${textTable(table.columns, table.rows, table.alignRight)}`);
}

/** Plain rendering of a plan view (also what non-TTY runs print). */
export function formatPlanView(plan: PlanView): string {
  const rows = plan.rows.map((r) => [r.kind, r.create, r.update, r.unchanged]);
  const verdict =
    plan.create + plan.update === 0
      ? "No changes. The tenant matches the bundle."
      : `${plan.create} to create, ${plan.update} to update, ${plan.unchanged} unchanged.`;
  return `Plan for ${plan.tenant}\n${textTable(["kind", "create", "update", "unchanged"], rows, [1, 2, 3])}\n${verdict}`;
}

/** The plan summary table. */
export async function renderPlan(out: Output, plan: PlanView): Promise<void> {
  if (out.interactive) {
    const [{ createElement }, { PlanTable }] = await Promise.all([import("react"), import("./components/PlanTable.js")]);
    await renderStatic(out, createElement(PlanTable, { plan }));
    return;
  }
  out.text(formatPlanView(plan));
}

export interface ProgressReporter {
  update(update: ProgressUpdate): void;
  /** Stops rendering (final frame / summary lines stay). */
  done(): Promise<void>;
}

/**
 * Live progress per step. Terminal: ink bars with counts and rate. Otherwise: one line to stderr when a
 * step finishes (and at every 25 % of steps with 200+ items), so CI logs stay short.
 */
export async function renderProgress(out: Output): Promise<ProgressReporter> {
  const steps = new Map<string, ProgressStep>();
  const apply = (u: ProgressUpdate): ProgressStep => {
    const now = Date.now();
    const step = steps.get(u.label) ?? { label: u.label, total: u.total, done: 0, failed: 0, skipped: 0, startedAt: now };
    step.total = u.total;
    step.done = u.done;
    step.failed = u.failed ?? step.failed;
    step.skipped = u.skipped ?? step.skipped;
    if (step.done >= step.total && step.finishedAt === undefined) step.finishedAt = now;
    steps.set(u.label, step);
    return step;
  };

  if (out.interactive) {
    const [{ createElement }, { ProgressBars }] = await Promise.all([import("react"), import("./components/ProgressBars.js")]);
    const view = () => createElement(ProgressBars, { steps: [...steps.values()], now: Date.now() });
    const instance = await inkRender(out, view());
    const timer = setInterval(() => instance.rerender(view()), 100);
    return {
      update(u) {
        apply(u);
      },
      async done() {
        clearInterval(timer);
        instance.rerender(view());
        instance.unmount();
        await instance.waitUntilExit();
      },
    };
  }

  // Plain mode: one line when a phase finishes; big phases also report every 25 %.
  const lastQuarter = new Map<string, number>();
  return {
    update(u) {
      const step = apply(u);
      const finished = step.finishedAt !== undefined;
      const quarter = step.total === 0 ? 4 : Math.floor((step.done / step.total) * 4);
      if (!finished && (step.total < 200 || quarter === 0 || lastQuarter.get(u.label) === quarter)) return;
      if (finished && lastQuarter.get(u.label) === 4) return;
      lastQuarter.set(u.label, finished ? 4 : quarter);
      const seconds = ((step.finishedAt ?? Date.now()) - step.startedAt) / 1000;
      const rate = seconds > 0 ? ` (${(step.done / seconds).toFixed(1)}/s)` : "";
      const failed = `${step.failed ? `, ${step.failed} failed` : ""}${step.skipped ? `, ${step.skipped} skipped` : ""}`;
      out.status(`${step.label}: ${step.done}/${step.total}${finished ? ` done${rate}` : ""}${failed}`);
    },
    async done() {},
  };
}

/**
 * Asks a yes/no question on the terminal. Callers must check `out.interactive` first: without a
 * terminal this throws (we never prompt in pipes or CI).
 */
export async function renderConfirm(out: Output, message: string, noTtyHint = "pass --yes"): Promise<boolean> {
  if (!out.interactive || !out.io.stdin.isTTY) {
    throw new UserError(`Confirmation needed ("${message}") but there is no terminal to ask on.`, { fix: `Run non-interactively: ${noTtyHint}.` });
  }
  const [{ createElement }, { Confirm }] = await Promise.all([import("react"), import("./components/Confirm.js")]);
  let resolveAnswer!: (a: string) => void;
  const answered = new Promise<string>((r) => (resolveAnswer = r));
  const instance = await inkRender(out, createElement(Confirm, { message, onAnswer: resolveAnswer }), true);
  const answer = await answered;
  instance.unmount();
  await instance.waitUntilExit();
  if (answer === "interrupted") throw new ExitSignal(EXIT.INTERRUPTED);
  return answer === "yes";
}

export interface PromptInput {
  message: string;
  defaultValue?: string;
  validate?: (value: string) => string | undefined;
  /** The flag that answers this question, for the no-terminal error. */
  flag: string;
}

/** Asks for one line of text on the terminal (ink). Never prompts without one: names the flag instead. */
export async function renderPrompt(out: Output, input: PromptInput): Promise<string> {
  if (!out.interactive || !out.io.stdin.isTTY) {
    throw new UserError(`"${input.message}" needs an answer and there is no terminal to ask on.`, { fix: `Pass ${input.flag}.` });
  }
  const [{ createElement }, { Prompt }] = await Promise.all([import("react"), import("./components/Prompt.js")]);
  let resolveValue!: (v: string | undefined) => void;
  const submitted = new Promise<string | undefined>((r) => (resolveValue = r));
  const instance = await inkRender(
    out,
    createElement(Prompt, { message: input.message, defaultValue: input.defaultValue, validate: input.validate, onSubmit: resolveValue }),
    true,
  );
  const value = await submitted;
  instance.unmount();
  await instance.waitUntilExit();
  if (value === undefined) throw new ExitSignal(EXIT.INTERRUPTED);
  return value;
}
