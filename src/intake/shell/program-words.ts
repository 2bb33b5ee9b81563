// Programs hidden behind variables count as the program. `X=plan; terraform $X` runs
// `terraform plan`; `${DOCKER} build` with DOCKER unset is make's convention for "the docker
// program" (`DOCKER ?= docker`), so it is `docker build`; `${SUDO} ${DOCKER} tag` is `sudo docker tag`.
// A variable whose name is not a program's stays as written, and the command stays unknown.
import { CLOUD_CLIS, LOCAL_COMMANDS, LOCAL_SUBCOMMANDS, SHELL_INTERPRETERS } from '../../knowledge/shell-commands.js';
import { WRAPPERS } from '../../knowledge/wrappers.js';
import { CODE_LOADERS } from '../code/loaders.js';
import { RUNNER_LOADERS } from './runners/loaders.js';
import type { Word } from './syntax.js';
import { OUTPUT_AS_VARIABLE } from '../../knowledge/known-outputs.js';
import { parseShell } from './parser.js';
import { printedText } from './printed.js';

const LONE_VARIABLE = /^\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))$/;
/** `${NAME:-default}` / `${NAME-default}`: groups name, `:-` or `-`, default. */
const DEFAULTED_VARIABLE = /^\$\{([A-Za-z_][A-Za-z0-9_]*)(:?-)([^}$`]*)\}$/;
const VARIABLE = /\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))/g;
/** A value the shell would not split or glob (so one word stays one word). */
const PLAIN_VALUE = /^[A-Za-z0-9_./:@%+=,-]*$/;
/** Programs make's conventional variables stand for, beyond their own lower-case names. */
const CONVENTIONAL: Readonly<Record<string, string>> = { CC: 'cc', CXX: 'c++', GO: 'go', GOCMD: 'go', PY: 'python3', PYTHON: 'python3', PIP: 'pip', NPM: 'npm', NODE: 'node', RM: 'rm', MKDIR: 'mkdir', CP: 'cp', MV: 'mv', SED: 'sed', AWK: 'awk', GIT: 'git', KUBECTL: 'kubectl', HELM: 'helm', DOCKER: 'docker', PODMAN: 'podman', MAKE: 'make', CARGO: 'cargo', SUDO: 'sudo', INSTALL: 'install', SHELL: 'sh', BASH: 'bash', TERRAFORM: 'terraform', TF: 'terraform', AWS: 'aws', GCLOUD: 'gcloud', SPHINXBUILD: 'sphinx-build', CONTAINER_ENGINE: 'docker', CONTAINER_RUNTIME: 'docker', CONTAINER_CLI: 'docker', KIND: 'kind', GOFMT: 'gofmt', YARN: 'yarn', PNPM: 'pnpm', UV: 'uv' };

/** Programs with a recogniser of their own (besides the lists in knowledge/shell-commands). */
const RECOGNISED = new Set(['git', 'docker', 'podman', 'kubectl', 'k', 'oc', 'helm', 'terraform', 'tofu', 'terragrunt', 'aws', 'rm', 'shred', 'unlink',
  'truncate', 'dd', 'find', 'curl', 'wget', 'http', 'https', 'xh', 'psql', 'mysql', 'mariadb', 'sqlite3', 'dropdb', 'createdb', 'mysqladmin',
  'pg_dump', 'mysqldump', 'ssh', 'eval', 'source', 'mkfs', 'wipefs', 'sphinx-build', 'uv', 'npx', 'bunx']);

/** Whether a name is a program Firebreak knows (a recogniser, a local list, a wrapper, a shell). */
export function knownProgram(name: string): boolean {
  return LOCAL_COMMANDS.has(name) || Object.hasOwn(LOCAL_SUBCOMMANDS, name) || Object.hasOwn(WRAPPERS, name) || SHELL_INTERPRETERS.has(name) || CLOUD_CLIS.includes(name) || RECOGNISED.has(name) || Object.hasOwn(RUNNER_LOADERS, name) || Object.hasOwn(CODE_LOADERS, name);
}

/** Names too generic to say which program a variable holds (`$CMD`, `$BIN`, `$HELPER`). */
const GENERIC = new Set(['CMD', 'COMMAND', 'RUN', 'RUNNER', 'EXEC', 'EXECUTABLE', 'SCRIPT', 'PROGRAM', 'PROG', 'BINARY', 'BIN', 'TOOL', 'HELPER',
  'ARGS', 'TARGET', 'ACTION', 'OP', 'FN', 'FUNC', 'CALL', 'WRAPPER', 'ENTRYPOINT', 'SUDO_CMD', 'TEST', 'TESTS', 'BUILD', 'INSTALLER', 'LAUNCHER']);

/** The program an unset variable in command position stands for, by make's convention
 *  (`DOCKER ?= docker`, `DOCKER_COMPOSE_CMD ?= docker-compose`, `GO_TEST ?= go test`), if its name says. */
export function programNamed(variable: string): string | undefined {
  if (Object.hasOwn(CONVENTIONAL, variable)) return CONVENTIONAL[variable];
  const base = variable.replace(/_(CMD|COMMAND|BIN|BINARY|EXE|CLI|TOOL|PATH|PROG)$/, '');
  if (GENERIC.has(variable) || GENERIC.has(base) || base.length < 2 || !/^[A-Z][A-Z0-9_]*$/.test(base)) return undefined;
  const name = base.toLowerCase().replace(/_/g, '-');
  if (knownProgram(name)) return name;
  const first = name.split('-')[0];
  if (Object.hasOwn(CONVENTIONAL, first.toUpperCase()) || knownProgram(first)) return CONVENTIONAL[first.toUpperCase()] ?? first;
  // A name of its own (`$MISSPELL`, `$PROMTOOL`): that program, judged as any program nobody modelled.
  return name;
}

function literal(value: string): Word {
  return { raw: value, value, dynamic: false, glob: false, substitutions: [] };
}

/** Words with variables the line set to plain values put in; the program word (and the one after
 *  each wrapper) resolved from a variable named after a program. */
export function resolveProgramWords(words: readonly Word[], env: Readonly<Record<string, string | undefined>>): Word[] {
  const out = words.map((w) => expandKnown(w, env));
  for (let i = 0; i < out.length; i++) {
    const w = out[i];
    // `"$(go env GOPATH)/bin/golangci-lint" run`: the folder `${GOPATH}` names, as a Makefile's
    // `$(shell go env GOPATH)` reads (knowledge/known-outputs.ts): a tool `go install` put there.
    const printed = w.substitutions.length === 1 ? /^\$\(([^()$`]*)\)(\/[^$`]*)$/.exec(w.value) : null;
    const named = printed ? OUTPUT_AS_VARIABLE[printed[1].trim().replace(/\s+/g, ' ')] : undefined;
    // Not when the line itself points GOPATH elsewhere (`GOPATH=/tmp/x ... $(go env GOPATH)/bin/tool`).
    if (printed && named && !Object.hasOwn(env, named.replace(/[${}]/g, ''))) out[i] = { raw: `"${named}${printed[2]}"`, value: `${named}${printed[2]}`, dynamic: true, glob: false, substitutions: [] };
    const m = LONE_VARIABLE.exec(out[i].value);
    if (m && !w.substitutions.length) {
      const program = env[m[1] ?? m[2]] === undefined ? programNamed(m[1] ?? m[2]) : undefined;
      if (program) out[i] = literal(program);
    }
    // `${DOCKER:-docker}`: the value the line gave DOCKER, else the default written there.
    const d = DEFAULTED_VARIABLE.exec(w.value);
    if (d && !w.substitutions.length) {
      const set = env[d[1]];
      const value = set !== undefined && (set !== '' || d[2] === '-') ? set : d[3];
      if (value && PLAIN_VALUE.test(value)) out[i] = literal(value);
    }
    const value = out[i].value;
    if (!Object.hasOwn(WRAPPERS, value)) break;
    while (out[i + 1]?.value.startsWith('-')) i++;
  }
  return out;
}

function expandKnown(w: Word, env: Readonly<Record<string, string | undefined>>): Word {
  const echoed = printedSubstitution(w);
  if (echoed !== undefined) return { ...w, value: echoed, dynamic: false, substitutions: [] };
  if (!w.dynamic || w.substitutions.length || !w.value.includes('$')) return w;
  let complete = true;
  const value = w.value.replace(VARIABLE, (whole, braced: string | undefined, bare: string | undefined) => {
    const v = env[braced ?? bare ?? ''];
    if (v === undefined || !PLAIN_VALUE.test(v)) {
      complete = false;
      return whole;
    }
    return v;
  });
  return complete ? { ...w, value, dynamic: false } : w;
}

/** `$(echo ls)`, `` `printf %s pwd` ``: a word that is nothing but a substitution printing literal
 *  text is that text, when it is one plain word (anything the shell would split or glob stays as written). */
function printedSubstitution(w: Word): string | undefined {
  if (w.substitutions.length !== 1) return undefined;
  const inner = w.substitutions[0]!;
  if (w.value !== `$(${inner})` && w.value !== `\`${inner}\``) return undefined;
  let commands;
  try {
    commands = parseShell(inner);
  } catch {
    return undefined;
  }
  const [c] = commands;
  if (commands.length !== 1 || !c || c.kind !== 'simple' || c.assignments.length || c.redirects.length || c.pipedFrom || c.words.some((x) => x.dynamic || x.glob)) return undefined;
  const [name, ...args] = c.words.map((x) => x.value);
  if (name !== 'echo' && name !== 'printf') return undefined;
  const text = printedText(name, args)?.replace(/\n+$/, '');
  return text && PLAIN_VALUE.test(text) ? text : undefined;
}
