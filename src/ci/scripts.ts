// Destructive commands in scripts, Makefiles, package.json scripts and CI workflows the change
// adds or edits: the same shell analysis as the agent hook, on the lines the change touches.
import { parseDocument, isMap, isScalar, isSeq, type Node } from 'yaml';
import type { IntakeResult, PlannedAction } from '../intake/types.js';
import type { ChangeKind } from './classify.js';
import { lineAt, lineStarts } from '../util/line-starts.js';

export interface ScriptChange {
  path: string;
  kind: Extract<ChangeKind, 'script' | 'makefile' | 'package-json' | 'workflow'>;
  text: string;
  /** Lines (1-based) the change adds or modifies; undefined = every line (a new file). */
  touched?: Set<number>;
}

/** A piece of shell inside a file: its text and the line it starts on. */
export interface Snippet {
  command: string;
  line: number;
}

export async function scriptIntake(change: ScriptChange): Promise<IntakeResult> {
  const { parseShellCommand } = await import('../intake/shell/index.js');
  const warnings: string[] = [];
  const actions: PlannedAction[] = [];
  for (const snippet of snippetsOf(change, warnings)) {
    let found: PlannedAction[];
    try {
      found = await parseShellCommand(snippet.command, { kind: 'shell' }, { afterUnseenSteps: true });
    } catch (error) {
      warnings.push(`${change.path}:${snippet.line}: shell analysis failed: ${error instanceof Error ? error.message : String(error)}`);
      continue;
    }
    for (const action of found) {
      if (action.operation === 'read') continue;
      const line = snippet.line + (action.source.line ?? 1) - 1;
      if (change.touched && !change.touched.has(line)) continue;
      actions.push({ ...action, source: { ...action.source, kind: 'shell', file: change.path, line }, details: { ...action.details, ciFileKind: change.kind } });
    }
  }
  return { kind: 'shell', file: change.path, actions, warnings };
}

export function snippetsOf(change: Pick<ScriptChange, 'kind' | 'text' | 'path'>, warnings: string[] = []): Snippet[] {
  switch (change.kind) {
    case 'script':
      return [{ command: change.text, line: 1 }];
    case 'makefile':
      return makefileRecipes(change.text);
    case 'package-json':
      return packageScripts(change.text, change.path, warnings);
    case 'workflow':
      return workflowRuns(change.text, change.path, warnings);
  }
}

function makefileRecipes(text: string): Snippet[] {
  const snippets: Snippet[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i].startsWith('\t')) continue;
    const start = i;
    let command = lines[i].slice(1);
    while (command.endsWith('\\') && i + 1 < lines.length) command = command.slice(0, -1) + ' ' + lines[++i].replace(/^\t/, '');
    command = command.replace(/^[@+-]+/, '').replace(/\$\(([A-Za-z_]\w*)\)/g, '$$$1').replace(/\$\$/g, '$');
    if (command.trim()) snippets.push({ command, line: start + 1 });
  }
  return snippets;
}

function packageScripts(text: string, path: string, warnings: string[]): Snippet[] {
  let scripts: unknown;
  try {
    scripts = (JSON.parse(text) as { scripts?: unknown }).scripts;
  } catch (error) {
    warnings.push(`${path}: not valid JSON (${(error as Error).message}); its scripts were not checked`);
    return [];
  }
  if (!scripts || typeof scripts !== 'object') return [];
  const lines = text.split('\n');
  return Object.entries(scripts as Record<string, unknown>)
    .filter((entry): entry is [string, string] => typeof entry[1] === 'string')
    .map(([name, command]) => {
      const index = lines.findIndex((l) => l.includes(JSON.stringify(name)) && l.includes(':'));
      return { command, line: index >= 0 ? index + 1 : 1 };
    });
}

function workflowRuns(text: string, path: string, warnings: string[]): Snippet[] {
  const document = parseDocument(text, { keepSourceTokens: false });
  if (document.errors.length) {
    warnings.push(`${path}: YAML error (${document.errors[0].message}); its run steps were not checked`);
    return [];
  }
  const lineOf = lineIndex(text);
  const snippets: Snippet[] = [];
  const visit = (node: Node | null | undefined): void => {
    if (isMap(node)) {
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : '';
        const value = pair.value as Node | null;
        if ((key === 'run' || key === 'script') && isScalar(value) && typeof value.value === 'string' && value.range) {
          const raw = text.slice(value.range[0], value.range[1]);
          // A block scalar (| or >) starts on the line after its indicator.
          const offset = /^[|>]/.test(raw) ? 1 : 0;
          snippets.push({ command: value.value, line: lineOf(value.range[0]) + offset });
        } else if ((key === 'script' || key === 'commands') && isSeq(value)) {
          for (const item of value.items) {
            if (isScalar(item) && typeof item.value === 'string' && item.range) snippets.push({ command: item.value, line: lineOf(item.range[0]) });
          }
        } else visit(value);
      }
    } else if (isSeq(node)) for (const item of node.items) visit(item as Node);
  };
  visit(document.contents as Node);
  return snippets;
}

function lineIndex(text: string): (offset: number) => number {
  const starts = lineStarts(text);
  return (offset) => lineAt(starts, offset) + 1;
}
