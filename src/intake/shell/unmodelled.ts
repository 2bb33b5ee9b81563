// The rule for programs Firebreak has no model of (`mockgen`, `hyperfine`, `projen`, a new
// linter): such a program is unknown when the command says it may reach past this machine's
// workspace or destroy, and passes when it only acts on the workspace. What counts
// (src/knowledge/unmodelled-programs.ts, docs/commands.md):
// - a remote target: a URL to a host that is not this machine (download hosts aside), a data-store
//   URL (`s3://`, `postgres://`), `user@host:path`, or an option naming a host, endpoint, profile,
//   context, region, project, subscription, account, cluster or database;
// - credentials: a credential option, or a cloud / registry / database variable set for it;
// - a destructive or publishing word in its command path (`x delete`, `x publish`), a
//   destructive or publishing option (`--delete`, `--push`), or a name that says so (`aws-nuke`);
// - a path outside the workspace (other than scratch and the toolchain's own directories), or a
//   working directory outside it;
// - (wave 17) an operation word known only at run time (`foo "$X"`), or production named by an option
//   (`--prod`, `--env production`, `--stage "$STAGE"`) or by a variable that selects the environment (`APP_ENV`).
// Programs known to act on the workspace only (compilers, test runners, linters) get the same
// checks except the destructive words: `poetry remove x` edits the workspace's dependencies.
import {
  AMBIGUOUS_TARGET_OPTIONS, BUILD_MODE_VARIABLES, CREDENTIAL_OPTIONS, ENVIRONMENT_OPTION, ENVIRONMENT_VARIABLE, PACKAGED_PATH_OPTIONS, NOT_A_PREVIEW_OPTIONS, REMOTE_WRITE_WORDS, REMOTE_DESTRUCTIVE_WORDS, SYSTEM_TOP_DIRECTORIES, URL_VALUED_OPTION, DESTRUCTIVE_NAME, DESTRUCTIVE_OPTIONS, DESTRUCTIVE_WORDS, DOWNLOAD_HOSTS, FILE_OPERAND_PROGRAMS, FLAGS_WITHOUT_VALUE, HARMLESS_ABSOLUTE_PATHS, LOCAL_HOSTS,
  MIGRATION_UNDO_SUBCOMMANDS, PRODUCTION_OPTION_WORD, PRODUCTION_WORD, PUBLISHING_PROGRAMS, REGISTRY_IMAGE_REF, REGISTRY_TOOLS, COPY_WORDS, IMAGE_WRITE_WORDS, SQL_WRITE_TEXT, PUBLISHING_SUBCOMMANDS, PUBLISHING_WORDS, REMOTE_SCHEMES, REMOTE_TARGET_OPTIONS, SYSTEM_PROGRAMS, SYSTEM_READS, TARGET_VARIABLES, TOOLCHAIN_HOME_PATHS,
} from '../../knowledge/unmodelled-programs.js';
import { LOCAL_TOOLCHAIN, SECRET_VARIABLE } from '../../knowledge/shell-commands.js';
import { machineChangeConcern } from './machine-changes.js';

export interface UnmodelledContext {
  /** Variables the shell text set for this command (prefixes, `export`, `env X=`). */
  env?: Readonly<Record<string, string | undefined>>;
  /** Directory the line `cd`-ed to, as written. */
  cwd?: string;
  /** Known to act on the workspace only (a toolchain): destructive path words are its own business. */
  workspaceTool?: boolean;
  /** Why a loopback address of this line may lead to another machine (a port forward earlier in it). */
  forwarded?: string;
  /** Per argument of argv (index 0 is the program): its value is known only when the command runs
   *  (`"$X"`, `$(cat verb.txt)`). Without it, an argument holding `$` or a backtick counts as such. */
  runTime?: readonly boolean[];
}

export interface Concern {
  why: string;
  /** The argument that raised it. */
  key: string;
}

const WORD = /^[a-z][a-z0-9]*([-_:][a-z0-9]+)*$/;
const MAX_PATH_WORDS = 4;
const HELP_OR_VERSION = new Set(['--help', '-h', '--version', '-V', '-v', 'version', 'help', '-help', '-version']);

/** Why this command of a program nobody modelled cannot be assumed safe; undefined when it acts on the workspace only. */
export function unmodelledConcern(name: string, argv: readonly string[], ctx: UnmodelledContext = {}): Concern | undefined {
  // A program known to act on the workspace is judged as one wherever it is reached from (`cargo hack` runs cargo-hack).
  if (!ctx.workspaceTool && LOCAL_TOOLCHAIN.includes(name)) ctx = { ...ctx, workspaceTool: true };
  const args = argv.slice(1);
  // `x --help`, `x sub --help`: a help request (programs nobody modelled still print usage for it).
  if (((args.length === 1 && HELP_OR_VERSION.has(args[0])) || (args.length <= 4 && args[args.length - 1] === '--help')) && !SYSTEM_PROGRAMS.has(name)) return undefined;
  const machine = machineChangeConcern(name, argv, { ...(ctx.env ? { env: ctx.env } : {}) });
  if (machine) return machine;
  if (SYSTEM_PROGRAMS.has(name) && !systemRead(name, args)) return { why: `${name} changes the machine itself (power, services, users, disks or firewall)`, key: name };
  if (!ctx.workspaceTool && (DESTRUCTIVE_NAME.test(name) || PUBLISHING_PROGRAMS.has(name))) {
    return { why: `the program's name says it destroys or publishes (${name})`, key: name };
  }
  if (!ctx.workspaceTool && name.split(/[-_.]/).some((p) => PRODUCTION_WORD.test(p))) return { why: `the program's name says it acts on production (${name})`, key: name };
  for (const [variable, value] of Object.entries(ctx.env ?? {})) {
    if (value === undefined) continue;
    if (TARGET_VARIABLES.has(variable)) return { why: `${variable} points it at a real account, cluster or database`, key: variable };
    if (SECRET_VARIABLE.test(variable) && !/^(GITHUB_ENV|GITHUB_OUTPUT)$/.test(variable)) return { why: `it is given the credential ${variable}`, key: variable };
    if (!ctx.workspaceTool && ENVIRONMENT_VARIABLE.test(variable) && !BUILD_MODE_VARIABLES.has(variable) && value.split(/[-_./:,]/).some((p) => PRODUCTION_WORD.test(p))) {
      return { why: `${variable}=${value} points it at production`, key: variable };
    }
  }
  if (ctx.cwd && isOutside(ctx.cwd)) return { why: `it runs in ${ctx.cwd}, outside the workspace`, key: 'cd' };
  const image = ctx.workspaceTool ? undefined : registryImageWrite(name, args, ctx.forwarded);
  if (image) return image;
  let pathWords = 0;
  let pathOpen = true;
  let valuePending = false;
  let operands = false;
  let positional = false;
  // The option before a word, when it may take that word as its value (not a flag known to take none).
  let optionBefore: string | undefined;
  const runTime = (i: number) => ctx.runTime ? ctx.runTime[i + 1] === true : /[$`]/.test(args[i] ?? '');
  const checksOperation = !ctx.workspaceTool && !FILE_OPERAND_PROGRAMS.has(name) && !/[*?[]/.test(name);
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    // After `--` come operands only (`fab -H host -- rm -rf /srv`): no options, no subcommand path,
    // but still values and destructive words.
    if (a === '--' && !operands) { operands = true; pathOpen = false; valuePending = false; continue; }
    if (operands) {
      if (!positional && checksOperation && runTime(i) && operationShaped(a)) return runTimeOperation(name, a);
      positional = true;
      const concern = valueConcern(a, ctx);
      if (concern) return concern;
      const word = destroyingArgument(a, ctx);
      if (word) return word;
      continue;
    }
    if (a.startsWith('-') && a.length > 1) {
      const eq = a.indexOf('=');
      const option = eq > 0 ? a.slice(0, eq) : a;
      const inline = eq > 0 ? a.slice(eq + 1) : undefined;
      optionBefore = inline === undefined && !FLAGS_WITHOUT_VALUE.test(option) ? option : undefined;
      valuePending = inline === undefined && option.startsWith('--');
      if (DESTRUCTIVE_OPTIONS.test(option) && !(ctx.workspaceTool && /^--(remove|delete)-/.test(option))) return { why: `${option} destroys or publishes`, key: option };
      if (CREDENTIAL_OPTIONS.has(option)) return { why: `${option} passes a credential`, key: option };
      if (!ctx.workspaceTool && NOT_A_PREVIEW_OPTIONS.test(option)) return { why: `${option} asks it to really make the change`, key: option };
      if (REMOTE_TARGET_OPTIONS.has(option)) {
        const value = inline ?? args[i + 1] ?? '';
        const ambiguous = AMBIGUOUS_TARGET_OPTIONS.has(option) && !value.split(/[-_./:]/).some((p) => PRODUCTION_WORD.test(p)) && !/:\/\//.test(value);
        if (!ambiguous && !(isLocalValue(value) && !(ctx.forwarded && !/^unix:|\.sock$/.test(value)))) return { why: `${option} ${value} names a remote target`, key: option };
      }
      if (!ctx.workspaceTool) {
        const production = productionOption(option, inline ?? (inline === undefined && !(args[i + 1] ?? '-').startsWith('-') ? args[i + 1] : undefined))
          // `-eprod`: a short option with its value attached.
          ?? (/^-[A-Za-z][^=]/.test(option) ? productionOption(option.slice(0, 2), option.slice(2)) : undefined);
        if (production) return production;
        // `--env "$ENV"`: the environment it selects is known only at run time, and may be production.
        if (ENVIRONMENT_OPTION.test(option) && (inline !== undefined ? /[$`]/.test(inline) && operationShaped(inline) : runTime(i + 1) && operationShaped(args[i + 1] ?? ''))) {
          return { why: `${option} ${inline ?? args[i + 1]} selects an environment known only at run time: it may be production`, key: option };
        }
      }
      // `pkgbuild --install-location /`: a path on the machine the package goes to, not on this one.
      if (PACKAGED_PATH_OPTIONS[name]?.has(option)) {
        if (inline === undefined) i++;
        valuePending = false;
        continue;
      }
      if (inline !== undefined) {
        const concern = valueConcern(inline, ctx, !URL_VALUED_OPTION.test(option));
        if (concern) return concern;
      }
      continue;
    }
    const concern = valueConcern(a, ctx, !(valuePending && URL_VALUED_OPTION.test(args[i - 1] ?? '')));
    if (concern) return concern;
    // The operation word (the first word that is not an option) known only at run time: `foo "$X"` may be
    // `foo delete`. A word after an option that may take a value is taken as that value (`--target $T`), one
    // after a flag known to take none is not (`-v "$X"`); a path or file name built at run time (`"$DIR/x"`,
    // `$F.yaml`, `KEY=$V`) is an operand, not an operation.
    if (!positional && checksOperation && optionBefore === undefined && runTime(i) && operationShaped(a)) return runTimeOperation(name, a);
    optionBefore = undefined;
    // A word right after a `--long-option` is most likely its value (`--group docs-upload`), not a subcommand.
    const isValue = valuePending;
    valuePending = false;
    if (isValue) continue;
    positional = true;
    const lower = a.toLowerCase();
    if (pathOpen && pathWords < MAX_PATH_WORDS && WORD.test(lower)) {
      pathWords++;
      const parts = [lower, ...lower.split(/[-_:]/)];
      if (parts.some((p) => (ctx.workspaceTool ? REMOTE_DESTRUCTIVE_WORDS : DESTRUCTIVE_WORDS).has(p))) return { why: `\`${name} ${a}\` says it destroys`, key: a };
      if (MIGRATION_UNDO_SUBCOMMANDS[name]?.includes(lower)) return { why: `\`${name} ${a}\` takes applied migrations back (the data in reverted tables and columns is lost)`, key: a };
      if (parts.some((p) => PUBLISHING_WORDS.has(p))) return { why: `\`${name} ${a}\` publishes or deploys`, key: a };
      if (!ctx.workspaceTool && parts.some((p) => REMOTE_WRITE_WORDS.has(p))) return { why: `\`${name} ${a}\` writes to whatever it is connected to`, key: a };
      if (!ctx.workspaceTool && parts.some((p) => PRODUCTION_WORD.test(p))) return { why: `\`${name} ${a}\` names production`, key: a };
    } else {
      pathOpen = false;
      if (MIGRATION_UNDO_SUBCOMMANDS[name]?.includes(lower)) return { why: `\`${name} ... ${a}\` takes applied migrations back (the data in reverted tables and columns is lost)`, key: a };
      const word = destroyingArgument(a, ctx);
      if (word) return word;
    }
  }
  return undefined;
}

function runTimeOperation(name: string, word: string): Concern {
  return { why: `its operation word \`${word}\` is known only at run time: it may be \`${name} delete\` or anything else it does`, key: word };
}

/** A word built at run time that stands where an operation word goes: what is left of it once its expansions
 *  are taken out has no path or file shape (`/`, `.`, `=`, `@`) and does not go on with a long option, so
 *  `"$X"`, `${X}`, `$(cat verb.txt)`, `"$X"-all` count and `"$DIR/x"`, `$F.yaml`, `KEY=$V`, `@$FILE`,
 *  `${FLAGS}--deny-warnings` do not. */
function operationShaped(word: string): boolean {
  let rest = word;
  for (let k = 0; k < 4; k++) rest = rest.replace(/\$\([^()]*\)|`[^`]*`|\$\{[^{}]*\}/g, '');
  rest = rest.replace(/\$([A-Za-z_][A-Za-z0-9_]*|[0-9@*#?!$-])/g, '');
  // `${FLAGS}--deny-warnings`: a long option written after the expansion; the expansion is more of the options.
  return !/[/.=@]/.test(rest) && !rest.startsWith('--');
}

/** An option that names production (`--prod`, `--production`) or selects an environment, stage, target or
 *  profile whose value names it (`--env production`, `-e prod`, `--stage=prod`, `--target prod-eu`): a program
 *  nobody modelled that is pointed at production is not assumed to act on the workspace only. */
function productionOption(option: string, value: string | undefined): Concern | undefined {
  const bare = option.replace(/^--?/, '');
  if (!/^no-/.test(bare) && bare.split(/[-_]/).some((p) => PRODUCTION_OPTION_WORD.test(p)) && !/^(false|0|no|off)$/i.test(value ?? '')) {
    return { why: `${option} points it at production`, key: option };
  }
  if (value !== undefined && !value.includes('/') && value.split(/[-_./:=,@]/).some((p) => PRODUCTION_WORD.test(p))) return { why: `${option} ${value} names production`, key: option };
  return undefined;
}

/** `crane tag ghcr.io/o/app:sha latest`, `regctl image copy a ghcr.io/o/app:v1`: a word that changes an image, and an image in a registry that is not this machine's. */
function registryImageWrite(name: string, args: readonly string[], forwarded?: string): Concern | undefined {
  const words = args.filter((a) => !a.startsWith('-'));
  const at = words.slice(0, MAX_PATH_WORDS).findIndex((w) => IMAGE_WRITE_WORDS.has(w.toLowerCase()));
  if (at < 0) return undefined;
  const verb = words[at];
  const local = (host: string) => LOCAL_HOSTS.test(host.replace(/:\d+$/, '')) && forwarded === undefined;
  // A registry tool names images only: `crane cp alpine ghcr.io/o/app` writes ghcr.io/o/app:latest, and a
  // bare name is an image on Docker Hub. Copies read their sources and write the last one; other verbs
  // change every image they name (`tag` writes the new tag in the image's own registry).
  if (REGISTRY_TOOLS.has(name)) {
    const operands = words.slice(at + 1);
    const changed = COPY_WORDS.has(verb.toLowerCase()) ? operands.slice(-1) : verb.toLowerCase() === 'tag' ? operands.slice(0, 1) : operands;
    // Name the registry image it writes before a base or source among them (`crane append -b alpine -t ghcr.io/o/app`).
    const remotes = changed.filter((w) => !local(imageHost(w)));
    const remote = remotes.find((w) => imageHost(w) !== 'docker.io') ?? remotes[0];
    if (remote !== undefined) return { why: `\`${name} ${verb}\` changes ${remote}, an image in a registry${LOCAL_HOSTS.test(imageHost(remote).replace(/:\d+$/, '')) ? ` (${forwarded}: the loopback address may lead to another machine)` : ''}`, key: verb };
    if (changed.length) return undefined;
  }
  const image = words.find((w) => { const m = REGISTRY_IMAGE_REF.exec(w); return m !== null && !local(m[1]); });
  return image === undefined ? undefined : { why: `\`${name} ${verb}\` changes ${image}, an image in a registry${forwarded ? ` (${forwarded})` : ''}`, key: verb };
}

/** The registry host of an image reference (`localhost:5000/x:v1` -> localhost:5000; `alpine` -> docker.io). */
function imageHost(ref: string): string {
  const bare = ref.replace(/^docker:\/\//i, '');
  const first = bare.split('/')[0];
  return bare.includes('/') && (/[.:]/.test(first) || first === 'localhost') ? first.toLowerCase() : 'docker.io';
}

/** A destroying word among the arguments (`rm`, `revert`), past the command path or after `--`. */
function destroyingArgument(a: string, ctx: UnmodelledContext): Concern | undefined {
  return !ctx.workspaceTool && DESTRUCTIVE_WORDS.has(a.toLowerCase()) ? { why: `\`${a}\` stands among its arguments`, key: a } : undefined;
}

/** `systemctl status x`, `crontab -l`, bare `mount` (lists mounts): machine-level programs that only look. */
function systemRead(name: string, args: readonly string[]): boolean {
  const reads = SYSTEM_READS[name];
  if (!reads) return false;
  if (!args.length) return name === 'mount' || name === 'zpool' || name === 'zfs';
  const first = args.find((a) => !a.startsWith('-') || reads.includes(a));
  return first !== undefined && reads.includes(first);
}

/** A remote URL, a data-store URL, `user@host:path`, a path outside the workspace, or SQL that writes. */
function valueConcern(value: string, ctx: UnmodelledContext, pathLike = true): Concern | undefined {
  if (/\s/.test(value.trim()) && SQL_WRITE_TEXT.test(value)) return { why: `\`${value.length > 60 ? `${value.slice(0, 57)}...` : value}\` is SQL that changes data or schema`, key: 'sql' };
  const url = /^([a-z][a-z0-9+.:-]*):\/\/(?:[^@/]*@)?(\[[^\]]+\]|[^/:?#]+)/i.exec(value);
  if (url) {
    const [, scheme, host] = url;
    if (LOCAL_HOSTS.test(host) && ctx.forwarded && !ctx.workspaceTool) return { why: `${value} is a loopback address, but ${ctx.forwarded} earlier in the line: it may lead to another machine`, key: 'url' };
    if (LOCAL_HOSTS.test(host) || /^file$/i.test(scheme)) return undefined;
    if (/^https?$/i.test(scheme) && DOWNLOAD_HOSTS.test(host)) return undefined;
    // Workspace tools fetch packages and toolchains over http(s) (index URLs, registries): a read.
    if (/^https?$/i.test(scheme) && ctx.workspaceTool) return undefined;
    if (/^https?$/i.test(scheme) || REMOTE_SCHEMES.test(value)) return { why: `${value} is a remote target`, key: 'url' };
    return undefined;
  }
  const scp = /^[A-Za-z0-9._-]+@([A-Za-z0-9.-]+):/.exec(value);
  if (scp && !LOCAL_HOSTS.test(scp[1])) return { why: `${value} is a path on the remote host ${scp[1]}`, key: 'host' };
  if (pathLike && isOutside(value)) return { why: `${value} is outside the workspace`, key: 'path' };
  return undefined;
}

function isOutside(path: string): boolean {
  if (HARMLESS_ABSOLUTE_PATHS.some((p) => p.test(path)) || TOOLCHAIN_HOME_PATHS.test(path)) return false;
  if (/^(~|\$HOME\b|\$\{HOME\})/.test(path)) return true;
  if (path === '/') return true;
  const top = /^\/([^/]+)/.exec(path);
  return top !== null && SYSTEM_TOP_DIRECTORIES.has(top[1]);
}

function isLocalValue(value: string): boolean {
  if (value === '' || /^:\d+$/.test(value)) return true;
  const host = value.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').replace(/^[^@/]*@/, '').replace(/[:/].*$/, '');
  return LOCAL_HOSTS.test(host) || /^unix:|^\/.*\.sock$/.test(value);
}

/** A workspace tool's command that publishes (`docker buildx build --push`, `docker buildx imagetools create`, `docker compose push`). */
export function publishes(name: string, argv: readonly string[]): Concern | undefined {
  const words: string[] = [];
  for (const a of argv.slice(1)) {
    if (a === '--') break;
    if (a.startsWith('-')) {
      const option = a.includes('=') ? a.slice(0, a.indexOf('=')) : a;
      if (/^--(push|publish|upload)$/.test(option) && !/=(false|0)$/.test(a)) return { why: `${option} publishes what it builds`, key: option };
      // `docker buildx bake --set '*.output=type=registry'`, `--set app.push=true`: a target's output set on the line.
      const set = option === '--set' ? (a.includes('=') ? a.slice(a.indexOf('=') + 1) : argv[argv.indexOf(a) + 1] ?? '') : undefined;
      if (set !== undefined && /^[^=]*\.(output=.*\b(type=registry|push=true)|push=(true|1))\b/.test(set)) return { why: `--set ${set} makes the build push to a registry`, key: '--set' };
      continue;
    }
    if (words.length < 3 && WORD.test(a)) words.push(a);
  }
  const said = words.join(' ');
  const path = (PUBLISHING_SUBCOMMANDS[name] ?? []).find((p) => said === p || said.startsWith(`${p} `));
  if (path) return { why: `\`${name} ${path}\` publishes`, key: path };
  const output = argv.find((a, i) => /^(--output|-o)$/.test(argv[i - 1] ?? '') || a.startsWith('--output='));
  if (output && /(^|,)(type=registry|push=true)/.test(output.replace(/^--output=/, ''))) return { why: `--output ${output} pushes to a registry`, key: '--output' };
  return undefined;
}
