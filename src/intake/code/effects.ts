// Effects -> the actions Firebreak already judges. Shell-shaped effects (programs, files, SQL,
// HTTP) are mapped onto the equivalent shell text and walked as shell, so every rule the shell
// intake has (workspace paths, guard files, SQL classification, control-plane hosts) applies to
// code too; each action then carries the code's file and line.
import { resolve as resolvePath } from 'node:path';
import type { Evidence, SourceRef } from '../../model.js';
import type { PlannedAction } from '../types.js';
import { commandEvidence, makeAction, type RecognisedCommand } from '../shell/command.js';
import type { Effect } from './effect.js';
import { quote, RUNTIME_VARIABLE, shellWord } from './models/shared.js';
import { describeValue, FOLDER_ENTRY, FRESH_PATH, jsonOf, str, textOf, type Value } from './values.js';
import type { AwsCallParameter } from '../aws/parameters.js';

export interface EffectContext {
  rc: RecognisedCommand;
  /** How the code was given, for inline code: `python -c`, `heredoc`. */
  via: string;
  /** Reads further code (exec of a literal, a script the code runs). */
  readCode(effect: Extract<Effect, { kind: 'code' }>): Promise<PlannedAction[]>;
  readScript(effect: Extract<Effect, { kind: 'script' }>): Promise<PlannedAction[]>;
  /** The code's file deletes stand where the command that runs the code stands: nothing before them
   *  in the line, and nothing in the code, could have made or moved files (see judgeCode). */
  firstToTouchFiles?: boolean;
}

export async function effectsToActions(effects: Effect[], ctx: EffectContext): Promise<PlannedAction[]> {
  const actions: PlannedAction[] = [];
  for (const [i, effect] of effects.entries()) {
    const made = effectToActions(effect, ctx);
    const rewrite = effect.kind === 'file' && effect.op === 'delete' ? rewrittenAfter(effect, effects.slice(i + 1)) : undefined;
    actions.push(...(rewrite ? (await made).map((a) => (a.operation === 'delete' ? { ...a, details: { ...a.details, regeneratedBy: rewrite } } : a)) : await made));
  }
  return actions;
}

/** A delete of a known path the same file's code then writes into again (`rmSync(out, {recursive: true})`
 *  then `writeFileSync(path.join(out, name))`): generate-then-replace. Placement
 *  (src/predict/workspace-files.ts) decides whether that makes the delete regenerable output. */
function rewrittenAfter(deleted: Extract<Effect, { kind: 'file' }>, later: Effect[]): { file: string; line: number; call: string } | undefined {
  const path = textOf(deleted.path);
  if (path === undefined || deleted.file === undefined) return undefined;
  const write = later.find((e): e is Extract<Effect, { kind: 'file' }> => e.kind === 'file' && e.file === deleted.file
    && (e.op === 'write' || e.op === 'append' || e.op === 'copy' || e.op === 'move')
    && shellWord(e.op === 'write' || e.op === 'append' ? e.path : e.to ?? { t: 'unknown' }).startsWith(`${shellWord(deleted.path)}/`));
  return write ? { file: deleted.file, line: write.loc.line, call: write.loc.text } : undefined;
}

async function effectToActions(effect: Effect, ctx: EffectContext): Promise<PlannedAction[]> {
  const { rc } = ctx;
  const where = whereText(effect, ctx);
  const said = codeEvidence(effect, where);
  switch (effect.kind) {
    case 'aws': {
      // The AWS chunk (CLI model, IAM tables) is loaded only for code that calls AWS.
      const [{ awsCallToActions }, { apiParameter }] = await Promise.all([import('../aws/call.js'), import('../aws/parameters.js')]);
      const parameters: AwsCallParameter[] = [];
      let unknownParameters = effect.unknownParams ? [effect.unknownParams] : [];
      for (const [name, value] of effect.params) {
        const json = jsonOf(value);
        if (json === undefined) {
          unknownParameters = [...unknownParameters, `${name} is computed at run time${value.t === 'unknown' && value.why ? ` (from ${value.why})` : ''}`];
          continue;
        }
        const p = apiParameter(name, json);
        if (p) parameters.push(p);
      }
      const planned = await awsCallToActions(
        {
          service: effect.service, operation: effect.operation, parameters, verb: effect.operation,
          ...(effect.profile ? { profile: effect.profile } : {}), ...(effect.region ? { region: effect.region } : {}), ...(effect.endpoint ? { endpoint: effect.endpoint } : {}),
          ...(unknownParameters.length ? { unknownParameters } : {}),
          evidence: [...rc.evidence],
        },
        sourceOf(effect, rc),
      );
      return planned.map((a) => ({
        ...withCode(a, said, effect),
        hints: { ...pickHints(rc), ...envHints(rc), ...a.hints },
        // A target computed at run time cannot be bounded to one resource.
        ...(unknownParameters.length && a.scope === 'resource' && a.target.id === '*' ? { scope: 'unknown' as const } : {}),
      }));
    }
    case 'cloud':
      return [withCode(makeAction(rc, {
        operation: effect.operation,
        verb: effect.method,
        tool: effect.provider === 'gcp' ? 'gcloud' : 'az',
        target: { type: effect.targetType, id: effect.id ?? '*', ...(effect.id ? { names: [effect.id] } : {}) },
        scope: effect.id ? 'resource' : 'unknown',
        evidence: [commandEvidence(`${effect.provider === 'gcp' ? 'Google Cloud' : 'Azure'} SDK call ${effect.method}: ${effect.operation === 'delete' ? 'deletes' : 'changes'} ${effect.targetType}${effect.id ? ` ${effect.id}` : ' (target computed at run time)'}`)],
      }), said, effect, rc)];
    case 'shell':
      return nested(ctx, effect.text, said, effect);
    case 'file': {
      // Only a path from `/` (built from __dirname, __file__...): a relative one depends on a working
      // directory the code can change (`process.chdir`, `os.chdir`, under any spelling).
      // An entry of a listing of a known folder (`/repo/.cursor/rules/{entry}`) counts: the shell judges it as a glob.
      const first = ctx.firstToTouchFiles === true && effect.op === 'delete' && effect.path.t === 'str' && effect.path.v.startsWith('/');
      if (effect.op === 'write' || effect.op === 'append' || effect.op === 'copy') {
        const envFile = await envFileWrittenByCode(effect, ctx, said);
        if (envFile.length) return [...envFile, ...(await nested(ctx, fileCommand(effect), said, effect, first))];
      }
      if (effect.op !== 'delete') return nested(ctx, fileCommand(effect), said, effect, first);
      const fresh = freshDelete(effect, ctx);
      if (fresh) return [withCode(fresh, said, effect, rc)];
      const placed = deletedPath(effect.path, folderOf(rc));
      const unbounded = placed.unbounded ? [commandEvidence(`${whereText(effect, ctx)}: the path ${describeValue(effect.path)} has a part known only at run time that may be absolute or climb with .. (${placed.unbounded}): the folder before it does not bound it`)] : [];
      return (await nested(ctx, fileCommand({ ...effect, path: placed.path }), said, effect, first)).map((a) => (unbounded.length ? { ...a, evidence: [...a.evidence, ...unbounded] } : a));
    }
    case 'sql':
      return nested(ctx, sqlCommand(effect), said, effect);
    case 'http':
      return nested(ctx, httpCommand(effect), said, effect);
    case 'code':
      return (await ctx.readCode(effect)).map((a) => withCode(a, said, effect));
    case 'script':
      return (await ctx.readScript(effect)).map((a) => withCode(a, said, effect));
    case 'unknown':
      return [withCode(makeAction(rc, {
        operation: 'unknown',
        verb: 'run code',
        tool: rc.argv[0] ? rc.argv[0].slice(rc.argv[0].lastIndexOf('/') + 1) : 'code',
        target: { type: 'code:script', id: effect.file ?? ctx.via },
        scope: 'unknown',
        evidence: [commandEvidence(`${where}: ${effect.why}`)],
      }), undefined, effect, rc)];
  }
}

/** A delete of the very name `os.CreateTemp` / `os.MkdirTemp` returned to this code (models/paths.ts
 *  freshPath): created fresh and exclusively by the same run, so the delete loses only what the code put
 *  there, wherever the folder is. Scratch, as a `mktemp` path is for the shell. */
function freshDelete(effect: Extract<Effect, { kind: 'file' }>, ctx: EffectContext): PlannedAction | undefined {
  const p = effect.path;
  if (p.t !== 'obj' || p.cls !== FRESH_PATH) return undefined;
  const kind = textOf(p.props.kind) === 'folder' ? 'folder' : 'file';
  const made = textOf(p.props.via) ?? 'a temporary-file call';
  const id = `(a fresh ${kind} ${made} made${textOf(p.props.pattern) !== undefined ? ` from the pattern ${textOf(p.props.pattern)}` : ''} in a folder known at run time)`;
  return makeAction(ctx.rc, {
    operation: 'delete', verb: effect.recursive ? 'rm -rf' : 'rm', tool: 'code',
    target: { type: 'fs:path', id }, scope: 'resource',
    evidence: [commandEvidence(`${whereText(effect, ctx)}: deletes the ${kind} ${made} made fresh in this run (a random name, created exclusively): only what the code put there goes`)],
    details: { scratch: true, path: id },
  });
}

async function nested(ctx: EffectContext, text: string, said: Evidence, effect: Effect, firstToTouchFiles = false): Promise<PlannedAction[]> {
  // Run-time parts are spelled as a variable nobody set: unset it first so the line's own
  // environment cannot give it a harmless-looking value. (A path with a run-time part is never
  // "nothing there now", so first-to-touch only matters for text without one.)
  const guarded = text.includes(`\${${RUNTIME_VARIABLE}}`) ? `unset ${RUNTIME_VARIABLE}; ${text}` : text;
  const actions = await ctx.rc.nested(guarded, { evidence: [], replaysCode: true, ...(firstToTouchFiles && guarded === text ? { firstToTouchFiles: true } : {}) });
  return actions.map((a) => withCode(a, said, effect, ctx.rc));
}

/**
 * The path a code delete is judged on. Text from outside the code (an argument, an environment
 * variable, a command's output) may hold `/` and `..`: whatever comes before it bounds nothing, so the
 * path is judged from that part on (anywhere on the machine). Other run-time parts are bounded as the
 * shell bounds `build/$X` (a joined part that may be absolute already started the path over: see
 * joinPaths); an entry of a folder listing is one name in that folder. A known folder inside the
 * command's own folder is spelled from there (`./build/*`), as the shell judges a workspace glob.
 */
function deletedPath(path: Value, folder: string | undefined): { path: Value; unbounded?: string } {
  if (path.t === 'alt') {
    const options = path.options.map((o) => deletedPath(o, folder));
    const why = options.find((o) => o.unbounded)?.unbounded;
    return { path: { t: 'alt', options: options.map((o) => o.path) }, ...(why ? { unbounded: why } : {}) };
  }
  if (path.t === 'tmpl') {
    const hole = path.parts.indexOf(null);
    if (hole > 0 && path.unbounded) return { path: { t: 'tmpl', parts: path.parts.slice(hole) }, unbounded: 'an argument, an environment variable, a command\'s output, or a part path.join starts over at when it is absolute' };
    return { path };
  }
  if (path.t !== 'str' || folder === undefined || !path.v.includes(FOLDER_ENTRY) || !path.v.startsWith(`${folder}/`)) return { path };
  return { path: str(`./${path.v.slice(folder.length + 1)}`) };
}

/** The absolute folder the command's nested shell resolves relative paths from. */
function folderOf(rc: RecognisedCommand): string | undefined {
  // A recipe's folder is often given relative to the workspace (`.`).
  const folder = rc.cwd !== undefined && !rc.cwd.startsWith('/') && rc.workspace?.startsWith('/') ? resolvePath(rc.workspace, rc.cwd) : rc.cwd ?? rc.workspace;
  return folder !== undefined && folder.startsWith('/') ? folder.replace(/\/+$/, '') : undefined;
}

function fileCommand(e: Extract<Effect, { kind: 'file' }>): string {
  const path = shellWord(e.path);
  switch (e.op) {
    case 'delete': return `rm ${e.recursive ? '-rf' : '-f'} -- ${path}`;
    case 'write': return `true > ${path}`;
    case 'append': return `true >> ${path}`;
    case 'move': return `mv -- ${path} ${shellWord(e.to ?? { t: 'unknown' })}`;
    case 'copy': return `cp -r -- ${path} ${shellWord(e.to ?? { t: 'unknown' })}`;
    case 'read': return `cat -- ${path}`;
    // The size is not followed: cutting a file to any size loses what was past it (emptied-files.ts).
    case 'truncate': return `truncate -s 0 -- ${path}`;
    case 'chmod': return `chmod ${e.mode ?? `"\${${RUNTIME_VARIABLE}}"`} -- ${path}`;
  }
}

function sqlCommand(e: Extract<Effect, { kind: 'sql' }>): string {
  const sql = quote(e.statement);
  switch (e.client) {
    case 'sqlite3': return `sqlite3 ${quote(e.database ?? ':memory:')} ${sql}`;
    case 'mysql': return `mysql${e.host ? ` -h ${quote(e.host)}` : ''}${e.database ? ` -D ${quote(e.database)}` : ''} -e ${sql}`;
    default: return `psql${e.host ? ` -h ${quote(e.host)}` : ''}${e.database ? ` -d ${quote(e.database)}` : ''} -c ${sql}`;
  }
}

function httpCommand(e: Extract<Effect, { kind: 'http' }>): string {
  return `curl -X ${quote(e.method)}${e.body !== undefined ? ` --data-raw ${quote(e.body)}` : ''} ${shellWord(e.url)}`;
}

/** Code that writes an environment file agents load (`open('.env', 'a')`): guard variables named in the code are a guard change. */
async function envFileWrittenByCode(effect: Extract<Effect, { kind: 'file' }>, ctx: EffectContext, said: Evidence): Promise<PlannedAction[]> {
  const path = textOf(effect.op === 'copy' ? effect.to ?? { t: 'unknown' } : effect.path);
  if (path === undefined) return [];
  const { codeEnvFileWrite, envFileAction, envFileUnknownAction } = await import('../shell/env-files.js');
  const { scriptPath } = await import('./source.js');
  const found = codeEnvFileWrite(path, effect.file !== undefined ? scriptPath(ctx.rc, effect.file) : undefined, ctx.rc.argv.join(' '));
  if (found === undefined) return [];
  if ('why' in found) return [withCode(envFileUnknownAction(ctx.rc, path, `${whereText(effect, ctx)}: ${found.why}`), said, effect)];
  if (!found.names.length) return [];
  return [withCode(await envFileAction(ctx.rc, path, found.names, `${whereText(effect, ctx)}, code that names them,`), said, effect)];
}

/** `cleanup.py:12`, `python -c line 2`. */
function whereText(effect: Effect, ctx: EffectContext): string {
  return effect.file !== undefined ? `${effect.file}:${effect.loc.line}` : `${ctx.via} line ${effect.loc.line}`;
}

function codeEvidence(effect: Effect, where: string): Evidence {
  const what = effect.kind === 'unknown' ? effect.why : `calls ${effect.loc.text}`;
  return { kind: 'input', message: `${where} ${what}` };
}

function sourceOf(effect: Effect, rc: RecognisedCommand): SourceRef {
  const source: SourceRef = { ...rc.source };
  if (effect.file !== undefined) {
    source.file = effect.file;
    source.line = effect.loc.line;
  }
  return source;
}

/** The action, placed at the code's file and line, with what the code does as its first evidence. */
function withCode(action: PlannedAction, said: Evidence | undefined, effect: Effect, rc?: RecognisedCommand): PlannedAction {
  const out: PlannedAction = { ...action, evidence: [...action.evidence] };
  if (rc) out.source = { ...rc.source };
  if (effect.file !== undefined && !(effect.kind === 'script' && out.source.file !== undefined)) {
    out.source = { ...out.source, file: effect.file, line: effect.loc.line };
  }
  if (said && !out.evidence.some((e) => e.message === said.message) && !out.intrinsic?.evidence.some((e) => e.message === said.message)) {
    if (out.intrinsic) out.intrinsic = { ...out.intrinsic, evidence: [said, ...out.intrinsic.evidence] };
    else out.evidence.unshift(said);
  }
  const code = { ...(effect.file !== undefined ? { file: effect.file } : {}), line: effect.loc.line, call: effect.loc.text };
  out.details = { ...(out.details ?? {}), code: (out.details?.code as unknown) ?? code };
  return out;
}

function pickHints(rc: RecognisedCommand): PlannedAction['hints'] {
  return rc.hints.endpoint ? { endpoint: rc.hints.endpoint } : {};
}

/** AWS_PROFILE / AWS_REGION in the command's environment apply to SDK calls too. */
function envHints(rc: RecognisedCommand): PlannedAction['hints'] {
  const h: PlannedAction['hints'] = {};
  const profile = rc.env.AWS_PROFILE ?? rc.env.AWS_DEFAULT_PROFILE ?? rc.hints.profile;
  const region = rc.env.AWS_REGION ?? rc.env.AWS_DEFAULT_REGION ?? rc.hints.region;
  if (profile) h.profile = profile;
  if (region) h.region = region;
  return h;
}

export type { Value };
