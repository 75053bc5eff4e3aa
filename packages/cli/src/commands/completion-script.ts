/** Shell completion scripts generated from the command table (bash, zsh, fish). */
import { commands, globalOptions, groups, longName, optionsOf, shortName, takesValue } from "./index.js";
import type { CommandSpec } from "./types.js";

export const SHELLS = ["bash", "zsh", "fish"] as const;
export type Shell = (typeof SHELLS)[number];

const topLevel = (): string[] => [...new Set([...commands.filter((c) => c.path.length === 1).map((c) => c.path[0]!), ...groups.map((g) => g.name)])];

function words(spec: CommandSpec): string[] {
  const out: string[] = [];
  for (const o of optionsOf(spec)) {
    out.push(longName(o));
    const s = shortName(o);
    if (s) out.push(s);
  }
  for (const a of spec.args ?? []) out.push(...(a.choices ?? []));
  return [...out, "--help"];
}

/** Flags that take a value (completion then offers files). */
function valueFlags(): string[] {
  const set = new Set<string>();
  for (const spec of commands)
    for (const o of optionsOf(spec))
      if (takesValue(o)) {
        set.add(longName(o));
        const s = shortName(o);
        if (s) set.add(s);
      }
  return [...set].sort();
}

/** `case` arms mapping the command path typed so far to candidate words (longest paths first). */
function caseArms(indent: string, render: (pattern: string, candidates: string[]) => string): string {
  const arms: string[] = [];
  const leaves = [...commands].sort((a, b) => b.path.length - a.path.length);
  for (const spec of leaves) arms.push(render(`"${spec.path.join(" ")}"|"${spec.path.join(" ")} "*`, words(spec)));
  for (const g of groups) {
    const subs = commands.filter((c) => c.path[0] === g.name && c.path.length > 1).map((c) => c.path[1]!);
    arms.push(render(`"${g.name}"`, [...subs, "--help"]));
  }
  arms.push(render(`""`, [...topLevel(), ...globalOptions.map(longName), "--help", "--version"]));
  return arms.map((a) => indent + a).join("\n");
}

function bash(): string {
  return `# digit completion for bash. Install: digit completion bash >> ~/.bashrc
_digit_completion() {
  local cur prev path="" i
  cur="\${COMP_WORDS[COMP_CWORD]}"
  prev="\${COMP_WORDS[COMP_CWORD-1]}"
  case "$prev" in
    ${valueFlags().join("|")}) COMPREPLY=( $(compgen -f -- "$cur") ); return 0;;
  esac
  for ((i=1; i<COMP_CWORD; i++)); do
    case "\${COMP_WORDS[i]}" in -*) ;; *) path="\${path:+$path }\${COMP_WORDS[i]}";; esac
  done
  local candidates=""
  case "$path" in
${caseArms("    ", (p, c) => `${p}) candidates="${c.join(" ")}";;`)}
  esac
  COMPREPLY=( $(compgen -W "$candidates" -- "$cur") )
}
complete -o default -F _digit_completion digit
`;
}

function zsh(): string {
  return `#compdef digit
# digit completion for zsh. Install: digit completion zsh > "\${fpath[1]}/_digit"
_digit() {
  local path="" i
  local -a candidates
  case "\${words[CURRENT-1]}" in
    ${valueFlags().join("|")}) _files; return;;
  esac
  for ((i=2; i<CURRENT; i++)); do
    case "\${words[i]}" in -*) ;; *) path="\${path:+$path }\${words[i]}";; esac
  done
  case "$path" in
${caseArms("    ", (p, c) => `${p}) candidates=(${c.join(" ")});;`)}
  esac
  compadd -- $candidates
}
compdef _digit digit
`;
}

function fishEscape(s: string): string {
  return s.replace(/'/g, "\\'");
}

function fish(): string {
  const lines = ["# digit completion for fish. Install: digit completion fish > ~/.config/fish/completions/digit.fish", "complete -c digit -f"];
  const firstWords = topLevel();
  for (const word of firstWords) {
    const spec = commands.find((c) => c.path.length === 1 && c.path[0] === word);
    const group = groups.find((g) => g.name === word);
    lines.push(`complete -c digit -n '__fish_use_subcommand' -a ${word} -d '${fishEscape(spec?.summary ?? group?.summary ?? "")}'`);
  }
  for (const spec of commands) {
    let condition: string;
    if (spec.path.length > 1) {
      const [group, sub] = spec.path;
      condition = `__fish_seen_subcommand_from ${group}; and __fish_seen_subcommand_from ${sub}`;
      lines.push(
        `complete -c digit -n '__fish_seen_subcommand_from ${group}; and not __fish_seen_subcommand_from ${commands
          .filter((c) => c.path[0] === group && c.path.length > 1)
          .map((c) => c.path[1])
          .join(" ")}' -a ${sub} -d '${fishEscape(spec.summary)}'`,
      );
    } else {
      condition = `__fish_seen_subcommand_from ${spec.path[0]}`;
    }
    for (const o of optionsOf(spec)) {
      const s = shortName(o);
      const value = takesValue(o) ? (o.choices ? ` -x -a '${o.choices.join(" ")}'` : " -r -F") : "";
      lines.push(`complete -c digit -n '${condition}' -l ${longName(o).slice(2)}${s ? ` -s ${s.slice(1)}` : ""}${value} -d '${fishEscape(o.description)}'`);
    }
    for (const a of spec.args ?? []) if (a.choices) lines.push(`complete -c digit -n '${condition}' -a '${a.choices.join(" ")}'`);
  }
  return `${lines.join("\n")}\n`;
}

export function completionScript(shell: Shell): string {
  return shell === "bash" ? bash() : shell === "zsh" ? zsh() : fish();
}
