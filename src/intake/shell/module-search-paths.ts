// Folders a program searches for modules before its own library: `perl -Ilib`, PERL5LIB and PERLLIB,
// `ruby -Ilib` and RUBYLIB, NODE_PATH. A module there replaces the installed one of the same name
// for every `use`, `require` or `import` (a changed lib/strict.pm runs whenever the script says
// `use strict`), so a script Firebreak judged by reading would do something else. As with Python's
// search path (python-startup.ts, code/python-shadowing.ts), modules committed as they are are
// routine; any other (written by the agent, outside a repository) is read as code the command
// runs, and a folder known only at run time is unknown.
import { readdirSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import type { PlannedAction } from '../types.js';
import { committedClean } from '../../fast/git-status.js';
import type { CodeLanguage } from '../code/languages.js';
import { scriptPath } from '../code/source.js';
import { commandEvidence, makeAction, toolName, type RecognisedCommand } from './command.js';
import { pathContext } from './guard-files.js';
import { expandText } from './path-resolve.js';
import { BUNDLE_EXEC } from '../../knowledge/wrappers.js';
import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';

interface SearchPath { language: CodeLanguage; program: string; extensions: RegExp }
const PERL: SearchPath = { language: 'perl', program: 'perl', extensions: /\.(pm|pl)$/ };
const RUBY: SearchPath = { language: 'ruby', program: 'ruby', extensions: /\.rb$/ };
const NODE: SearchPath = { language: 'javascript', program: 'node', extensions: /\.(c|m)?js$/ };

/** Variables that put folders before a language's own library (knowledge, as data). */
export const SEARCH_PATH_VARIABLES: Readonly<Record<string, SearchPath>> = { PERL5LIB: PERL, PERLLIB: PERL, RUBYLIB: RUBY, NODE_PATH: NODE };
/** Module files looked at per folder, and how deep. */
const LIMITS = { files: 40, depth: 4, entries: 2000 };

export async function moduleSearchPathCode(rc: RecognisedCommand): Promise<PlannedAction[]> {
  const folders: { word: string; by: string; path: SearchPath }[] = [];
  for (const [name, path] of Object.entries(SEARCH_PATH_VARIABLES)) {
    const value = rc.env[name];
    if (!value) continue;
    const known = /[$`]/.test(value) ? knownValue(name, value, rc) : value;
    if (known === undefined) { folders.push({ word: value, by: `${name}=${value}`, path }); continue; }
    for (const entry of known.split(':').filter(Boolean)) folders.push({ word: entry, by: `${name}=${known}`, path });
  }
  const program = rc.argv.length ? toolName(rc.argv[0]) : '';
  const own = /^perl(\d[\d.]*)?$/.test(program) ? PERL : /^ruby(\d[\d.]*)?$/.test(program) ? RUBY : undefined;
  if (own) {
    for (let i = 1; i < rc.argv.length; i++) {
      const a = rc.argv[i];
      if (a === '--' || a === '-e' || a === '-E' || !a.startsWith('-')) break;
      // `-I DIR`, `-IDIR`, `-wIDIR` (switches cluster); ruby splits a value on `:`.
      const dirs = a === '-I' || /^-[a-zA-Z]*I$/.test(a) ? rc.argv[++i] : /^-[a-zA-HJ-Z]*I./.test(a) ? a.slice(a.indexOf('I') + 1) : undefined;
      // `perl -Mlib=dir1,dir2` is `use lib` before the script.
      const list = dirs !== undefined ? (own === RUBY ? dirs.split(':') : [dirs]) : own === PERL && /^-M-?lib=./.test(a) ? a.slice(a.indexOf('=') + 1).split(',') : [];
      for (const d of list.filter(Boolean)) folders.push({ word: d, by: `${program} ${a}${a.endsWith('I') ? ` ${dirs}` : ''}`, path: own });
    }
  }
  if (program === 'prove') folders.push(...proveFolders(rc.argv));
  if (rc.evidence.some((e) => e.message === BUNDLE_EXEC)) folders.push(...pathGemFolders(rc));
  const out: PlannedAction[] = [];
  for (const f of folders) {
    if (/[$`]/.test(f.word)) { out.push(unknownFolder(rc, f.word, f.by, f.path)); continue; }
    const folder = scriptPath(rc, f.word);
    const files = moduleFiles(folder, f.path.extensions);
    if (files === 'too many') { out.push(unknownFolder(rc, f.word, f.by, f.path, `more than ${LIMITS.files} modules there are not committed as they are`)); continue; }
    const { judgeScriptFile } = await import('../code/index.js');
    for (const file of files) {
      const rel = relative(scriptPath(rc, '.'), file);
      const shown = rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : file;
      const note = commandEvidence(`${shown} is on ${f.path.program}'s module search path (${f.by}): it replaces any module of its name for every ${f.path.program} this command starts, and it is not committed as it is`, 'module path', f.word);
      const actions = await judgeScriptFile(rc, shown, { language: f.path.language });
      out.push(...actions.map((a) => ({ ...a, evidence: [...a.evidence, note] })));
    }
  }
  return out;
}

/** Module files below `folder` that are not committed as they are; 'too many' past the limit. */
function moduleFiles(folder: string, extensions: RegExp): string[] | 'too many' {
  const out: string[] = [];
  let entries = 0;
  const walk = (dir: string, depth: number): boolean => {
    let list;
    try {
      list = readdirSync(dir, { withFileTypes: true });
    } catch {
      return true;
    }
    for (const e of list) {
      if (++entries > LIMITS.entries) return false;
      const p = join(dir, e.name);
      if (e.isDirectory()) {
        if (depth < LIMITS.depth && e.name !== 'node_modules' && !e.name.startsWith('.') && !walk(p, depth + 1)) return false;
        continue;
      }
      if (!extensions.test(e.name) || committedClean(folder, p) === true) continue;
      out.push(p);
      if (out.length > LIMITS.files) return false;
    }
    return true;
  };
  return walk(folder, 0) ? out : 'too many';
}

/** prove's own search path: `-I DIR`, `-l`/`--lib` (lib), `-b`/`--blib` (blib/lib and blib/arch). */
function proveFolders(argv: readonly string[]): { word: string; by: string; path: SearchPath }[] {
  const out: { word: string; by: string; path: SearchPath }[] = [];
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') break;
    if (a === '-I') out.push({ word: argv[++i] ?? '', by: `prove -I ${argv[i]}`, path: PERL });
    else if (/^-I./.test(a)) out.push({ word: a.slice(2), by: `prove ${a}`, path: PERL });
    else if (a === '--lib' || (/^-[a-zA-Z]+$/.test(a) && a.includes('l'))) out.push({ word: 'lib', by: `prove ${a}`, path: PERL });
    if (a === '--blib' || (/^-[a-zA-Z]+$/.test(a) && a.includes('b'))) for (const d of ['blib/lib', 'blib/arch']) out.push({ word: d, by: `prove ${a}`, path: PERL });
  }
  return out.filter((f) => f.word);
}

/** `bundle exec`: the lib folder of every path gem the Gemfile names (`gem "x", path: "vendor/x"`,
 *  `gemspec`), which bundler puts on ruby's load path; a Gemfile that cannot be read is one unknown folder. */
function pathGemFolders(rc: RecognisedCommand): { word: string; by: string; path: SearchPath }[] {
  const gemfile = rc.env.BUNDLE_GEMFILE ?? 'Gemfile';
  let text: string;
  try {
    text = readFileSync(scriptPath(rc, gemfile), 'utf8');
  } catch {
    return [];
  }
  const base = dirname(gemfile);
  const out: { word: string; by: string; path: SearchPath }[] = [];
  for (const line of text.split('\n')) {
    const code = line.replace(/#.*$/, '');
    const path = /\bpath:\s*(['"])([^'"]*)\1|:path\s*=>\s*(['"])([^'"]*)\3/.exec(code);
    const dir = path ? path[2] ?? path[4] : /^\s*gemspec\b/.test(code) ? '.' : undefined;
    if (dir === undefined) continue;
    const word = /#\{/.test(dir) ? '$(computed in the Gemfile)' : join(base, dir, 'lib');
    out.push({ word, by: `bundle exec (${gemfile}: ${code.trim().slice(0, 60)})`, path: RUBY });
  }
  return out;
}

function knownValue(name: string, written: string, rc: RecognisedCommand): string | undefined {
  const ambient = process.env[name] ?? '';
  const own = written.replace(new RegExp(`\\$\\{${name}:\\+([^{}]*?)\\$\\{?${name}\\}?([^{}]*?)\\}`, 'g'), (_, before: string, after: string) => (ambient ? `${before}${ambient}${after}` : ''))
    .replace(new RegExp(`\\$\\{${name}\\}|\\$${name}\\b`, 'g'), ambient);
  const { [name]: _self, ...vars } = rc.env;
  return expandText(own, { ...pathContext(rc), vars }).text;
}

function unknownFolder(rc: RecognisedCommand, word: string, by: string, path: SearchPath, why?: string): PlannedAction {
  return makeAction(rc, {
    operation: 'unknown',
    verb: 'load modules',
    tool: path.program,
    target: { type: 'code:script', id: word },
    scope: 'unknown',
    evidence: [commandEvidence(`${by} puts ${word} on ${path.program}'s module search path: ${why ?? 'a folder known only at run time'}, whose modules replace installed ones and which Firebreak cannot read`, 'module path', word)],
  });
}
