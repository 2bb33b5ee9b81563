// Cloud, platform and data CLIs (gcloud, az, doctl, fly, heroku, vercel, pulumi, cdk, sam, vault,
// gh, restic, rclone, kafka, rabbitmq, ...), classified by their whole command path.
//
// The path is found in the tool's command tree (compiled from @withfig/autocomplete, or written by
// hand for tools it lacks: src/knowledge/command-trees); words the tree does not list are still read
// as path words until the first verb. A delete word anywhere in the path makes a delete; otherwise
// the last word that says anything decides; a path that says nothing is unknown. See
// src/knowledge/command-trees/verbs.ts for the words and docs/commands.md for the rules.
import type { Evidence, Operation } from '../../../model.js';
import type { PlannedAction } from '../../types.js';
import {
  COLLABORATION_PATHS, COPY_WORDS, CREATE_WORDS, REMOTE_LOCATION, DELETE_WORDS, DRY_RUN_FLAGS, HELP_FLAGS, LOCAL_PATHS, NOT_DRY_RUN_FLAGS, PERMISSION_WORDS,
  LOCAL_BUILD_OPTIONS, PUBLISH_PATHS, READ_NOUNS, READ_WORDS, TOOL_WORDS, UPDATE_WORDS, VERSION_FLAGS,
} from '../../../knowledge/command-trees/verbs.js';
import { GITHUB_COLLABORATION_MUTATIONS, GITHUB_COLLABORATION_PATH } from '../../../knowledge/control-planes.js';
import { loadCommandTree, type CommandTree } from '../../../knowledge/command-trees/tree.js';
import { OPTION_VERBS } from '../../../knowledge/command-trees/manual.js';
import { commandEvidence, makeAction, toolName, unknownCommand, type RecognisedCommand, type Recogniser } from '../command.js';
import { changedReleaseHooks } from './release-hooks.js';
import { localClusterOf } from '../local-clusters.js';
import { transfer, TRANSFER_TOOLS } from './transfer.js';
import { analyseGraphql } from './graphql.js';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** Whole-environment verbs of tools that act on a stack/app (cdk destroy, sls remove, sam delete). */
const ENVIRONMENT_VERBS: Record<string, Set<string>> = {
  cdk: new Set(['destroy', 'deploy']), pulumi: new Set(['destroy', 'up', 'refresh']), serverless: new Set(['remove', 'deploy']), sls: new Set(['remove', 'deploy']),
  sam: new Set(['delete', 'deploy']), copilot: new Set(['delete']), railway: new Set(['down', 'delete']), eb: new Set(['terminate']), cdktf: new Set(['destroy', 'deploy']),
};

const STACK_OPTIONS = ['--stack', '-s', '--stack-name', '--app', '-a', '--project', '--resource-group', '-g', '--environment', '--env', '-e', '--service', '--name', '--cluster'];
const ACCOUNT_OPTIONS = ['--project', '--subscription', '--account', '--org', '--team', '--scope', '--project_id'];
const REGION_OPTIONS = ['--region', '--zone', '--location'];
/** Options whose value most CLIs take as the next word even where the tree does not say so. */
const COMMON_VALUED = new Set([...STACK_OPTIONS, ...ACCOUNT_OPTIONS, ...REGION_OPTIONS, '--profile', '--context', '--output', '-o', '--format', '--config', '-c', '--repo']);
/** Global options with a value that a tool's tree does not list where they are used. */
const TOOL_VALUED: Readonly<Record<string, readonly string[]>> = { gh: ['-R', '--repo', '--hostname'], goreleaser: ['--skip'] };
/** Tools that run another tool's commands: `atmos terraform plan COMPONENT -s STACK`. */
const DELEGATES: Readonly<Record<string, Readonly<Record<string, string>>>> = { atmos: { terraform: 'terraform', helmfile: 'helmfile' } };
/** Of a delegated tool's subcommands, those atmos passes through (the rest are atmos's own: `planfile list`). */
const DELEGATED_SUBCOMMANDS: Readonly<Record<string, ReadonlySet<string>>> = {
  terraform: new Set(['init', 'plan', 'apply', 'destroy', 'validate', 'fmt', 'output', 'show', 'state', 'import', 'taint', 'untaint', 'refresh', 'workspace',
    'providers', 'graph', 'console', 'get', 'test', 'force-unlock', 'version', 'login', 'logout', 'metadata', 'modules', 'deploy']),
  helmfile: new Set(['apply', 'sync', 'destroy', 'diff', 'template', 'lint', 'status', 'deps', 'repos', 'build', 'list', 'test', 'write-values', 'delete']),
};
const CONFIRM_SKIPS = new Set(['--yes', '-y', '--force', '-f', '--quiet', '-q', '--auto-approve', '--skip-confirmation', '--confirm', '--no-prompt', '--non-interactive', '--no-confirm', '--skip-preview']);
/** Options that delete whatever the verb: `gsutil rsync -d`, `mc mirror --remove`, `--purge`. */
const DELETING_OPTIONS = /^--(delete|delete-[a-z-]+|remove|purge|prune|force-delete|delete-data|delete-volumes)$/;
/** Short flags that delete for one command of one tool (`gsutil rsync -d`). */
const TOOL_DELETING_FLAGS: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>> = { gsutil: { rsync: ['-d', '-D'] }, rclone: {} };
/** A word that can be a subcommand (not a path, URL, file name, number or key=value). */
const COMMAND_WORD = /^[a-z][a-z0-9]*([-_:][a-z0-9]+)*$/;
const MAX_UNLISTED_WORDS = 3;

interface CommandLine {
  tool: string;
  /** Subcommand words, as typed (aliases resolved to canonical names where the tree knows them). */
  path: string[];
  /** How many leading path words the tree knows. */
  listed: number;
  dangerous: boolean;
  operands: string[];
  /** Options in order, with their value ('' for flags). */
  options: [string, string][];
}

export const cloudCli: Recogniser = async (cmd) => {
  const tool = toolName(cmd.argv[0]);
  if (TRANSFER_TOOLS.has(tool)) return transfer(cmd);
  const line = readCommandLine(tool, cmd.argv.slice(1), await loadCommandTree(tool));
  // `atmos workflow NAME -f FILE`: the steps of the project's workflow file (runners/atmos-workflow.ts).
  if (tool === 'atmos' && line.path[0] === 'workflow' && cmd.argv[1] === 'workflow') {
    return (await import('../runners/atmos-workflow.js')).atmosWorkflow(cmd, cmd.argv.slice(1));
  }
  const delegate = DELEGATES[tool]?.[line.path[0] ?? ''];
  if (delegate && !previewOf(line) && DELEGATED_SUBCOMMANDS[delegate]?.has(line.path[1] ?? line.operands[0] ?? '')) return delegated(cmd, tool, delegate);
  if (tool === 'goreleaser' && !/asks for help|prints the version/.test(previewOf(line) ?? '')) {
    const hooks = changedReleaseHooks(cmd, line.path, line.options);
    if (hooks?.why) return [unknownCommand(cmd, hooks.why)];
    if (hooks) {
      // The hooks run first, then the release or build itself.
      const actions: PlannedAction[] = [];
      for (const c of hooks.commands) {
        actions.push(...(await cmd.nested(c.text, { evidence: [commandEvidence(`a hook goreleaser runs, ${hooks.file}:${c.line}, changed since it was committed`, 'hook', `${hooks.file}:${c.line}`)] })));
      }
      return [...actions, ...classifyLine(cmd, line)];
    }
  }
  if (tool === 'flux') return onLocalCluster(cmd, line, classifyLine(cmd, line));
  return classifyLine(cmd, line);
};

/** flux subcommands that act beyond the cluster: bootstrap commits to and deploy-keys a git repository,
 *  push uploads an artifact to a registry. */
const FLUX_BEYOND_CLUSTER = new Set(['bootstrap', 'push']);

/** `kind create cluster --kubeconfig /tmp/k && flux --kubeconfig /tmp/k install`: on the cluster the line
 *  made (local-clusters.ts), as kubectl there is. Not bootstrap or push, which reach a repository or registry. */
function onLocalCluster(cmd: RecognisedCommand, line: CommandLine, actions: PlannedAction[]): PlannedAction[] {
  if (FLUX_BEYOND_CLUSTER.has(line.path[0] ?? '') || line.operands.some((o) => FLUX_BEYOND_CLUSTER.has(o))) return actions;
  const values = new Map<string, string[]>();
  for (const [k, v] of line.options) values.set(k, [...(values.get(k) ?? []), v]);
  const local = localClusterOf(cmd, values);
  if (!local) return actions;
  const said = commandEvidence(local.why, '--kubeconfig', values.get('--kubeconfig')?.[0]);
  return actions.map((a) => a.target.type.startsWith('flux:') && a.operation !== 'unknown'
    ? { ...a, scope: 'resource', evidence: [...a.evidence, said], details: { ...a.details, localCluster: local.why },
      intrinsic: { reversibility: 'recoverable', evidence: [said, commandEvidence(`nothing on ${local.context} predates this command; \`kind delete cluster --name ${local.context.replace(/^kind-/, '')}\` removes all of it`)] } }
    : a);
}

/** `atmos terraform plan vpc -s prod`: judged as `terraform plan`, in the stack atmos names. */
async function delegated(cmd: RecognisedCommand, tool: string, delegate: string): Promise<PlannedAction[]> {
  const args = cmd.argv.slice(cmd.argv.indexOf(delegate) + 1);
  const kept: string[] = [];
  let stack: string | undefined;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '-s' || args[i] === '--stack') { stack = args[++i]; continue; }
    if (args[i].startsWith('--stack=')) { stack = args[i].slice(8); continue; }
    kept.push(args[i]);
  }
  // The first operand after the subcommand names the component, not a terraform argument.
  const sub = kept.findIndex((a) => !a.startsWith('-'));
  const component = kept.findIndex((a, i) => i > sub && !a.startsWith('-'));
  if (component > sub && sub >= 0) kept.splice(component, 1);
  const text = [delegate, ...kept].map((a) => (/^[A-Za-z0-9_./=:,@%+-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(' ');
  return cmd.nested(text, { hints: stack ? { stackName: stack } : {}, evidence: [commandEvidence(`${tool} runs ${delegate}${stack ? ` in stack ${stack}` : ''}`, tool, stack)] });
}

/** Walks the arguments down the tool's tree: which words are the command path, which are options.
 *  Words the tree lists are path words; past them (completion specs are not complete), words
 *  that look like subcommands are path words up to the first word that changes something; past a listed leaf only a verb
 *  still is (`gh release delete` where the spec lists `release` without subcommands). */
export function readCommandLine(tool: string, args: readonly string[], tree: CommandTree | undefined): CommandLine {
  const valued = new Set([...COMMON_VALUED, ...(tree?.v ?? []), ...(TOOL_VALUED[tool] ?? [])]);
  let node: CommandTree | undefined = tree;
  let mode: 'tree' | 'unlisted' | 'verb-only' | 'closed' = tree?.c ? 'tree' : 'unlisted';
  const line: CommandLine = { tool, path: [], listed: 0, dangerous: false, operands: [], options: [] };
  let unlisted = 0;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') { line.operands.push(...args.slice(i + 1)); break; }
    if (a.length > 1 && a.startsWith('-') && !/^-\d/.test(a)) {
      const eq = a.indexOf('=');
      if (eq > 0) line.options.push([a.slice(0, eq), a.slice(eq + 1)]);
      else if (valued.has(a) && args[i + 1] !== undefined) line.options.push([a, args[++i]]);
      else line.options.push([a, '']);
      continue;
    }
    if (mode === 'tree' && node?.c) {
      const key: string = node.a?.[a] ?? a;
      const child = Object.hasOwn(node.c, key) ? node.c[key] : undefined;
      if (child !== undefined) {
        line.path.push(key);
        line.listed++;
        if (child && child.d) line.dangerous = true;
        for (const v of (child && child.v) || []) valued.add(v);
        node = child || undefined;
        if (!node?.c) mode = 'verb-only';
        continue;
      }
      mode = 'unlisted';
    }
    const verb = COMMAND_WORD.test(a) ? wordOperation(tool, a) : undefined;
    if (mode === 'unlisted' && unlisted < MAX_UNLISTED_WORDS && COMMAND_WORD.test(a)) {
      line.path.push(a);
      unlisted++;
      // A read-like word does not end the path (`logs delete`): only a word that changes something does.
      if (verb && verb !== 'read') mode = 'closed';
      continue;
    }
    // Past a listed leaf, a delete is still read as a path word; another verb only if the leaf says nothing itself.
    if (mode === 'verb-only' && verb && (verb === 'delete' || wordOperation(tool, line.path[line.path.length - 1] ?? '') === undefined)) {
      line.path.push(a);
      mode = 'closed';
      continue;
    }
    mode = 'closed';
    line.operands.push(a);
  }
  return line;
}

function classifyLine(cmd: RecognisedCommand, line: CommandLine): PlannedAction[] {
  const { tool, path } = line;
  const said = path.join(' ');
  const preview = previewOf(line);
  if (preview) return [read(cmd, line, preview)];
  if (startsWithAny(said, LOCAL_PATHS[tool])) return [];
  if (tool === 'gh' && path[0] === 'api') return ghApi(cmd);
  if (tool === 'gh' && said === 'release create' && line.options.some(([o]) => o === '--draft' || o === '-d')) return [];
  // Auto-merge waits for the branch's required checks and reviews: the repository's own gate decides.
  if (tool === 'gh' && said === 'pr merge' && line.options.some(([o]) => o === '--auto')) return [];
  if (startsWithAny(said, PUBLISH_PATHS[tool])) {
    return [action(cmd, line, 'update', [commandEvidence(`${tool} ${said} publishes a release or artifact that others consume`, 'publish', said)])];
  }
  if (startsWithAny(said, COLLABORATION_PATHS[tool])) return [];
  let { operation, word } = pathOperation(tool, path);
  // `rclone copy remote:x ./data`, `gsutil cp gs://b/x .`: a copy onto this machine only reads the remote.
  const remote = REMOTE_LOCATION[tool];
  const destination = line.operands[line.operands.length - 1];
  if (remote && operation !== 'delete' && word && COPY_WORDS.has(word) && !line.options.some(([o]) => DELETING_OPTIONS.test(o) || o === '-d') && line.operands.length >= 2 && destination !== undefined && !remote.test(destination) && line.operands.slice(0, -1).every((o) => remote.test(o))) {
    return [read(cmd, line, `${tool} ${said} copies from the remote onto this machine (${destination}): the remote is only read`)];
  }
  const evidence: Evidence[] = [];
  const deleting = line.options.find(([o]) => DELETING_OPTIONS.test(o) || (TOOL_DELETING_FLAGS[tool]?.[path.join(' ')]?.includes(o) ?? false));
  if (deleting && operation !== 'read') {
    operation = 'delete';
    evidence.push(commandEvidence(`${deleting[0]} deletes what the command does not keep`, deleting[0]));
  }
  if (line.dangerous && (operation === 'read' || operation === 'unknown')) {
    operation = 'delete';
    evidence.push(commandEvidence(`the tool's own completion spec marks \`${tool} ${said}\` dangerous`, 'dangerous'));
  }
  // A destroying word among the operands (`gcloud logs "x" delete`): the path could not be followed
  // to it, so the command is not taken for what its path words said.
  const stray = line.operands.find((o) => DELETE_WORDS.has(o.toLowerCase()));
  if (stray && (operation === 'read' || operation === 'create' || operation === 'update')) {
    operation = 'unknown';
    evidence.push(commandEvidence(`\`${stray}\` stands among the operands: what the command does cannot be read from its path`, 'operand', stray));
  }
  const optionVerb = optionOperation(tool, line);
  if (optionVerb) ({ operation, word } = optionVerb);
  evidence.unshift(commandEvidence(
    operation === 'unknown'
      ? `${tool} ${said || '(no subcommand)'}: no word of the command path says what it does`
      : `${tool} ${said}: a ${operation} by the word \`${word}\`${operation === 'delete' && word !== path[path.length - 1] ? ' (a delete anywhere in the path is a delete)' : ''}`,
    'verb', word ?? said,
  ));
  return [action(cmd, line, operation, evidence)];
}

/** The operation the path's words say, and the word that says it. */
export function pathOperation(tool: string, path: readonly string[]): { operation: Operation; word?: string } {
  for (const word of path) if (wordOperation(tool, word) === 'delete') return { operation: 'delete', word };
  const ops = path.map((w) => wordOperation(tool, w));
  for (let i = path.length - 1; i >= 0; i--) {
    const op = ops[i];
    if (op === 'read' && !readsAsVerb(tool, path[i]) && ops.slice(0, i).some((o) => o && o !== 'read')) continue;
    if (op) return { operation: op, word: path[i] };
  }
  return { operation: 'unknown' };
}

/** Whether a read word looks rather than names a thing: the tool's own meaning, a read verb, or a
 *  compound whose first part is one (`get-external-ip`). */
function readsAsVerb(tool: string, word: string): boolean {
  const lower = word.toLowerCase();
  if (Object.hasOwn(TOOL_WORDS[tool] ?? {}, lower)) return true;
  const first = lower.split(/[-:_]/).find(Boolean) ?? lower;
  return [lower, first].some((w) => READ_WORDS.has(w) && !READ_NOUNS.has(w));
}

/** What one path word says: a tool's own meaning first, then the word, then its parts. */
export function wordOperation(tool: string, word: string): Operation | undefined {
  const own = TOOL_WORDS[tool];
  const lower = word.toLowerCase();
  if (own && Object.hasOwn(own, lower)) return own[lower];
  const parts = [lower, ...lower.split(/[-:_]/).filter(Boolean)];
  if (own) for (const p of parts.slice(1)) if (Object.hasOwn(own, p) && own[p] === 'delete') return 'delete';
  if (parts.some((p) => DELETE_WORDS.has(p))) return 'delete';
  if (parts.some((p) => PERMISSION_WORDS.has(p))) return 'permissions';
  if (parts.some((p) => UPDATE_WORDS.has(p))) return 'update';
  if (parts.some((p) => CREATE_WORDS.has(p))) return 'create';
  if (parts.some((p) => READ_WORDS.has(p))) return 'read';
  return undefined;
}

/** `--help`, `help ...`, `--version`, and `--dry-run` (the last of it and its negation wins). */
export function previewOf(line: CommandLine): string | undefined {
  const names = line.options.map(([o]) => o);
  if (names.some((o) => HELP_FLAGS.has(o)) || (names.includes('-h') && !line.operands.length) || line.path[0] === 'help') return 'asks for help: prints usage and changes nothing';
  if (names.some((o) => VERSION_FLAGS.has(o)) && !line.path.length) return 'prints the version';
  // `flux -v`, `kn -V`: a lone short flag with no command path prints the version (or nothing).
  if (names.length === 1 && /^-[vV]$/.test(names[0]) && !line.path.length && !line.operands.length) return 'prints the version';
  let dry: string | undefined;
  for (const [o, v] of line.options) {
    const written = v ? `${o}=${v}` : o;
    if (NOT_DRY_RUN_FLAGS.has(written) || NOT_DRY_RUN_FLAGS.has(o)) dry = undefined;
    else if (DRY_RUN_FLAGS.has(o)) dry = /^(false|none|0|no|off)$/i.test(v) ? undefined : written;
  }
  if (dry) return `${dry}: previews the change without making it`;
  const localBuild = localBuildOf(line);
  if (localBuild) return `${localBuild}: builds locally without publishing`;
  if (/^kafka-consumer-groups/.test(line.tool) && names.includes('--reset-offsets') && !names.includes('--execute')) return '--reset-offsets without --execute only prints the new offsets';
  return undefined;
}

/** The option that keeps a release tool's run on this machine (`goreleaser release --snapshot`,
 *  `--skip=publish`), for the commands it applies to; Go's bool flags take `=false`, so only a true
 *  value counts, and a skip list counts only when it names the publish step exactly. */
function localBuildOf(line: CommandLine): string | undefined {
  const local = LOCAL_BUILD_OPTIONS[line.tool];
  if (!local || !local.paths.includes(line.path.join(' '))) return undefined;
  let found: string | undefined;
  for (const [o, v] of line.options) {
    if (local.flags.includes(o)) found = GO_TRUE.test(v) ? (v ? `${o}=${v}` : o) : undefined;
    else if (o === local.skip.option && v.split(',').map((k) => k.trim()).includes(local.skip.value)) found = `${o}=${v}`;
  }
  return found;
}
const GO_TRUE = /^(|1|t|T|true|TRUE|True)$/;

function optionOperation(tool: string, line: CommandLine): { operation: Operation; word: string } | undefined {
  const verbs = OPTION_VERBS[tool];
  if (!verbs) return undefined;
  let found: { operation: Operation; word: string } | undefined;
  for (const [o] of line.options) {
    const op = verbs[o];
    if (op && (!found || rank(op) > rank(found.operation))) found = { operation: op, word: o };
  }
  return found ?? { operation: 'unknown', word: tool };
}

const rank = (op: Operation): number => ['unknown', 'read', 'create', 'update', 'permissions', 'replace', 'delete'].indexOf(op);

/** `gh api`: what the HTTP method (or a GraphQL mutation) says. */
const GH_API_VALUED = new Set(['-X', '--method', '-f', '-F', '--field', '--raw-field', '-H', '--header', '--input', '-q', '--jq', '-t', '--template', '--hostname', '--cache', '-p', '--preview']);

function ghApi(cmd: RecognisedCommand): PlannedAction[] {
  // `-Xdelete`, `-fquery=...`: a short option with its value attached.
  const args = cmd.argv.slice(cmd.argv.indexOf('api') + 1).flatMap((a) => (/^-[XfFHpqt]./.test(a) && !a.startsWith('--') ? [a.slice(0, 2), a.slice(2)] : [a]));
  const line = readCommandLine('gh', args, { v: [...GH_API_VALUED] });
  line.operands = [...line.path, ...line.operands];
  const opts = new Map(line.options);
  const method = (opts.get('-X') ?? opts.get('--method') ?? '').toUpperCase();
  const fields = line.options.filter(([o]) => ['-f', '-F', '--field', '--raw-field', '--input'].includes(o));
  const graphql = line.operands[0] === 'graphql';
  if (graphql) {
    const document = ghGraphqlDocument(cmd, line.options);
    if (typeof document !== 'string') return [unknownCommand(cmd, `gh api graphql: ${document.why}: whether it is a mutation is not visible`, 'graphql')];
    const ops = analyseGraphql(JSON.stringify({ query: document })) ?? [];
    if (ops.length && ops.every((op) => (op.kind === 'mutation' ? GITHUB_COLLABORATION_MUTATIONS.has(op.field) : op.operation === 'read'))) {
      return ops.every((op) => op.kind !== 'mutation') ? [ghGraphqlAction(cmd, 'read', 'GraphQL query')] : [];
    }
    const worst = ops.reduce<Operation>((w, op) => (op.operation === 'unknown' || w === 'unknown' ? 'unknown' : rank(op.operation) > rank(w) ? op.operation : w), 'read');
    const shown = ops.filter((op) => op.operation !== 'read').map((op) => op.field).join(', ');
    return [ghGraphqlAction(cmd, worst, `gh api GraphQL mutation ${shown}`)];
  }
  let operation: Operation;
  if (method === 'DELETE') operation = 'delete';
  else if (method === 'GET' || method === 'HEAD' || (!method && !fields.length)) operation = 'read';
  else operation = 'update';
  const endpoint = line.operands[0] ?? '(endpoint)';
  if (operation === 'update' && GITHUB_COLLABORATION_PATH.test(endpoint)) return [];
  return [makeAction(cmd, {
    operation, verb: `api ${method || (fields.length ? 'POST' : 'GET')}`, tool: 'gh', target: { type: 'gh:api', id: endpoint }, scope: 'resource',
    evidence: [commandEvidence(`gh api ${method || (fields.length ? 'POST (fields given)' : 'GET')} ${endpoint}`, 'method', method || undefined)],
  })];
}

function ghGraphqlAction(cmd: RecognisedCommand, operation: Operation, why: string): PlannedAction {
  return makeAction(cmd, { operation, verb: 'api graphql', tool: 'gh', target: { type: 'gh:api', id: 'graphql' }, scope: 'resource', evidence: [commandEvidence(why, 'graphql')] });
}

/** The GraphQL document `gh api graphql` sends: `-f query=TEXT`, `-F query=@FILE` (read), `--input FILE`
 *  (a JSON body, read); or why it is not visible (a value computed at run time, stdin, a file not there). */
function ghGraphqlDocument(cmd: RecognisedCommand, options: readonly [string, string][]): string | { why: string } {
  const readText = (file: string): string | undefined => {
    if (file === '-') return undefined;
    const written = cmd.files.get(file);
    if (written !== undefined) return written;
    try { return readFileSync(resolve(cmd.workspace ?? process.cwd(), cmd.cwd ?? '.', file), 'utf8'); } catch { return undefined; }
  };
  let document: string | undefined;
  for (const [o, v] of options) {
    if (o === '--input') {
      const body = readText(v);
      if (body === undefined) return { why: `the request body comes from ${v === '-' ? 'stdin' : v}, which Firebreak cannot read` };
      const parsed = analyseGraphqlQuery(body);
      if (parsed === undefined) return { why: `the request body in ${v} is not a GraphQL request Firebreak can read` };
      document = parsed;
      continue;
    }
    if (!['-f', '-F', '--field', '--raw-field'].includes(o) || !/^query=/.test(v)) continue;
    const value = v.slice(6);
    if (cmd.words.some((w) => w.dynamic && w.value.includes(v))) return { why: 'the query is built at run time' };
    if ((o === '-F' || o === '--field') && value.startsWith('@')) {
      const text = readText(value.slice(1));
      if (text === undefined) return { why: `the query comes from ${value.slice(1) === '-' ? 'stdin' : value.slice(1)}, which Firebreak cannot read` };
      document = text;
    } else document = value;
  }
  return document ?? { why: 'no query is given' };
}

/** The `query` of a JSON GraphQL request body. */
function analyseGraphqlQuery(body: string): string | undefined {
  try {
    const parsed: unknown = JSON.parse(body);
    const query = parsed && typeof parsed === 'object' ? (parsed as { query?: unknown }).query : undefined;
    return typeof query === 'string' ? query : undefined;
  } catch {
    return undefined;
  }
}

function read(cmd: RecognisedCommand, line: CommandLine, why: string): PlannedAction {
  return makeAction(cmd, {
    operation: 'read', verb: line.path.join(' ') || line.tool, tool: line.tool, target: { type: `${line.tool}:${line.path.join('/') || 'cli'}`, id: line.path.join(' ') || line.tool },
    scope: 'resource', evidence: [commandEvidence(why, 'preview')],
  });
}

function action(cmd: RecognisedCommand, line: CommandLine, operation: Operation, evidence: Evidence[]): PlannedAction {
  const { tool, path } = line;
  const options = new Map<string, string>();
  for (const [o, v] of line.options) if (v) options.set(o, v);
  const verbIndex = findLastVerb(tool, path);
  const verb = path[verbIndex] ?? path[0] ?? tool;
  const named = options.get('--name') || undefined;
  // `eksctl delete cluster --name prod`: the verb first, then the kind, the name in --name.
  const kindAfterVerb = verbIndex === 0 && path.length === 1 && named !== undefined && line.operands.length > 0;
  const resourcePath = kindAfterVerb ? line.operands[0] : path.filter((_, i) => i !== verbIndex).join('/');
  const name = named ?? line.operands[0];
  const stack = STACK_OPTIONS.map((o) => options.get(o)).find((v) => v);
  const account = ACCOUNT_OPTIONS.map((o) => options.get(o)).find((v) => v);
  const region = REGION_OPTIONS.map((o) => options.get(o)).find((v) => v);
  const environmentWide = ENVIRONMENT_VERBS[tool]?.has(verb) ?? false;
  const id = name ?? stack ?? (environmentWide ? '(default stack)' : verb);
  const skips = line.options.map(([o]) => o).filter((o) => CONFIRM_SKIPS.has(o));
  if (skips.length && operation !== 'read') evidence.push(commandEvidence(`${skips.join(' ')}: runs without asking for confirmation`, skips[0]));
  if (environmentWide) evidence.push(commandEvidence(`${tool} ${verb} acts on every resource of the stack / app`, verb));
  return makeAction(cmd, {
    operation, verb, tool,
    target: { type: `${tool}:${resourcePath || (environmentWide ? 'stack' : 'resource')}`, id },
    scope: environmentWide ? 'environment' : name || stack ? 'resource' : operation === 'read' ? 'resource' : 'unknown',
    hints: { ...(stack ? { stackName: stack } : {}), ...(account ? { accountId: account } : {}), ...(region ? { region } : {}) },
    evidence,
  });
}

function findLastVerb(tool: string, path: readonly string[]): number {
  const { word } = pathOperation(tool, path);
  return word === undefined ? -1 : path.indexOf(word);
}

function startsWithAny(said: string, prefixes: readonly string[] | undefined): boolean {
  return !!prefixes?.some((p) => said === p || said.startsWith(`${p} `));
}

