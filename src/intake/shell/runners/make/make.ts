// `make [options] [VAR=value] [goals]`: reads the Makefile the way make would (makefile.ts),
// works out which recipe lines the goals run (plan.ts) and walks each as shell text, so that
// `make teardown` is judged by the `terraform destroy` in its recipe, with the Makefile line.
import { isAbsolute, relative, resolve } from 'node:path';
import { expandGlob } from '../../path-resolve.js';
import type { PlannedAction } from '../../../types.js';
import type { Recogniser } from '../../command.js';
import { quoteWord } from '../../unwrap.js';
import { cannotFollow, runSteps, type Step } from '../follow.js';
import { asCwd, exists, firstExisting, readProjectFile, runDirectory } from '../project.js';
import { readMakefiles, type MakeDatabase } from './makefile.js';
import { plan, type Plan } from './plan.js';
import { runBuiltPrograms } from './built-programs.js';

interface MakeArguments {
  directories: string[];
  files: string[];
  includeDirs: string[];
  evals: string[];
  variables: Record<string, string>;
  goals: string[];
  /** -n, -q, -t: recipes are printed, checked or touched, not run (except `+` lines and $(MAKE)). */
  dryRun: boolean;
  environmentOverrides: boolean;
  /** --help, --version: nothing is read or run. */
  infoOnly: boolean;
}

const WITH_ARGUMENT: Record<string, keyof Pick<MakeArguments, 'directories' | 'files' | 'includeDirs' | 'evals'> | 'ignored'> = {
  C: 'directories', f: 'files', I: 'includeDirs', E: 'evals', o: 'ignored', W: 'ignored',
  '--directory': 'directories', '--file': 'files', '--makefile': 'files', '--include-dir': 'includeDirs', '--eval': 'evals',
  '--old-file': 'ignored', '--assume-old': 'ignored', '--what-if': 'ignored', '--new-file': 'ignored', '--assume-new': 'ignored',
};
const OPTIONAL_NUMBER = new Set(['j', 'l', '--jobs', '--load-average', '--max-load']);
const DRY_RUN = new Set(['n', 'q', 't', '--just-print', '--dry-run', '--recon', '--question', '--touch']);
const INFO_ONLY = new Set(['h', 'v', '--help', '--version']);

/** make's long options (GNU make 4.4), for getopt_long's prefixes: `--ev=TEXT` is `--eval=TEXT`. */
const LONG_OPTIONS = ['--always-make', '--assume-new', '--assume-old', '--check-symlink-times', '--debug', '--directory', '--dry-run',
  '--environment-overrides', '--eval', '--file', '--help', '--ignore-errors', '--include-dir', '--jobs', '--just-print', '--keep-going',
  '--load-average', '--makefile', '--max-load', '--new-file', '--no-builtin-rules', '--no-builtin-variables', '--no-keep-going',
  '--no-print-directory', '--no-silent', '--old-file', '--output-sync', '--print-data-base', '--print-directory', '--question', '--quiet',
  '--recon', '--silent', '--shuffle', '--stop', '--touch', '--trace', '--version', '--warn-undefined-variables', '--what-if', '--jobserver-style'];

/** The option a long option's spelling names: itself, or the one option it is a prefix of. */
function longOption(written: string): string {
  if (LONG_OPTIONS.includes(written)) return written;
  const matches = LONG_OPTIONS.filter((o) => o.startsWith(written));
  return matches.length === 1 ? matches[0] : written;
}

export function parseMakeArguments(argv: readonly string[]): MakeArguments {
  const out: MakeArguments = { directories: [], files: [], includeDirs: [], evals: [], variables: {}, goals: [], dryRun: false, environmentOverrides: false, infoOnly: false };
  const flag = (name: string) => {
    if (DRY_RUN.has(name)) out.dryRun = true;
    if (INFO_ONLY.has(name)) out.infoOnly = true;
    if (name === 'e' || name === '--environment-overrides') out.environmentOverrides = true;
  };
  const take = (name: string, value: string | undefined) => {
    const into = WITH_ARGUMENT[name];
    if (into && into !== 'ignored' && value !== undefined) out[into].push(value);
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') { out.goals.push(...argv.slice(i + 1)); break; }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = longOption(eq > 0 ? a.slice(0, eq) : a);
      if (Object.hasOwn(WITH_ARGUMENT, name)) take(name, eq > 0 ? a.slice(eq + 1) : argv[++i]);
      else if (OPTIONAL_NUMBER.has(name) && eq < 0 && /^\d+$/.test(argv[i + 1] ?? '')) i++;
      else flag(name);
      continue;
    }
    if (a.startsWith('-') && a.length > 1) {
      for (let j = 1; j < a.length; j++) {
        const c = a[j];
        if (Object.hasOwn(WITH_ARGUMENT, c)) {
          take(c, j + 1 < a.length ? a.slice(j + 1) : argv[++i]);
          break;
        }
        if (OPTIONAL_NUMBER.has(c)) {
          if (j + 1 < a.length) break; // -j4
          if (/^\d+$/.test(argv[i + 1] ?? '')) i++;
          break;
        }
        if (c === 'O') break; // -Otarget
        flag(c);
      }
      continue;
    }
    const eq = a.indexOf('=');
    if (eq > 0 && /^[^\s=:]+:?$/.test(a.slice(0, eq))) {
      out.variables[a.slice(0, eq).replace(/:$/, '')] = a.slice(eq + 1);
      continue;
    }
    out.goals.push(a);
  }
  return out;
}

export const make: Recogniser = async (rc) => {
  // MAKEFLAGS / GNUMAKEFLAGS in the environment are options make reads before its own arguments.
  const args = parseMakeArguments([...makeflags(rc.env.GNUMAKEFLAGS), ...makeflags(rc.env.MAKEFLAGS), ...rc.argv.slice(1)]);
  if (args.infoOnly) return [];
  const what = args.goals.length ? args.goals.join(' ') : 'the default target';
  const verb = args.goals[0] ?? 'make';
  // -C dirs are cumulative (`-C a -C b` is a/b); an absolute one restarts.
  const directory = runDirectory(rc, args.directories.length ? joinDirectories(args.directories) : undefined);
  if (!directory.ok) return [cannotFollow(rc, `make ${what}: cannot read the Makefile: ${directory.why}`, verb)];
  const files: string[] = [];
  let fromStdin: string | undefined;
  for (const f of args.files) {
    if (f === '-') fromStdin = rc.stdin.kind === 'text' ? rc.stdin.text : undefined;
    // `make -f <(printf ...)`, `-f /dev/stdin`, `-f "$MK"`: the Makefile is made as the line runs.
    else if (/^[<>]\(|[$`]|^\/dev\/(stdin|fd\/|tcp\/|udp\/)|^\/proc\//.test(f)) return [cannotFollow(rc, `make -f ${f} reads a Makefile made as the command runs: its recipes are not visible`, verb)];
    else files.push(resolve(directory.value, f));
  }
  if (args.files.includes('-') && fromStdin === undefined) return [cannotFollow(rc, `make -f - reads the Makefile from ${rc.stdin.kind === 'opaque' ? rc.stdin.from : 'stdin'}: its recipes are not visible`, verb)];
  // MAKEFILES names Makefiles read before the others (missing ones are ignored, as make does).
  // Given on the command line (`make MAKEFILES=x.mk`) too: make reads the variable as it stands at start.
  const makefilesValue = args.variables.MAKEFILES ?? rc.env.MAKEFILES ?? '';
  const makefiles = makefilesValue.split(/\s+/).filter(Boolean);
  if (makefiles.some((f) => /[$`]/.test(f))) return [cannotFollow(rc, `make ${what}: MAKEFILES=${makefilesValue} names Makefiles known only at run time: what they run is not visible`, verb)];
  const extra = makefiles.map((f) => resolve(directory.value, f)).filter((f) => exists(rc, f));
  // make evaluates --eval text and the MAKEFILES files before it looks for a Makefile: their
  // $(shell ...) runs, and a target --eval defines is built, even when no Makefile is found.
  const early = extra.length > 0 || args.evals.length > 0;
  // `make -f missing.mk`: make stops with an error too.
  if (files.some((f) => !exists(rc, f))) {
    if (!early) return [];
    files.splice(0, files.length, ...files.filter((f) => exists(rc, f)));
  }
  if (!args.files.length) {
    const found = firstExisting(rc, directory.value, ['GNUmakefile', 'makefile', 'Makefile']);
    // No Makefile: make stops with an error before it runs anything else (docs/runners.md).
    if (!found && !early) return [];
    if (found) files.push(found);
  }
  const db = readMakefiles([...extra, ...files], {
    dir: directory.value,
    read: (path) => readProjectFile(rc, path),
    exists: (path) => exists(rc, path),
    environment: rc.env,
    commandLine: args.variables,
    goals: args.goals,
    includeDirs: args.includeDirs,
    evals: [...(fromStdin !== undefined ? [fromStdin] : []), ...args.evals],
    environmentOverrides: args.environmentOverrides,
  });
  const actions: PlannedAction[] = [];
  const makefile = db.files[0] ?? 'the Makefile';
  const goals = args.goals.length ? args.goals : [db.variables.get('.DEFAULT_GOAL')?.value || db.firstTarget].filter((g): g is string => !!g);
  if (!goals.length && !files.length) {
    // Only --eval text and MAKEFILES, no target: make runs their $(shell ...) and stops ("No targets").
    const shells = db.parseTime.map((p) => ({ text: p.text, where: `${p.where.file}:${p.where.line} ($(shell) while make reads ${p.where.file})`, cwd: asCwd(rc, directory.value) }));
    return [...(await runSteps(rc, shells)), ...db.problems.map((p) => cannotFollow(rc, `make ${what}: ${p.why}`, verb))];
  }
  if (!goals.length && db.problems.length === 0) return [cannotFollow(rc, `make: ${makefile} has no target to run`, verb)];
  const planned = plan(db, goals, {
    exists: (target) => exists(rc, resolve(directory.value, target)),
    glob: (pattern) => {
      const base = `${directory.value.replace(/\/$/, '')}/`;
      return expandGlob(resolve(directory.value, pattern)).sort().map((p) => (isAbsolute(pattern) || !p.startsWith(base) ? p : p.slice(base.length)));
    },
  });
  const cwd = asCwd(rc, directory.value);
  const remade = remakeMakefiles(rc, db, directory.value);

  const parseTime: Step[] = [...db.parseTime, ...planned.parseTime, ...remade.parseTime].map((p) => ({
    text: p.text, where: `${p.where.file}:${p.where.line} ($(shell) while make reads the Makefile)`, cwd,
  }));
  // A rule that remakes a Makefile runs before the goals, even under -n (make then reads it again).
  const remaking = recipeSteps(remade, false, cwd).map((s) => ({ ...s, where: `${s.where}, remaking a Makefile before the goals` }));
  // Parse-time commands run before any recipe: a program one of them builds is known to the rest and to recipes.
  const [parsed, recipes] = splitAt(runBuiltPrograms([...parseTime, ...remaking, ...recipeSteps(planned, args.dryRun, cwd)]), parseTime.length);
  actions.push(...(await runSteps(rc, parsed)));
  const stopped = stopsAtGoal(rc, db, planned, remade);
  const problems = new Set([...db.problems, ...remade.problems.filter((p) => p.goal === undefined), ...planned.problems.filter((p) => !stopped || p.goal === undefined)].map((p) => p.why));
  for (const why of problems) actions.push(cannotFollow(rc, `make ${what}: ${why}`, verb));

  const steps: Step[] = recipes;
  // A startup file the Makefile exports (`export BASH_ENV := x.sh`) runs before every recipe line.
  const bash = /bash/.test(db.variables.get('SHELL')?.value ?? '');
  const startup = new Set(bash ? steps.map((s) => s.env?.BASH_ENV).filter((v): v is string => !!v) : []);
  for (const file of startup) steps.unshift({ text: `. ${quoteWord(file)}`, where: `${makefile} (exports a shell startup file: ${file})`, cwd });
  // The first recipe line is the first to touch files when nothing ran before it: no $(shell) while make
  // read the Makefile, nothing earlier in the command line (`make -C sub clean` on a fresh checkout:
  // nothing is at `sub/prog`, so `rm -f prog` removes nothing). Only a line that is one plain command,
  // since the standing holds for every command of the text it is given to.
  const first = parsed.length === 0 && rc.firstToTouchFiles === true && steps[0] !== undefined && ONE_PLAIN_COMMAND.test(steps[0].text) ? 1 : 0;
  if (first) actions.push(...(await runSteps(rc, steps.slice(0, 1), { evidence: [], firstToTouchFiles: true })));
  actions.push(...(await runSteps(rc, steps.slice(first), { evidence: [] })));
  return actions;
};

/**
 * `make critest` where no rule makes critest: make reads the Makefiles (their `$(shell ...)` runs, judged
 * above), builds the goals before it, and stops with "No rule to make target" before any recipe of its own.
 * Firebreak's reading shows that only when it is whole: the make command is the first thing in the line to
 * touch files (the Makefiles and files that decide which rules apply are as Firebreak read them), every
 * Makefile was read without a problem (no `$(eval)` of rules, no missing include make may build, no line
 * that expands to a rule), every rule names its targets as known text (none from `$(shell)` output or a
 * wildcard), and no rule remakes a Makefile (make runs that before it looks at the goals). Otherwise the
 * goal stays unknown.
 */
function stopsAtGoal(rc: Parameters<Recogniser>[0], db: MakeDatabase, planned: Plan, remade: Plan): boolean {
  const goals = planned.problems.filter((p) => p.goal !== undefined);
  if (!goals.length || goals.length !== planned.problems.length || db.problems.length || db.optionalMissing.length) return false;
  if (rc.firstToTouchFiles !== true) return false;
  if (!goals.every((p) => PLAIN_TARGET.test(p.goal!))) return false;
  const named = [...db.explicit.keys(), ...db.patterns.flatMap((r) => r.targets)];
  if (named.some((t) => /[$*?[\]\\]/.test(t))) return false;
  return remade.lines.length === 0 && remade.problems.length === 0;
}

/** What make runs first, before any goal: a rule that remakes one of the Makefiles it read (the main
 *  ones and their includes). make then reads them again and starts over; it does so under -n too. */
function remakeMakefiles(rc: Parameters<Recogniser>[0], db: MakeDatabase, dir: string): Plan {
  const workspace = rc.workspace ?? process.cwd();
  const makefiles = db.files.flatMap((f) => { const full = resolve(workspace, f); return [relative(dir, full), full]; });
  return plan(db, makefiles, { exists: (target) => exists(rc, resolve(dir, target)) });
}

/** A goal make takes as written: no variable, pattern, wildcard or quoting. */
const PLAIN_TARGET = /^[\w.\/+,=@-]+$/;

/** Recipe text that is one simple command: no list, pipe, redirect, substitution, subshell or line break. */
const ONE_PLAIN_COMMAND = /^[^;&|<>`$()\n\\{}]+$/;

/** `MAKEFLAGS=ks -j4 X=1`: a first word without a dash is single-letter flags. */
function makeflags(value: string | undefined): string[] {
  const words = (value ?? '').trim().split(/\s+/).filter(Boolean);
  if (words[0] && !words[0].startsWith('-') && !words[0].includes('=')) words[0] = `-${words[0]}`;
  return words.filter((w) => w !== '--');
}

function joinDirectories(dirs: readonly string[]): string {
  let out = '';
  for (const d of dirs) out = d.startsWith('/') || !out ? d : `${out.replace(/\/$/, '')}/${d}`;
  return out;
}

function recipeSteps(planned: ReturnType<typeof plan>, dryRun: boolean, cwd: string): Step[] {
  return planned.lines
    .filter((l) => !dryRun || l.forced)
    .map((l) => ({ text: l.text, where: `${l.where.file}:${l.where.line} (target ${l.target})`, env: l.env, cwd }));
}

function splitAt<T>(list: readonly T[], at: number): [T[], T[]] {
  return [list.slice(0, at), list.slice(at)];
}
