// rm, shred, unlink, find -delete / -exec, dd of=/dev/..., mkfs, truncate, `> /dev/sda`.
import { existsSync, realpathSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import type { Evidence, Reversibility } from '../../../model.js';
import type { PlannedAction } from '../../types.js';
import { commandEvidence, makeAction, toolName, XARGS_PLACEHOLDER, type RecognisedCommand, type Recogniser } from '../command.js';
import { parseOptions } from '../options.js';
import { analysePath, type PathAnalysis } from '../paths.js';
import type { SimpleCommand, Word } from '../syntax.js';
import { literalWord } from '../unwrap.js';
import { deletedThroughMoves } from '../moves.js';
import { editBackupAt } from '../edit-backups.js';
import { HOME_TOOL_CACHES } from '../../../knowledge/home-caches.js';
import { emptiesEachMatch } from '../emptied-files.js';
import { FIND_OTHER_ACTIONS, findMatches, findStart, madeFiles, mayMakeFiles } from '../find-matches.js';

/** Dangers that make a recursive delete irreversible on their own. */
const IRREVERSIBLE_WHEN_RECURSIVE = new Set(['home', 'root', 'system', 'unbounded-glob', 'variable', 'workspace-root']);
const ENVIRONMENT_WIDE = new Set(['home', 'root', 'system', 'workspace-root']);
const BLOCK_DEVICE = /^\/dev\/(sd|hd|vd|xvd|nvme|disk|rdisk|mmcblk|md\d|dm-|mapper\/|loop)/;

/** `rm -rf $(find . -name __pycache__)`: the operand is find's output, so the delete is find's matches:
 *  judged as `find ... -exec rm {} +` (the walk has judged the find itself, in its substitution). */
const FIND_OUTPUT = /^(?:\$\((find\s[^()`$;|&<>]*)\)|`(find\s[^()`$;|&<>]*)`)$/;

/** `find ... | xargs rm -f`: the paths xargs appends are what the find prints (a pipe with nothing else in it). */
const FIND_PRODUCER = /^find\s[^()`$;|&<>]*$/;
const FIND_ACTION_IN_TEXT = new RegExp(`\\s-(${FIND_OTHER_ACTIONS.join('|')})\\b`);

export const rm: Recogniser = async (cmd) => {
  const found = cmd.words.slice(1).map((w) => (w.substitutions.length === 1 ? FIND_OUTPUT.exec(w.value.trim()) : null));
  const flags = cmd.words.slice(1).filter((w) => w.value.startsWith('-')).map((w) => w.value);
  if (found.some(Boolean) && found.filter(Boolean).length === 1) {
    const at = found.findIndex(Boolean);
    const inner = (found[at]![1] ?? found[at]![2]).trim();
    const rest = cmd.words.slice(1).filter((w, i) => i !== at && !w.value.startsWith('-'));
    if (!rest.length && !FIND_ACTION_IN_TEXT.test(inner)) {
      // An unquoted substitution is split at blanks: a match with a blank in its name gives rm other paths.
      const split = !cmd.words[at + 1].raw.startsWith('"');
      return cmd.nested(`${inner} -exec rm ${flags.join(' ')} {} +`, { evidence: [commandEvidence(`deletes what \`${inner}\` prints${split ? `, ${SPLIT_WHY}` : ''}`, split ? SPLIT_NAMES : 'path', inner)] });
    }
  }
  const producer = cmd.argsFromStdin && cmd.stdin.kind === 'opaque' ? cmd.stdin.producer?.trim() : undefined;
  const onlyAppended = cmd.words.slice(1).every((w) => w.value.startsWith('-') || w.value === XARGS_PLACEHOLDER) && cmd.words.at(-1)?.value === XARGS_PLACEHOLDER;
  if (producer && FIND_PRODUCER.test(producer) && onlyAppended && !FIND_ACTION_IN_TEXT.test(` ${producer}`)) {
    const nul = /\s-print0(\s|$)/.test(producer);
    const inner = producer.replace(/\s-print0?(?=\s|$)/g, '');
    // xargs without -0 splits its input at blanks and reads quotes: names with them become other paths.
    return cmd.nested(`${inner} -exec rm ${flags.filter((f) => f !== XARGS_PLACEHOLDER).join(' ')} {} +`, {
      evidence: [commandEvidence(`deletes what \`${producer}\` prints, given to rm by xargs${nul ? '' : `; ${SPLIT_WHY}`}`, nul ? 'xargs' : SPLIT_NAMES, producer)],
    });
  }
  return rmOperands(cmd);
};

/** Evidence key: the matches reach rm split at blanks (and, through xargs, quotes): placement checks their names. */
export const SPLIT_NAMES = 'split-names';
const SPLIT_WHY = 'names are split at blanks and quotes, so a match whose name has one would give rm other paths';

function rmOperands(cmd: Parameters<Recogniser>[0]): ReturnType<Recogniser> {
  const args = cmd.words.slice(1);
  let recursive = false;
  let force = false;
  const flagEvidence: Evidence[] = [];
  const operands: Word[] = [];
  let endOfOptions = false;
  for (const w of args) {
    const a = w.value;
    if (!endOfOptions && a === '--') { endOfOptions = true; continue; }
    if (!endOfOptions && a.startsWith('--')) {
      if (a === '--recursive') recursive = true;
      if (a === '--force') force = true;
      if (a === '--no-preserve-root') flagEvidence.push(commandEvidence('--no-preserve-root disables the guard against deleting /', a));
      continue;
    }
    if (!endOfOptions && a.startsWith('-') && a.length > 1) {
      if (/[rR]/.test(a)) recursive = true;
      if (a.includes('f')) force = true;
      continue;
    }
    operands.push(w);
  }
  if (recursive) flagEvidence.push(commandEvidence('recursive delete: removes every file below each path', '-r'));
  if (force) flagEvidence.push(commandEvidence('forced: no confirmation and no error for missing files', '-f'));
  const verb = `rm${recursive || force ? ' -' + (recursive ? 'r' : '') + (force ? 'f' : '') : ''}`;
  return deletePaths(cmd, operands, { verb, tool: 'rm', recursive, flagEvidence });
}

export const shred: Recogniser = (cmd) => {
  const p = parseOptions(cmd.argv.slice(1), { clusters: true, withArgument: new Set(['-n', '-s', '--iterations', '--size', '--random-source']) });
  const removes = p.values.has('-u') || p.values.has('--remove');
  return p.positionals.map((path) => fileAction(cmd, literalWordFrom(cmd, path), {
    operation: removes ? 'delete' : 'update',
    verb: removes ? 'shred -u' : 'shred',
    tool: 'shred',
    reversibility: 'irreversible',
    evidence: [commandEvidence('shred overwrites the file contents so they cannot be recovered', 'shred')],
  }));
};

export const unlink: Recogniser = (cmd) => deletePaths(cmd, cmd.words.slice(1).filter((w) => !w.value.startsWith('-')), { verb: 'unlink', tool: 'unlink', recursive: false, flagEvidence: [] });

/** truncate is a file write like any other: judged by where the file lies (file-writes.ts). */
export const truncate: Recogniser = () => [];

/** dd over a block device destroys a filesystem; dd into a file is a file write (file-writes.ts). */
export const dd: Recogniser = (cmd) => {
  const of = cmd.argv.slice(1).find((a) => a.startsWith('of='))?.slice(3);
  if (!of || !BLOCK_DEVICE.test(of)) return [];
  return [fileAction(cmd, literalWordFrom(cmd, of), {
    operation: 'delete', verb: 'dd', tool: 'dd', reversibility: 'irreversible',
    evidence: [commandEvidence(`dd writes raw data over the block device ${of}: its filesystem is destroyed`, 'of', of)],
  })];
};

export const mkfs: Recogniser = (cmd) => {
  const name = toolName(cmd.argv[0]);
  const device = cmd.argv.slice(1).filter((a) => !a.startsWith('-')).pop();
  if (!device) return [];
  return [fileAction(cmd, literalWordFrom(cmd, device), {
    operation: 'delete', verb: name, tool: name, reversibility: 'irreversible',
    evidence: [commandEvidence(`${name} creates a new filesystem (or wipes signatures) on ${device}: existing data is lost`, 'device', device)],
  })];
};

const FIND_OPTIONS_WITH_ARGUMENT = new Set(['-name', '-iname', '-path', '-ipath', '-regex', '-iregex', '-type', '-maxdepth', '-mindepth',
  '-mtime', '-mmin', '-atime', '-amin', '-ctime', '-cmin', '-newer', '-size', '-user', '-group', '-perm', '-wholename', '-iwholename',
  '-printf', '-fprintf', '-fprint', '-fprint0', '-fls', '-links', '-inum', '-samefile', '-fstype', '-used', '-uid', '-gid', '-lname', '-ilname']);
const FIND_FILTERS = new Set(['-name', '-iname', '-path', '-ipath', '-regex', '-iregex', '-newer', '-mtime', '-mmin', '-size', '-wholename', '-iwholename', '-inum', '-samefile', '-user', '-perm', '-lname']);
const FIND_EXEC = new Set(['-exec', '-execdir', '-ok', '-okdir']);

export const find: Recogniser = async (cmd) => {
  const args = cmd.words.slice(1);
  const roots: Word[] = [];
  const start = findStart(args.map((w) => w.value));
  let i = start.index;
  while (i < args.length && !args[i].value.startsWith('-') && args[i].value !== '(' && args[i].value !== '!') roots.push(args[i++]);
  if (!roots.length) roots.push(literalWord('.'));
  const exprStart = i;
  const filters: string[] = [];
  const names: string[] = [];
  const paths: string[] = [];
  const actions: PlannedAction[] = [];
  // `! -name '*.txt' -delete`, `-name x -o -type f -delete`: the names do not bound what is deleted.
  const unbounded = unboundedByNames(args.slice(i).map((w) => w.value));
  for (; i < args.length; i++) {
    const a = args[i].value;
    // A negated test only leaves matches out: the others bound what is deleted (a superset).
    const kept = !unbounded && !(i > 0 && (args[i - 1].value === '!' || args[i - 1].value === '-not'));
    if (FIND_FILTERS.has(a) && kept) filters.push(`${a} ${args[i + 1]?.value ?? ''}`);
    if ((a === '-name' || a === '-iname') && args[i + 1] && kept) names.push(args[i + 1].value);
    if ((a === '-path' || a === '-ipath' || a === '-wholename' || a === '-iwholename') && args[i + 1] && kept) paths.push(args[i + 1].value);
    if (a === '-delete') {
      actions.push(...findDeletes(cmd, roots, filters, names, paths, 'find -delete', unbounded));
      continue;
    }
    if (FIND_EXEC.has(a)) {
      let j = i + 1;
      const inner: string[] = [];
      while (j < args.length && args[j].value !== ';' && args[j].value !== '+') inner.push(args[j++].value);
      const innerTool = toolName(inner[0] ?? '');
      // `-exec rm -rf {} /srv/data ;` deletes another path besides each match: judged as the command it is.
      const deletesEachMatch = ((innerTool === 'rm' || innerTool === 'unlink') && onlyTheMatch(inner)) || emptiesEachMatch(inner);
      if (deletesEachMatch && (names.length || paths.length)) {
        // find ... -exec rm {} ;  is find -delete with the same filters; so is emptying each match (`-exec truncate -s 0 {} +`).
        actions.push(...findDeletes(cmd, roots, filters, names, paths, `find ${a} ${innerTool === 'rm' || innerTool === 'unlink' ? 'rm' : innerTool}`));
        i = j;
        continue;
      }
      if (deletesEachMatch && unbounded) {
        actions.push(...findDeletes(cmd, roots, filters, names, paths, `find ${a} ${innerTool}`, unbounded));
        i = j;
        continue;
      }
      const matched = a === '-exec' && j === args.length - 1 && !start.followsLinks ? await onEachMatch(cmd, roots, args.slice(exprStart, i).map((w) => w.value), inner, args[j]?.value === '+') : undefined;
      if (matched) {
        actions.push(...matched);
        i = j;
        continue;
      }
      const root = roots[0].value.replace(/\/+$/, '') || '/';
      const evidence = [commandEvidence(`run by find ${a} for each match under ${roots.map((r) => r.value).join(' ')}${filters.length ? ` (${filters.join(' ')})` : ''}`, a)];
      const each = inner.map((w) => (w === '{}' ? `${root === '/' ? '' : root}/{}` : w)).map(shellQuote).join(' ');
      actions.push(...(await cmd.nested(each, { evidence })));
      // Without a name or path test (or -mindepth), find's first match is the start path itself.
      if (inner.includes('{}') && !names.length && !paths.length && !startPathSkipped(args.map((w) => w.value))) {
        const itself = inner.map((w) => (w === '{}' ? root : w)).map(shellQuote).join(' ');
        actions.push(...(await cmd.nested(itself, { evidence: [...evidence, commandEvidence(`nothing leaves out the start path ${root}: it is the first match`, a)] })));
      }
      i = j;
      continue;
    }
    if (FIND_OPTIONS_WITH_ARGUMENT.has(a)) i++;
  }
  return actions;
};

const FD_WITH_ARGUMENT = new Set(['-e', '--extension', '-t', '--type', '-E', '--exclude', '-d', '--max-depth', '--min-depth', '--exact-depth', '-S', '--size',
  '--changed-within', '--changed-before', '--change-newer-than', '--change-older-than', '--newer', '--older', '-o', '--owner', '--base-directory', '--path-separator',
  '-j', '--threads', '--max-results', '-c', '--color', '--ignore-file', '--search-path', '--format', '--batch-size', '--and', '--max-buffer-time', '--exec', '-x', '--exec-batch', '-X']);

/**
 * `fd PATTERN PATH -x CMD` / `-X CMD` (fd, fdfind): CMD runs for each match (or once for all of them),
 * judged as `find PATH -exec CMD` is when its matches are not worked out: each placeholder (`{}`,
 * `{/}`, `{//}`, `{.}`, `{/.}`; `{}` appended when CMD has none) is a file under PATH.
 */
export const fd: Recogniser = async (cmd) => {
  const args = cmd.argv.slice(1);
  const positionals: string[] = [];
  const roots: string[] = [];
  const actions: PlannedAction[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const exec = /^(-x|--exec|-X|--exec-batch)(?:=(.*))?$/.exec(a);
    if (exec) {
      const inner: string[] = exec[2] !== undefined ? [exec[2]] : [];
      let j = i + 1;
      while (j < args.length && args[j] !== ';') inner.push(args[j++]);
      i = j;
      if (!inner.length) continue;
      const under = [...roots, ...positionals.slice(1)];
      const root = (under[0] ?? '.').replace(/\/+$/, '') || '/';
      const each = inner.some((w) => /\{(?:\/?\.?|\/\/)\}/.test(w)) ? inner : [...inner, '{}'];
      const text = each.map((w) => w.replace(/\{(?:\/?\.?|\/\/)\}/g, `${root === '/' ? '' : root}/{}`)).map(shellQuote).join(' ');
      actions.push(...(await cmd.nested(text, { evidence: [commandEvidence(`run by fd ${exec[1]} for each match under ${under.join(' ') || '.'}`, exec[1])] })));
      continue;
    }
    if (a === '--search-path') { if (args[i + 1] !== undefined) roots.push(args[++i]); continue; }
    if (a.startsWith('--search-path=')) { roots.push(a.slice(14)); continue; }
    if (a === '--') { positionals.push(...args.slice(i + 1)); break; }
    if (a.startsWith('-') && a.length > 1) { if (FD_WITH_ARGUMENT.has(a)) i++; continue; }
    positionals.push(a);
  }
  return actions;
};

/** `find docs -name '*.py' -exec python {} \;`: the command judged with each file find finds now (one
 *  command for all of them with `+`), when nothing earlier in the line could have made or moved files and
 *  the matches are worked out (find-matches.ts). A command that may make files could make one find goes
 *  on to find (or change what a later match holds), and so may a file that appears before the line runs
 *  when find finds nothing now: undefined, judged as before. */
async function onEachMatch(cmd: RecognisedCommand, roots: Word[], expr: string[], inner: string[], batched: boolean): Promise<PlannedAction[] | undefined> {
  if (!cmd.firstToTouchFiles || !inner.length || (batched && inner.at(-1) !== '{}')) return undefined;
  const found = findMatches(cmd, roots, expr);
  // Nothing found now is no promise for when the line runs (a test run writes *.pyc as it goes).
  if (!found?.printed.length) return undefined;
  const under = roots.map((r) => r.value).join(' ');
  const runs = batched
    ? [{ text: [...inner.slice(0, -1), ...found.printed].map(shellQuote).join(' '), what: `the ${found.printed.length} files it finds under ${under} now` }]
    : found.printed.map((m) => ({ text: inner.map((w) => w.split('{}').join(m)).map(shellQuote).join(' '), what: `${m}, one of the ${found.printed.length} files it finds under ${under} now` }));
  if (runs.some((run) => mayMakeFiles(run.text))) return undefined;
  const before = new Set(cmd.files.keys());
  const actions: PlannedAction[] = [];
  for (const run of runs) actions.push(...(await cmd.nested(run.text, { evidence: [commandEvidence(`run by find -exec for ${run.what}`, '-exec')] })));
  return madeFiles(cmd.files, before) ? undefined : actions;
}

/**
 * find ROOT -name X -delete: only the matches go. Inside the workspace, placement checks them
 * against git and the regenerable names; elsewhere (or without a name filter) it is a delete of
 * the root like rm.
 */
function findDeletes(cmd: RecognisedCommand, roots: Word[], filters: string[], names: string[], paths: string[], verb: string, unbounded?: string): PlannedAction[] {
  if (!names.length && !paths.length) {
    const evidence = unbounded ? [commandEvidence(`${unbounded}: the files it deletes are not bounded by a name or path`, 'filter')]
      : filters.length
      ? [commandEvidence(`limited to matches of ${filters.join(' ')}`, 'filter')]
      : [commandEvidence('find -delete without a name/path filter removes everything below the start path', '-delete')];
    return deletePaths(cmd, roots, { verb, tool: 'find', recursive: filters.length === 0, flagEvidence: evidence });
  }
  return roots.flatMap((w) => {
    const root = analysePath(w, cmd.env, cmd.cwd, cmd.workspace, cmd.container);
    const inWorkspace = root.withinWorkspace || root.danger === 'workspace-root' && root.location === 'workspace';
    if (!inWorkspace) return deletePaths(cmd, [w], { verb, tool: 'find', recursive: false, flagEvidence: [commandEvidence(`limited to matches of ${filters.join(' ')}`, 'filter')] });
    return [makeAction(cmd, {
      operation: 'delete', verb, tool: 'find',
      target: { type: 'fs:path', id: `${w.value} (${filters.join(' ')})` },
      scope: 'resource',
      evidence: [commandEvidence(`deletes the files under ${w.value} that match ${filters.join(' ')}`, 'filter'), ...root.evidence.filter((e) => e.key !== 'path' || !/whole working directory/.test(e.message))],
      details: { withinWorkspace: true, ...(root.absolute ? { path: root.absolute } : {}), findFilter: { names, paths, ...(cmd.evidence.some((e) => e.key === SPLIT_NAMES) ? { splitNames: true } : {}), ...(filters.some((f) => /^-i(name|path|wholename) /.test(f)) ? { caseless: true } : {}) }, guardChecked: true, ...(nothingToDelete(cmd, root) ? { absent: true } : {}) },
    })];
  });
}

/** `-mindepth N` (N >= 1), or a `-type` that leaves out folders, keeps find from matching its start folders.
 *  (A start path that is a file is judged through `ROOT/{}` all the same: it lies below nothing else.) */
function startPathSkipped(expr: readonly string[]): boolean {
  const depth = expr.indexOf('-mindepth');
  if (depth >= 0 && Number(expr[depth + 1]) >= 1) return true;
  const type = expr.indexOf('-type');
  return type >= 0 && expr[type - 1] !== '!' && expr[type - 1] !== '-not' && !!expr[type + 1] && !expr[type + 1]!.includes('d');
}

/** `rm -rf {}`, `rm -f -- {}`: the operands are the match and nothing else. */
function onlyTheMatch(argv: readonly string[]): boolean {
  const operands: string[] = [];
  let ended = false;
  for (const a of argv.slice(1)) {
    if (!ended && a === '--') ended = true;
    else if (ended || !a.startsWith('-')) operands.push(a);
  }
  return operands.length > 0 && operands.every((a) => a === '{}');
}

const NAME_TESTS = new Set(['-name', '-iname', '-path', '-ipath', '-wholename', '-iwholename', '-regex', '-iregex']);

/**
 * Why find's name and path tests do not bound its matches, or undefined when they do: each alternative
 * (`-o`) of the expression must have a name or path test that is not negated (`-name x -o -type f`
 * and `! -name '*.txt'` match files of any name); a negated group (`! \( ... \)`) is not worked out.
 */
function unboundedByNames(expr: readonly string[]): string | undefined {
  const alternatives: { positive: boolean }[] = [{ positive: false }];
  for (let k = 0; k < expr.length; k++) {
    const a = expr[k]!;
    const negated = k > 0 && (expr[k - 1] === '!' || expr[k - 1] === '-not');
    if (negated && a === '(') return `${expr[k - 1]} ( negates a group of tests`;
    if (a === '-o' || a === '-or' || a === ',') alternatives.push({ positive: false });
    else if (NAME_TESTS.has(a) && !negated) alternatives.at(-1)!.positive = true;
    if (FIND_OPTIONS_WITH_ARGUMENT.has(a)) k++;
  }
  if (alternatives.some((alt) => !alt.positive) && expr.some((a) => NAME_TESTS.has(a))) {
    return alternatives.length > 1 ? `an alternative of \`${expr.join(' ')}\` tests no name or path` : `\`${expr.join(' ')}\` only excludes names`;
  }
  return undefined;
}

/** Writes to a block device through a redirect: `cat img > /dev/sda`. */
export function deviceRedirectActions(cmd: SimpleCommand, rc: RecognisedCommand): PlannedAction[] {
  return cmd.redirects
    .filter((r) => (r.op === '>' || r.op === '>>' || r.op === '>|' || r.op === '&>') && r.target && BLOCK_DEVICE.test(r.target.value))
    .map((r) => fileAction(rc, r.target!, {
      operation: 'delete', verb: `${r.op} ${r.target!.value}`, tool: 'shell', reversibility: 'irreversible',
      evidence: [commandEvidence(`redirects output over the block device ${r.target!.value}`, r.op)],
    }));
}

/** A file emptied or filled with noise (emptied-files.ts): judged as deleting it, since what it held is as lost. */
export function deleteContent(cmd: RecognisedCommand, w: Word, evidence: Evidence[]): PlannedAction[] {
  // `find -exec truncate -s 0 ./{} +`: each match, not a file named {}.
  return deletePaths(cmd, [w], { verb: 'empty', tool: toolName(cmd.argv[0] ?? 'shell') || 'shell', recursive: false, flagEvidence: evidence, emptying: !w.value.includes('{}') });
}

/** `emptying`: a file not on disk now holds nothing to lose, whatever ran before it on the line (`touch f && : > f`),
 *  unless the line moved something there (moves.ts, below). */
interface DeleteOptions { verb: string; tool: string; recursive: boolean; flagEvidence: Evidence[]; emptying?: boolean }

function deletePaths(cmd: RecognisedCommand, given: Word[], o: DeleteOptions): PlannedAction[] {
  // Paths xargs appends (or puts in place of a lone `{}`) are the "paths from stdin" action below.
  const fromStdin = given.some((w) => w.value === XARGS_PLACEHOLDER);
  const operands = given.filter((w) => w.value !== XARGS_PLACEHOLDER);
  const stdinAction = () => makeAction(cmd, {
    operation: 'delete', verb: o.verb, tool: o.tool, target: { type: 'fs:path', id: '(paths from stdin)' }, scope: 'unknown',
    evidence: [...o.flagEvidence, commandEvidence('the paths to delete come from stdin and are not visible', 'xargs')],
    intrinsic: o.recursive ? { reversibility: 'irreversible', evidence: [commandEvidence('recursive delete of paths that are not visible')] } : undefined,
  });
  if (!operands.length) return fromStdin || cmd.argsFromStdin ? [stdinAction()] : [];
  const one = (w: Word, cwd: string | undefined, moved: Evidence[] = [], linked = false) => {
    const p = analysePath(w, cmd.env, cwd, cmd.workspace, cmd.container);
    const irreversible = o.recursive && p.danger !== undefined && IRREVERSIBLE_WHEN_RECURSIVE.has(p.danger);
    // Emptying through a link to a file that is not there makes that file: nothing is lost.
    const absent = nothingToDelete(cmd, p, o.emptying === true && (moved.length === 0 || linked));
    const backup = editBackupOf(cmd, p);
    const cache = backup ? undefined : inToolCache(cmd, p, w.value.endsWith('/'));
    return makeAction(cmd, {
      operation: 'delete', verb: o.verb, tool: o.tool,
      target: { type: 'fs:path', id: p.path },
      scope: scopeOf(p),
      evidence: [...moved, ...o.flagEvidence, ...p.evidence, ...(backup ? [commandEvidence(backup, 'backup', p.path)] : []), ...(cache ? [commandEvidence(cache, 'cache', p.path)] : [])],
      intrinsic: irreversible ? { reversibility: 'irreversible', evidence: [commandEvidence(`recursive delete of ${describeDanger(p)}: files are not recoverable`), ...p.evidence] } : undefined,
      details: pathDetails(p, { recursive: o.recursive, ...(absent ? { absent: true } : {}), ...(backup ? { editBackup: backup } : {}), ...(cache ? { toolCache: cache } : {}) }),
    });
  };
  return [...(fromStdin ? [stdinAction()] : []), ...operands.flatMap((w) => {
    // What the line moved into the path (or linked it to) before this delete is deleted too (moves.ts).
    const resolved = analysePath(w, cmd.env, cmd.cwd, cmd.workspace, cmd.container).path;
    const { reached, replaces } = w.substitutions.length ? { reached: [], replaces: false } : deletedThroughMoves(cmd.files, resolved, cmd.cwd, cmd.workspace, cmd.env, o.emptying === true);
    const through = reached.map((r) => one(literalWord(r.path), r.cwd, [commandEvidence(r.why, 'moved', r.path)], r.linked === true));
    return replaces ? through : [one(w, cmd.cwd), ...through];
  })];
}

/** A workspace path nothing is at when the hook runs, in a line where nothing before could have made it:
 *  the delete removes nothing. Not for nested text (a container, a host, a script), whose files are not
 *  the ones on this disk or may be made by what ran first. */
function nothingToDelete(cmd: RecognisedCommand, p: PathAnalysis, anyLine = false): boolean {
  return (anyLine || (cmd.firstToTouchFiles === true && cmd.files.size === 0)) && p.withinWorkspace && p.absent === true && p.danger === undefined && !cmd.hints.endpoint && !cmd.argsFromStdin;
}

/** The backup an in-place edit earlier in the line makes (edit-backups.ts), when nothing is at the path
 *  now: the delete removes only that copy. Not on another host, nor for paths xargs appends. */
function editBackupOf(cmd: RecognisedCommand, p: PathAnalysis): string | undefined {
  if (p.absent !== true || p.danger !== undefined || p.absolute === undefined || cmd.hints.endpoint || cmd.argsFromStdin) return undefined;
  const made = editBackupAt(cmd.files, p.absolute, cmd.workspace);
  return made && `${p.path} is the backup \`${made.how}\` makes of ${made.of} earlier in this command (nothing is there now): deleting it leaves ${made.of} as the edit without a backup would`;
}

/** A path inside a tool's download cache in the home folder (knowledge/home-caches.ts), on this machine. */
function inToolCache(cmd: RecognisedCommand, p: PathAnalysis, throughLink: boolean): string | undefined {
  const home = process.env.HOME;
  if (!home || p.location !== 'home' || p.danger !== undefined || p.absolute === undefined || cmd.hints.endpoint || cmd.argsFromStdin) return undefined;
  const rel = relative(home, p.absolute);
  const cache = HOME_TOOL_CACHES.find((c) => rel.startsWith(`${c.path}/`) && !rel.split('/').includes('..'));
  if (!cache) return undefined;
  // A link on the way (the cache folder, a folder in it, or the path itself with a trailing `/`) leads elsewhere.
  const real = (path: string): string | undefined => { try { return realpathSync(path); } catch { return existsSync(dirname(path)) || dirname(path) === path ? undefined : real(dirname(path)); } };
  const root = join(home, cache.path);
  const where = real(throughLink ? p.absolute : dirname(p.absolute));
  const rootReal = real(root);
  if (where !== undefined && rootReal !== undefined && !(where === rootReal || where.startsWith(`${rootReal}/`))) return undefined;
  if (where !== undefined && rootReal === undefined) return undefined;
  return `${p.path} is inside ~/${cache.path}, which holds ${cache.holds}: the tool fetches or makes it again`;
}

/** What placement (predict/workspace-files.ts) and the guard read from a file action. */
function pathDetails(p: PathAnalysis, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    withinWorkspace: p.withinWorkspace,
    // The per-command guard pass (guard-files.ts) has judged this command's files already.
    guardChecked: true,
    ...extra,
    ...(p.danger ? { danger: p.danger } : {}),
    // A glob's absolute pattern: placement judges the folder it empties.
    ...(p.absolute ? { path: p.absolute } : p.pattern && p.withinWorkspace ? { path: p.pattern } : {}),
    ...(p.location ? { location: p.location } : {}),
    ...(p.location === 'scratch' && !p.danger ? { scratch: true } : {}),
    ...(p.boundedBy ? { boundedBy: p.boundedBy } : {}),
  };
}

interface FileActionSpec { operation: 'delete' | 'update'; verb: string; tool: string; reversibility: Reversibility; evidence: Evidence[] }

function fileAction(cmd: RecognisedCommand, w: Word, s: FileActionSpec): PlannedAction {
  const p = analysePath(w, cmd.env, cmd.cwd, cmd.workspace, cmd.container);
  return makeAction(cmd, {
    operation: s.operation, verb: s.verb, tool: s.tool, target: { type: 'fs:path', id: p.path }, scope: scopeOf(p),
    evidence: [...s.evidence, ...p.evidence],
    intrinsic: s.reversibility === 'unknown' ? undefined : { reversibility: s.reversibility, evidence: s.evidence },
    details: pathDetails(p),
  });
}

function scopeOf(p: PathAnalysis): 'resource' | 'environment' | 'unknown' {
  if (p.danger && ENVIRONMENT_WIDE.has(p.danger)) return 'environment';
  if (p.danger) return 'unknown';
  return p.evidence.some((e) => e.key === 'glob') && !p.withinWorkspace && p.location !== 'scratch' ? 'unknown' : 'resource';
}

function describeDanger(p: PathAnalysis): string {
  switch (p.danger) {
    case 'home': return `the home directory (${p.path})`;
    case 'root': return `the filesystem root (${p.path})`;
    case 'system': return `a system directory (${p.path})`;
    case 'workspace-root': return `the whole working directory (${p.path})`;
    case 'variable': return `a path that depends on a run-time value (${p.path}${p.unknownWhy ? `: ${p.unknownWhy}` : ''})`;
    default: return `an unbounded glob (${p.path})`;
  }
}

function literalWordFrom(cmd: RecognisedCommand, value: string): Word {
  return cmd.words.find((w) => w.value === value) ?? literalWord(value);
}

function shellQuote(s: string): string {
  return /^[A-Za-z0-9_./{}=:,@%+-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}
