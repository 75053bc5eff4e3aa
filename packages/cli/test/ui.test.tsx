import { render } from "ink-testing-library";
import { describe, expect, it } from "vitest";
import { Confirm, type ConfirmAnswer } from "../src/ui/components/Confirm.js";
import { Prompt } from "../src/ui/components/Prompt.js";
import { PlanTable } from "../src/ui/components/PlanTable.js";
import { ProgressBars } from "../src/ui/components/ProgressBars.js";
import { Table } from "../src/ui/components/Table.js";
import { planView } from "../src/ui/plan-view.js";
import { formatPlanView } from "../src/ui/render.js";
import { textTable } from "../src/ui/text-table.js";

const view = planView("dk", [
  { kind: "schema", create: 7, update: 0, unchanged: 0 },
  { kind: "mdms", create: 40, update: 2, unchanged: 1 },
]);

describe("ink components", () => {
  it("PlanTable shows per-kind counts and the verdict", () => {
    const { lastFrame } = render(<PlanTable plan={view} />);
    const frame = lastFrame()!;
    expect(frame).toContain("Plan for dk");
    expect(frame).toMatch(/schema\s+7\s+0\s+0/);
    expect(frame).toMatch(/mdms\s+40\s+2\s+1/);
    expect(frame).toContain("47 to create, 2 to update, 1 unchanged.");
  });

  it("PlanTable says no changes when there are none", () => {
    const { lastFrame } = render(<PlanTable plan={planView("dk", [{ kind: "mdms", create: 0, update: 0, unchanged: 5 }])} />);
    expect(lastFrame()).toContain("No changes");
  });

  it("ProgressBars show counts, rate and failures", () => {
    const { lastFrame } = render(
      <ProgressBars
        now={3000}
        steps={[
          { label: "mdms", total: 40, done: 20, failed: 1, skipped: 0, startedAt: 1000 },
          { label: "schema", total: 7, done: 7, failed: 0, skipped: 0, startedAt: 0, finishedAt: 1000 },
        ]}
      />,
    );
    const frame = lastFrame()!;
    expect(frame).toMatch(/mdms\s+█+░+ 20\/40 {2}10\.0\/s {2}1 failed/);
    expect(frame).toMatch(/schema\s+█{24} 7\/7 {2}7\.0\/s/);
  });

  it("Table aligns columns", () => {
    const { lastFrame } = render(<Table columns={["kind", "n"]} rows={[["schema", 7], ["mdms", 40]]} alignRight={[1]} />);
    expect(lastFrame()).toContain("schema   7");
    expect(lastFrame()).toContain("mdms    40");
  });

  it("Confirm answers yes on y and no on Enter", async () => {
    const answers: ConfirmAnswer[] = [];
    const yes = render(<Confirm message="Apply?" onAnswer={(a) => answers.push(a)} />);
    await new Promise((r) => setTimeout(r, 20));
    yes.stdin.write("y");
    await new Promise((r) => setTimeout(r, 20));
    expect(yes.lastFrame()).toContain("Apply? (y/N) yes");
    const no = render(<Confirm message="Apply?" onAnswer={(a) => answers.push(a)} />);
    await new Promise((r) => setTimeout(r, 20));
    no.stdin.write("\r");
    await new Promise((r) => setTimeout(r, 20));
    expect(answers).toEqual(["yes", "no"]);
  });
});

describe("Prompt", () => {
  const tick = () => new Promise((r) => setTimeout(r, 20));

  it("submits a pasted answer that arrives in one chunk with its Enter", async () => {
    const got: (string | undefined)[] = [];
    const p = render(<Prompt message="State tenant code" defaultValue="dk" onSubmit={(v) => got.push(v)} />);
    await tick();
    expect(p.lastFrame()).toContain("State tenant code (dk)");
    p.stdin.write("pb\r");
    await tick();
    expect(got).toEqual(["pb"]);
  });

  it("takes the default on a bare Enter and re-asks on an invalid answer", async () => {
    const got: (string | undefined)[] = [];
    const validate = (v: string) => (v === "bad" ? "not allowed" : undefined);
    const p = render(<Prompt message="Cities" defaultValue="alpha" validate={validate} onSubmit={(v) => got.push(v)} />);
    await tick();
    p.stdin.write("bad\r");
    await tick();
    expect(p.lastFrame()).toContain("not allowed");
    expect(got).toEqual([]);
    const q = render(<Prompt message="Cities" defaultValue="alpha" onSubmit={(v) => got.push(v)} />);
    await tick();
    q.stdin.write("\r");
    await tick();
    expect(got).toEqual(["alpha"]);
  });
});

describe("plain-text fallbacks", () => {
  it("formatPlanView renders the same counts without ink", () => {
    const text = formatPlanView(view);
    expect(text).toMatch(/schema\s+7\s+0\s+0/);
    expect(text).toContain("47 to create, 2 to update, 1 unchanged.");
  });

  it("textTable pads and right-aligns", () => {
    expect(textTable(["a", "n"], [["xx", 1], ["y", 10]], [1])).toBe("a    n\n--  --\nxx   1\ny   10");
  });
});
