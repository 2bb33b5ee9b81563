// Actions for tools other than the shell: file tools by their target (source files in the
// workspace pass; the guard's own files, credentials, database data and system paths do not),
// MCP tools by name and arguments (SQL through the SQL classifier, delete verbs are deletes, read
// tools pass, anything else that writes escalates).
import type { Evidence, SourceRef } from '../../model.js';
import type { PlannedAction } from '../../intake/types.js';
import type { RecognisedCommand } from '../../intake/shell/command.js';
import type { FileTarget } from '../../intake/shell/file-targets.js';
import {
  FIREBREAK_MCP_TOOLS, MCP_COLLABORATION_NOUNS, MCP_COLLABORATION_VERBS, MCP_DELETE_VERBS, MCP_FILE_CONTENT_ARGUMENTS, MCP_METHOD_ARGUMENTS, MCP_MOVE_VERBS, MCP_URL_ARGUMENTS, MCP_PATH_ARGUMENTS, MCP_PATH_LIST_ARGUMENTS, MCP_READ_VERBS, MCP_RUNNER_INERT_ARGUMENTS, MCP_RUNNER_WORDS, MCP_SOURCE_ARGUMENTS,
  MCP_SQL_ARGUMENTS, MCP_WRITE_VERBS,
} from '../../knowledge/mcp-tools.js';
import type { HookCall } from '../protocol/types.js';
import { COMMAND_KEYS, commandsInArguments } from '../protocol/extract.js';
import type { McpCall, ToolFile } from '../protocol/tools.js';

/** Everything a non-shell tool call does, as planned actions (shell commands are parsed separately). */
export async function toolActions(call: HookCall): Promise<PlannedAction[]> {
  const actions: PlannedAction[] = [];
  if (call.files?.length) actions.push(...(await fileActions(call, call.files)));
  if (call.mcp) actions.push(...(await mcpActions(call, call.mcp)));
  return actions;
}

function syntheticCommand(call: HookCall, text: string): RecognisedCommand {
  const source: SourceRef = { kind: 'shell', command: text.slice(0, 500) };
  return {
    argv: [call.tool],
    words: [],
    env: {},
    stdin: { kind: 'terminal' },
    source,
    hints: {},
    evidence: [{ kind: 'input', message: `${call.agent} tool ${call.tool}` }],
    workspace: call.cwd,
    files: new Map(),
    argsFromStdin: false,
    nested: async () => [],
  };
}

const ACCESS: Record<ToolFile['access'], FileTarget['access']> = { write: 'write', edit: 'write', delete: 'delete', read: 'read' };

async function fileActions(call: HookCall, files: ToolFile[]): Promise<PlannedAction[]> {
  const { judgeFileTargets, pathContext } = await import('../../intake/shell/guard-files.js');
  const out: PlannedAction[] = [];
  for (const f of files) {
    const rc = syntheticCommand(call, `${call.tool} ${f.path}`);
    // An edit changes the file in place (judged like sed -i); a write replaces it (like cp over it).
    const tool = f.access === 'edit' ? 'sed' : f.access === 'delete' ? 'rm' : call.tool;
    const target: FileTarget = { written: f.path, glob: false, access: ACCESS[f.access], role: f.access === 'edit' ? 'operand' : 'destination', sources: [] };
    const judged = await judgeFileTargets(rc, tool, [target], pathContext(rc));
    out.push(...judged.map((a) => ({ ...a, tool: call.tool, verb: a.target.type === 'fs:path' ? call.tool : a.verb })));
    if (f.access === 'delete') out.push(...(await deleteAction(rc, call, f.path)));
    else {
      out.push(...(await (await import('./written-code.js')).writtenCodeActions(call, f, rc)));
      out.push(...(await (await import('./written-settings.js')).writtenSettingsActions(call, f, rc)));
    }
  }
  return out;
}

/** Paths a tool moves away (`move_file`'s source): judged as `mv` judges its sources. */
async function movedAway(call: HookCall, paths: string[]): Promise<PlannedAction[]> {
  if (!paths.length) return [];
  const { judgeFileTargets, pathContext } = await import('../../intake/shell/guard-files.js');
  const out: PlannedAction[] = [];
  for (const path of paths) {
    const rc = syntheticCommand(call, `${call.tool} ${path}`);
    const judged = await judgeFileTargets(rc, 'mv', [{ written: path, glob: false, access: 'move', role: 'source' }], pathContext(rc));
    out.push(...judged.map((a) => ({ ...a, tool: call.tool, verb: a.target.type === 'fs:path' ? call.tool : a.verb })));
  }
  return out;
}

/** A file tool deleting a file: judged like `rm` (workspace: git decides; elsewhere: like production data). */
async function deleteAction(rc: RecognisedCommand, call: HookCall, path: string): Promise<PlannedAction[]> {
  const { rm } = await import('../../intake/shell/recognisers/filesystem.js');
  const word = { raw: path, value: path, dynamic: false, glob: false, substitutions: [] };
  const actions = await rm({ ...rc, argv: ['rm', path], words: [word, word] });
  return actions.map((a) => ({ ...a, tool: call.tool, verb: call.tool }));
}

const words = (name: string): string[] =>
  name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);

async function mcpActions(call: HookCall, mcp: McpCall): Promise<PlannedAction[]> {
  const server = mcp.server ?? 'mcp';
  if (FIREBREAK_MCP_TOOLS.has(mcp.tool)) return [];
  const text = `${mcp.server ? `${mcp.server}/` : ''}${mcp.tool} ${JSON.stringify(mcp.arguments).slice(0, 400)}`;
  const rc = syntheticCommand(call, text);
  const base = { source: rc.source, hints: { endpoint: server }, tool: 'mcp' };
  const actions: PlannedAction[] = [];

  // SQL arguments: each statement through the SQL classifier.
  const sql = Object.entries(mcp.arguments).filter(([k, v]) => MCP_SQL_ARGUMENTS.test(k) && typeof v === 'string').map(([, v]) => v as string);
  if (sql.length) {
    const { classifyStatement } = await import('../../intake/shell/sql/classify.js');
    const { splitStatements } = await import('../../intake/shell/sql/tokens.js');
    for (const statement of sql.flatMap((s) => splitStatements(s))) {
      const effect = classifyStatement(statement.text);
      if (effect.session || effect.operation === 'read') continue;
      const facts: Evidence[] = effect.facts.map((f) => ({ kind: 'command', message: f, key: effect.verb }));
      for (const id of effect.targets.length ? effect.targets : [server]) {
        actions.push({
          ...base,
          operation: effect.operation,
          verb: effect.verb,
          tool: 'sql',
          target: { type: effect.targets.length ? effect.targetType : 'sql:database', id },
          scope: effect.scope,
          evidence: [{ kind: 'input', message: `SQL sent through the MCP tool ${mcp.tool} of server ${server}` }, ...facts],
          ...(effect.reversibility ? { intrinsic: { reversibility: effect.reversibility, evidence: facts } } : {}),
          details: { mcp: { server, tool: mcp.tool }, statement: statement.text.slice(0, 500) },
        });
      }
    }
    return actions;
  }

  const name = words(mcp.tool);
  // A tool that only runs the command it carries (`call_aws` + `cli_command`): the command, judged
  // as the shell tool's, says it all; any other argument (a host, a directory) may change that.
  const serverWords = words(server);
  if (commandsInArguments(mcp.arguments).length && name.length && name.every((w) => MCP_RUNNER_WORDS.has(w) || serverWords.includes(w))
    && Object.keys(mcp.arguments).every((k) => COMMAND_KEYS.test(k) || MCP_RUNNER_INERT_ARGUMENTS.test(k))) return [];

  // An HTTP tool sending a method that changes something: judged as curl sending it.
  const url = Object.entries(mcp.arguments).find(([k, v]) => MCP_URL_ARGUMENTS.test(k) && typeof v === 'string')?.[1] as string | undefined;
  const method = Object.entries(mcp.arguments).find(([k, v]) => MCP_METHOD_ARGUMENTS.test(k) && typeof v === 'string')?.[1] as string | undefined;
  if (url && method && !/^(GET|HEAD|OPTIONS)$/i.test(method)) {
    const { parseShellCommand } = await import('../../intake/shell/index.js');
    const quote = (v: string) => `'${v.replace(/'/g, `'\\''`)}'`;
    const curl = `curl -X ${quote(method)} --data-binary @- ${quote(url)}`;
    const parsed = await parseShellCommand(curl, { kind: 'shell', command: text.slice(0, 500) }, { cwd: call.cwd });
    return parsed.map((a) => ({ ...a, evidence: [{ kind: 'input', message: `the MCP tool ${mcp.tool} of server ${server} sends ${method.toUpperCase()} ${url}` }, ...a.evidence] }));
  }

  // File paths a filesystem tool writes: judged like a file tool. Only a tool that takes nothing but
  // paths and what to write is one: any other argument (`deploy {project, target}`, `delete_file
  // {owner, repo, path}`, `remove_file {host, path}`) says the paths are somewhere else.
  const fileTool = Object.keys(mcp.arguments).every((k) => MCP_PATH_ARGUMENTS.test(k) || MCP_SOURCE_ARGUMENTS.test(k) || MCP_PATH_LIST_ARGUMENTS.test(k) || MCP_FILE_CONTENT_ARGUMENTS.test(k));
  const writes = fileTool && name.some((w) => MCP_WRITE_VERBS.has(w) || MCP_DELETE_VERBS.has(w));
  const paths = Object.entries(mcp.arguments).filter(([k, v]) => MCP_PATH_ARGUMENTS.test(k) && typeof v === 'string').map(([, v]) => v as string);
  const listed = Object.entries(mcp.arguments).filter(([k, v]) => MCP_PATH_LIST_ARGUMENTS.test(k) && Array.isArray(v)).flatMap(([, v]) => (v as unknown[]).filter((p): p is string => typeof p === 'string'));
  const sources = Object.entries(mcp.arguments).filter(([k, v]) => MCP_SOURCE_ARGUMENTS.test(k) && typeof v === 'string').map(([, v]) => v as string);
  if (writes && (paths.length || sources.length)) {
    const deletes = name.some((w) => MCP_DELETE_VERBS.has(w));
    // move_file(source, destination): the source is taken away, as `mv` takes it; a copy reads it.
    const moves = name.some((w) => MCP_MOVE_VERBS.has(w));
    return [
      ...(await fileActions(call, paths.map((path) => ({ path, access: deletes ? 'delete' : 'write' })))),
      ...(moves ? await movedAway(call, sources) : await fileActions(call, sources.map((path) => ({ path, access: 'read' })))),
    ];
  }

  const verb = name.find((w) => MCP_DELETE_VERBS.has(w));
  if (verb) {
    return [{
      ...base,
      operation: 'delete',
      verb: mcp.tool,
      target: { type: `mcp:${server}`, id: mcp.tool },
      scope: 'unknown',
      evidence: [{ kind: 'command', message: `the MCP tool ${mcp.tool} of server ${server} says it ${verb}s: a delete, with whatever its arguments name`, key: 'tool', value: mcp.tool }],
      details: { mcp: { server, tool: mcp.tool } },
    }];
  }
  const onlyReads = name.length > 0 && name.some((w) => MCP_READ_VERBS.has(w)) && !name.some((w) => MCP_WRITE_VERBS.has(w));
  // A read passes, except of the guard's secrets (the approval key), as the Read tool's does.
  if (onlyReads) return fileActions(call, [...paths, ...listed, ...sources].map((path) => ({ path, access: 'read' })));
  const collaboration = name.some((w) => MCP_COLLABORATION_VERBS.has(w)) && name.every((w) => MCP_COLLABORATION_VERBS.has(w) || MCP_COLLABORATION_NOUNS.has(w));
  if (collaboration) return [];
  const writeVerb = name.find((w) => MCP_WRITE_VERBS.has(w));
  return [{
    ...base,
    operation: writeVerb ? 'update' : 'unknown',
    verb: mcp.tool,
    target: { type: `mcp:${server}`, id: mcp.tool },
    scope: 'unknown',
    evidence: [{
      kind: 'command',
      message: writeVerb
        ? `the MCP tool ${mcp.tool} of server ${server} ${writeVerb}s something: what it changes is not known to Firebreak`
        : `the MCP tool ${mcp.tool} of server ${server} is not known to only read: what it does is not visible`,
      key: 'tool',
      value: mcp.tool,
    }],
    details: { mcp: { server, tool: mcp.tool } },
  }];
}
