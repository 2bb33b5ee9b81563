// `invoke clean`, `fab deploy`, `doit`, `gulp clean`, `grunt`, `jake`, `cake`, `brunch build`: task runners
// whose task file is code (knowledge/task-files.ts). The runner imports the whole file before it runs a task,
// so the file is read as the script it is (`python3 tasks.py`, `node gulpfile.js`: the readers judge every
// function in it, which is also how they read a module a script imports); the calls a task makes on the
// context it is given (`c.run('rm -rf x')`, `c.sudo`, `c.local`) and doit's action strings are the shell
// commands they say, and one built at run time is unknown. A task file that cannot be found or read, or is
// in a language Firebreak does not read (CoffeeScript), is unknown. Wave 17.
import { basename, dirname, join } from 'node:path';
import { TASK_FILE_RUNNER_ALIASES, TASK_FILE_RUNNERS, type TaskFileRunner } from '../../../knowledge/task-files.js';
import type { PlannedAction } from '../../types.js';
import { commandEvidence, toolName, type Recogniser, type RecognisedCommand } from '../command.js';
import { quoteWord } from '../unwrap.js';
import { cannotFollow } from './follow.js';
import { asCwd, findUpward, firstExisting, readProjectFile, runDirectory } from './project.js';
import { unmodelledProgram } from '../unmodelled-program.js';

export const codeTasks: Recogniser = async (rc) => {
  const tool = toolName(rc.argv[0] ?? '');
  const spec = TASK_FILE_RUNNERS[TASK_FILE_RUNNER_ALIASES[tool] ?? tool];
  if (!spec) return [];
  const args = rc.argv.slice(1);
  let file: string | undefined;
  let dir: string | undefined;
  let module: string | undefined;
  const words: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') break;
    const eq = a.startsWith('--') ? a.indexOf('=') : -1;
    const option = eq > 0 ? a.slice(0, eq) : a;
    const value = () => (eq > 0 ? a.slice(eq + 1) : args[++i]);
    if (spec.fileOptions?.includes(option)) { file = value(); continue; }
    if (spec.dirOptions?.includes(option)) { dir = value(); continue; }
    if (spec.moduleOptions?.includes(option)) { module = value(); continue; }
    if (spec.valued?.includes(option)) { if (eq < 0) i++; continue; }
    if (a.startsWith('-')) { if (spec.informational.includes(option) && !words.length) return []; continue; }
    words.push(a);
  }
  if (words.length && spec.informational.includes(words[0]!)) return [];
  const folder = runDirectory(rc, dir);
  if (!folder.ok) return [cannotFollow(rc, `${tool} runs the project's task file, but ${folder.why}`)];
  const names = file !== undefined ? [file] : module !== undefined ? [`${module}.py`, `${module}/__init__.py`] : spec.files;
  // The runners look from the folder upward (invoke, fab, gulp, grunt, jake); with none found they run no task.
  const found = file !== undefined ? join(folder.value, file) : findUpward(folder.value, (at) => firstExisting(rc, at, names));
  // `fab -H host -- ls`, `gulp --version` with no gulpfile: what the program does without a task file.
  if (found === undefined) return unmodelledProgram(tool, rc);
  const read = readProjectFile(rc, found);
  if (!read.ok) return [cannotFollow(rc, `${tool} runs its task file, and ${read.why}`)];
  const shown = read.value.shown;
  const language = spec.language(basename(found));
  if (language === 'unread') return [cannotFollow(rc, `${tool} runs ${shown}, code in a language Firebreak does not read: what its tasks do is not visible`)];
  const evidence = [commandEvidence(`${tool} imports ${shown} and runs its tasks${words.length ? ` (${words.join(' ')})` : ''}: read as the script it is`, 'task file', shown)];
  const cwd = asCwd(rc, dirname(found));
  const runner = language === 'python' ? 'python3' : language === 'typescript' ? 'tsx' : 'node';
  const out: PlannedAction[] = [...(await rc.nested(`${runner} ${quoteWord(basename(found))}`, { cwd, evidence }))];
  // `fab -H host clean -- rm -rf x`: the command after `--` runs too.
  if (args.includes('--')) out.push(...(await unmodelledProgram(tool, rc)));
  if (language === 'python' && spec.contextCalls) {
    const tasks = words.filter((w) => !w.startsWith('-') && !w.includes('='));
    // A task argument given on this line is pasted into the text before the shell reads it (`invoke test -k '1; rm -rf x'`).
    const pasted = args.find((a) => /[;|&$`()<>\n]/.test(a));
    out.push(...(await contextCalls(rc, read.value.text, shown, cwd, evidence, tasks, pasted)));
  }
  if (language === 'python' && spec.actionLists) out.push(...(await actionStrings(rc, read.value.text, shown, cwd, evidence)));
  return out;
};

/** The lines of the named tasks' functions, the functions they call in the same file and their pre/post
 *  tasks; every line when no task is named or one is not found as a function (a renamed task, a collection). */
function taskLines(lines: readonly string[], tasks: readonly string[]): Set<number> | undefined {
  if (!tasks.length) return undefined;
  const defs = new Map<string, { start: number; end: number }>();
  for (const [i, line] of lines.entries()) {
    const m = /^(\s*)(?:async\s+)?def\s+(\w+)\s*\(/.exec(line);
    if (!m) continue;
    const indent = m[1]!.length;
    let end = i + 1;
    while (end < lines.length && (!lines[end]!.trim() || /^\s*/.exec(lines[end]!)![0].length > indent || /^\s*\)/.test(lines[end]!))) end++;
    // Decorators above it (`@task(pre=[clean])`) belong to it.
    let start = i;
    while (start > 0 && /^\s*@/.test(lines[start - 1]!)) start--;
    if (!defs.has(m[2]!)) defs.set(m[2]!, { start, end });
  }
  const wanted = tasks.map((t) => t.replace(/-/g, '_').split('.').pop()!);
  if (wanted.some((t) => !defs.has(t))) return undefined;
  const keep = new Set<number>();
  const queue = [...wanted];
  const seen = new Set<string>();
  while (queue.length) {
    const name = queue.shift()!;
    if (seen.has(name)) continue;
    seen.add(name);
    const d = defs.get(name)!;
    for (let i = d.start; i < d.end; i++) {
      keep.add(i);
      for (const m of lines[i]!.matchAll(/\b(\w+)\b/g)) if (defs.has(m[1]!) && !seen.has(m[1]!)) queue.push(m[1]!);
    }
  }
  return keep;
}

/** `c.run('rm -rf x')` in a function whose first parameter is the task context: the shell text it runs. */
async function contextCalls(rc: RecognisedCommand, text: string, shown: string, cwd: string, evidence: RecognisedCommand['evidence'], tasks: readonly string[], pasted?: string): Promise<PlannedAction[]> {
  const out: PlannedAction[] = [];
  const lines = text.split('\n');
  const only = taskLines(lines, tasks);
  const params = new Set<string>();
  for (const m of text.matchAll(/^\s*(?:async\s+)?def\s+\w+\s*\(\s*(\w+)/gm)) if (m[1] !== 'self' && m[1] !== 'cls') params.add(m[1]!);
  for (const m of text.matchAll(/^\s*(?:async\s+)?def\s+\w+\s*\(\s*(?:self|cls)\s*,\s*(\w+)/gm)) params.add(m[1]!);
  if (!params.size) return out;
  const call = new RegExp(`\\b(${[...params].join('|')})\\s*\\.\\s*(run|sudo|local)\\s*\\(\\s*`, 'g');
  const names = [...params].join('|');
  // `run = c.run`, `getattr(c, 'run')`, `helper(c)` of a function from another module: the context's commands are not visible.
  const handed = new RegExp(`\\b(${names})\\s*\\.\\s*(run|sudo|local)\\b(?!\\s*\\()|\\bgetattr\\s*\\(\\s*(${names})\\b|\\b(\\w+)\\s*\\(\\s*(${names})\\s*[,)]`, 'g');
  const local = new Set([...text.matchAll(/^\s*(?:async\s+)?def\s+(\w+)/gm)].map((m) => m[1]!));
  for (const [i, line] of lines.entries()) {
    if (only && !only.has(i)) continue;
    if (/^\s*(?:async\s+)?def\s/.test(line)) continue;
    for (const h of line.matchAll(handed)) {
      const fn = h[4];
      if (fn !== undefined && (local.has(fn) || /^(print|str|repr|len|isinstance|type|id|bool|hasattr)$/.test(fn))) continue;
      out.push(cannotFollow(rc, `${shown}:${i + 1} ${fn !== undefined ? `hands the task's context to ${fn}, defined elsewhere` : 'takes the context\'s command runner as a value'}: the commands it runs are not visible`, 'context'));
    }
    for (const m of line.matchAll(call)) {
      const rest = line.slice(m.index! + m[0].length);
      const shell = shellTextOf(rest);
      const where = { file: shown, line: i + 1 };
      const ev = [...evidence, commandEvidence(`${shown}:${i + 1} ${m[1]}.${m[2]}(...) runs a shell command${shell?.holes ? ` (${HOLE} stands for a part built at run time)` : ''}`, `${m[1]}.${m[2]}`, shown)];
      if (shell && shell.holes && pasted !== undefined) {
        out.push(cannotFollow(rc, `${shown}:${i + 1} ${m[1]}.${m[2]}(...) pastes a value into its command text, and this line passes ${pasted}, which the shell would read as more than a word`, `${m[1]}.${m[2]}`));
        // The text as it would read with that value pasted where the built parts are.
        out.push(...(await rc.nested(shell.text.split(HOLE).join(pasted.replace(/^--?[\w-]+=/, '')), { cwd, evidence: ev, source: where })));
      } else if (shell) {
        out.push(...(await rc.nested(shell.text, { cwd, evidence: ev, source: where })));
      } else out.push(cannotFollow(rc, `${shown}:${i + 1} ${m[1]}.${m[2]}(...) runs a shell command built at run time: what runs is not visible`, `${m[1]}.${m[2]}`));
    }
  }
  return out;
}

/** doit: the strings in a task's `'actions': [...]` list are shell commands. */
async function actionStrings(rc: RecognisedCommand, text: string, shown: string, cwd: string, evidence: RecognisedCommand['evidence']): Promise<PlannedAction[]> {
  const out: PlannedAction[] = [];
  for (const m of text.matchAll(/['"](?:actions|teardown|clean)['"]\s*:\s*(?![\s\[]|True\b|False\b)(\S+)/g)) {
    const line = text.slice(0, m.index).split('\n').length;
    out.push(cannotFollow(rc, `${shown}:${line} a task's actions are ${m[1]}, a value built elsewhere: what runs is not visible`, 'actions'));
  }
  for (const m of text.matchAll(/['"](?:actions|teardown|clean)['"]\s*:\s*\[([\s\S]*?)\]\s*[,}\n]/g)) {
    const line = text.slice(0, m.index).split('\n').length;
    const ev = [...evidence, commandEvidence(`${shown}:${line} a task's actions run as shell commands`, 'actions', shown)];
    for (const s of m[1]!.matchAll(/(^|[[,(\s])([fF]?)('|")((?:\\.|(?!\3)[^\\])*)\3/g)) {
      if (s[2] || /[{}%]/.test(s[4]!)) { out.push(cannotFollow(rc, `${shown}:${line} an action built at run time: what runs is not visible`, 'actions')); continue; }
      out.push(...(await rc.nested(s[4]!.replace(/\\(['"\\])/g, '$1'), { cwd, evidence: ev, source: { file: shown, line } })));
    }
  }
  return out;
}

/** What a part of the command built at run time becomes in the shell text judged: the output of a program
 *  nobody can see, so a path, a program name or a statement made of it is unknown. */
const HOLE = '$(task-argument)';

/** The first argument of a call as shell text: string literals (f-strings' fields and `+ name` parts become
 *  HOLE), up to the `,` or `)` that ends it; undefined when it is anything else (`.format()`, `%`, a call). */
function shellTextOf(rest: string): { text: string; holes: number } | undefined {
  let at = rest;
  let text = '';
  let holes = 0;
  for (let n = 0; n < 32; n++) {
    at = at.replace(/^\s+/, '');
    const lit = /^([rRbBuUfF]{0,2})('''|"""|'|")((?:\\.|(?!\2)[^\\])*)\2/.exec(at);
    if (lit) {
      let body = lit[3]!.replace(/\\(['"\\])/g, '$1');
      if (/[fF]/.test(lit[1]!)) {
        holes += (body.replace(/\{\{|\}\}/g, '').match(/\{[^{}]*\}/g) ?? []).length;
        body = body.replace(/\{\{/g, '\u0000').replace(/\}\}/g, '\u0001').replace(/\{[^{}]*\}/g, () => HOLE);
        if (/[{}]/.test(body)) return undefined;
        body = body.replace(/\u0000/g, '{').replace(/\u0001/g, '}');
      }
      text += body;
      at = at.slice(lit[0].length);
    } else {
      const name = /^[A-Za-z_][\w.]*(?:\[[^\]]*\])?/.exec(at);
      if (!name || /^\s*\(/.test(at.slice(name[0].length))) return undefined;
      text += HOLE;
      holes++;
      at = at.slice(name[0].length);
    }
    at = at.replace(/^\s+/, '');
    if (at.startsWith('+')) { at = at.slice(1); continue; }
    return /^[,)]/.test(at) ? { text, holes } : undefined;
  }
  return undefined;
}
