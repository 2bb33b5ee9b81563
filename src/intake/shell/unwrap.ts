// Peels wrappers off a command (sudo, env, timeout, nohup, nice, time, xargs, npx, aws-vault
// exec, ...) so the recogniser sees the command that really runs, plus what the wrappers said.
import type { EnvironmentHints, Evidence } from '../../model.js';
import { SUBCOMMAND_WRAPPERS, WRAPPERS, type WrapperSpec } from '../../knowledge/shell-commands.js';
import { commandEvidence, toolName } from './command.js';
import type { Word } from './syntax.js';

export interface Unwrapped {
  words: Word[];
  env: Record<string, string | undefined>;
  evidence: Evidence[];
  hints: EnvironmentHints;
  argsFromStdin: boolean;
  /** The last wrapper seen, when it left no command to run (`sudo -i`, bare `xargs`). */
  emptyWrapper?: string;
  /** `command -v x`: nothing runs. */
  lookupOnly: boolean;
}

const MAX_WRAPPERS = 16;

export function unwrap(words: Word[], env: Record<string, string | undefined>): Unwrapped {
  const out: Unwrapped = { words, env: { ...env }, evidence: [], hints: {}, argsFromStdin: false, lookupOnly: false };
  for (let round = 0; round < MAX_WRAPPERS && out.words.length; round++) {
    const name = toolName(out.words[0].value);
    const sub = out.words[1]?.value;
    if (sub !== undefined && SUBCOMMAND_WRAPPERS[name]?.has(sub)) {
      out.words = out.words.slice(1);
      out.words[0] = { ...out.words[0], value: `${name}-${sub}` };
      if (name === 'aws-vault') peel(out, 'aws-vault', WRAPPERS['aws-vault']);
      else skipLeadingOptions(out);
      continue;
    }
    const spec = WRAPPERS[name];
    if (!spec) break;
    peel(out, name, spec);
    if (out.lookupOnly) break;
  }
  return out;
}

function peel(out: Unwrapped, name: string, spec: WrapperSpec): void {
  const args = out.words.slice(1);
  let i = 0;
  let operands = spec.operands ?? 0;
  while (i < args.length) {
    const a = args[i].value;
    if (a === '--') { i++; break; }
    if (a.startsWith('-') && a.length > 1) {
      if (spec.lookupOnly?.has(a)) { out.lookupOnly = true; return; }
      if (name === 'env') envOption(out, a, args[i + 1]?.value);
      if (name === 'sudo') sudoOption(out, a, args[i + 1]?.value);
      if (name === 'env' && (a === '-S' || a === '--split-string')) {
        // env -S 'cmd args': the string is split into words
        const split = (args[i + 1]?.value ?? '').split(/\s+/).filter(Boolean).map(literalWord);
        out.words = [...split, ...args.slice(i + 2)];
        return;
      }
      i += spec.optionsWithArgument.has(a) ? 2 : 1;
      continue;
    }
    if (spec.assignments && /^[A-Za-z_][A-Za-z0-9_]*=/.test(a)) {
      const eq = a.indexOf('=');
      out.env[a.slice(0, eq)] = a.slice(eq + 1);
      i++;
      continue;
    }
    if (operands > 0) {
      if (spec.profileOperand) out.hints.profile = a;
      operands--;
      i++;
      continue;
    }
    break;
  }
  if (name === 'sudo') out.evidence.push(commandEvidence('runs with elevated privileges (sudo)', 'sudo'));
  if (name === 'xargs') {
    out.argsFromStdin = true;
    out.evidence.push(commandEvidence('arguments are appended from stdin by xargs: the targets are not visible in the command', 'xargs'));
  }
  if (name === 'watch') out.evidence.push(commandEvidence('repeats the command periodically (watch)', 'watch'));
  out.words = args.slice(i);
  if (!out.words.length) out.emptyWrapper = name;
}

function envOption(out: Unwrapped, opt: string, next: string | undefined): void {
  if (opt === '-i' || opt === '--ignore-environment' || opt === '-') {
    for (const k of Object.keys(out.env)) out.env[k] = undefined;
    out.evidence.push(commandEvidence('starts with an empty environment (env -i)', 'env -i'));
  }
  if (opt === '-u' && next) out.env[next] = undefined;
  if (opt.startsWith('--unset=')) out.env[opt.slice(8)] = undefined;
}

function sudoOption(out: Unwrapped, opt: string, next: string | undefined): void {
  if ((opt === '-u' || opt === '--user') && next) out.evidence.push(commandEvidence(`runs as user ${next}`, 'sudo -u', next));
  if (opt === '-i' || opt === '-s' || opt === '--login' || opt === '--shell') {
    out.evidence.push(commandEvidence('starts a root shell', opt));
  }
}

/** `uv run --frozen pytest`: drop the wrapper's own flags (best effort: flags with values are rare). */
function skipLeadingOptions(out: Unwrapped): void {
  const rest = out.words.slice(1);
  const dash = rest.findIndex((w) => w.value === '--');
  if (dash >= 0) { out.words = rest.slice(dash + 1); return; }
  let i = 0;
  while (i < rest.length && rest[i].value.startsWith('-')) i++;
  out.words = rest.slice(i);
  if (!out.words.length) out.emptyWrapper = 'exec';
}

export function literalWord(value: string): Word {
  return { raw: value, value, dynamic: value.includes('$'), glob: /[*?[]/.test(value), substitutions: [] };
}
