// A program not built yet that the project's Makefile builds from a published Go tool: `make
// install-tools` runs `go build -o internal/tools/bin/misspell github.com/client9/misspell/cmd/misspell`
// in a folder whose go.mod pins that module, and a later command runs `./internal/tools/bin/misspell
// -error README.md`. Nothing is at the path now, so the command as the agent gives it finds nothing to
// run; when the rule has run first, what is there is that tool's build. It is judged as the tool by
// its name (`misspell -error README.md`) when all of this holds:
//
// - a rule of the committed Makefile (in the command's folder or the workspace's root) has the path as
//   its target, and everything make runs for it is that one `go build -o PATH PACKAGE` (and `mkdir -p`);
// - PACKAGE is a tool Firebreak knows by its import path (GO_WELL_KNOWN_TOOLS), not any package whose
//   last element happens to be a tool's name;
// - the go.mod of the folder the build runs in requires PACKAGE's module at a version, does not
//   replace it, and is committed as it is.
//
// Anything else (a download, another package, a rule that runs more, a Makefile or go.mod with
// changes nobody committed) leaves the path as it was: a file that does not exist yet, unknown.
import { readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { execFileSync } from '../../../../util/exec-file-sync.js';
import { GO_WELL_KNOWN_TOOLS } from '../../../../knowledge/code/go.js';
import { readMakefiles } from './makefile.js';
import { plan } from './plan.js';

export interface RuleProduct {
  /** The tool Firebreak judges the program as. */
  tool: string;
  /** The published package the rule builds. */
  pkg: string;
  /** `Makefile:52 (target internal/tools/bin/misspell)`. */
  where: string;
}

const BUILD = /^(?:cd\s+(\S+)\s*&&\s*)?go\s+build\s+(?:(?:-trimpath|-v|-mod=(?:mod|readonly|vendor))\s+)*-o\s+(\S+)\s+(?:(?:-trimpath|-v)\s+)*([a-z0-9-]+(?:\.[a-z0-9-]+)+\/[A-Za-z0-9_.~/-]+)\s*$/;
const MKDIR = /^mkdir\s+-p\s+[\w./-]+(\s+[\w./-]+)*\s*$/;

/** The tool a Makefile rule builds at `full` (an absolute path that does not exist), or why not. */
export function ruleProduct(full: string, dirs: readonly string[], workspace: string): { ok: true; value: RuleProduct } | { ok: false; why: string } | undefined {
  for (const dir of new Set(dirs)) {
    const makefile = ['GNUmakefile', 'makefile', 'Makefile'].map((n) => join(dir, n)).find(isFile);
    if (!makefile) continue;
    const db = readMakefiles([makefile], {
      dir,
      read: (path) => {
        try {
          return { ok: true, value: { path, shown: relative(workspace, path) || path, text: readFileSync(path, 'utf8') } };
        } catch {
          return { ok: false, why: `cannot read ${path}`, missing: true };
        }
      },
      exists: (path) => isFile(path),
      environment: {}, commandLine: {}, goals: [], includeDirs: [], evals: [], environmentOverrides: false,
    });
    const target = [...db.explicit.keys()].find((t) => !/[$%]/.test(t) && resolve(dir, t) === full);
    if (target === undefined) continue;
    const shown = relative(workspace, full);
    const planned = plan(db, [target], { exists: (t) => isFile(resolve(dir, t)) });
    const lines = planned.lines.map((l) => l.text.trim()).filter((t) => t && !MKDIR.test(t));
    const at = planned.lines[0]?.where;
    const where = at ? `${at.file}:${at.line} (target ${target})` : `${relative(workspace, makefile)} (target ${target})`;
    if (db.problems.length || planned.problems.length) return { ok: false, why: `${shown} is made by ${where}, which Firebreak cannot read whole (${[...db.problems, ...planned.problems][0].why})` };
    const build = lines.length === 1 ? BUILD.exec(lines[0]) : null;
    if (!build || resolve(dir, build[1] ?? '.', build[2]) !== full) return { ok: false, why: `${shown} is made by ${where}, which runs more than a go build of a published tool into that path` };
    // A parse-time $(shell ...) naming the file may have put something there before make looked.
    if (db.parseTime.some((p) => p.text.includes(basename(full)))) return { ok: false, why: `${relative(workspace, makefile)} runs a command naming ${basename(full)} while make reads it` };
    const pkg = build[3];
    const tool = GO_WELL_KNOWN_TOOLS[pkg];
    if (!tool) return { ok: false, why: `${shown} is built by ${where} from ${pkg}, which is not a tool Firebreak knows by its import path` };
    const from = resolve(dir, build[1] ?? '.');
    const pinned = pinnedModule(from, pkg);
    if (!pinned.ok) return { ok: false, why: `${shown} is built by ${where} from ${pkg}, but ${pinned.why}` };
    const changed = uncommitted([makefile, ...db.files.map((f) => resolve(workspace, f)), pinned.gomod, join(dirname(pinned.gomod), 'go.sum')]);
    if (changed) return { ok: false, why: `${shown} is built by ${where}, but ${changed} has changes nobody committed: what it builds is not the project's recipe` };
    return { ok: true, value: { tool, pkg: `${pkg}@${pinned.version}`, where } };
  }
  return undefined;
}

/** The go.mod the build in `from` uses, and the version it requires `pkg`'s module at. */
function pinnedModule(from: string, pkg: string): { ok: true; gomod: string; version: string } | { ok: false; why: string } {
  let gomod: string | undefined;
  for (let at = from; ; at = dirname(at)) {
    if (isFile(join(at, 'go.mod'))) { gomod = join(at, 'go.mod'); break; }
    if (dirname(at) === at) break;
  }
  if (!gomod) return { ok: false, why: `no go.mod pins it for the folder the build runs in` };
  const text = readFileSync(gomod, 'utf8');
  if (isFile(join(dirname(gomod), 'go.work'))) return { ok: false, why: `${dirname(gomod)} has a go.work, which may put other modules in its place` };
  const required = [...text.matchAll(/^\s*(?:require\s+)?([a-z0-9-]+(?:\.[a-z0-9-]+)+\/[^\s]+)\s+(v\d[^\s]*)/gm)]
    .filter((m) => pkg === m[1] || pkg.startsWith(`${m[1]}/`))
    .sort((a, b) => b[1].length - a[1].length)[0];
  if (!required) return { ok: false, why: `${gomod} does not require its module at a version` };
  if (new RegExp(`^\\s*(?:replace\\s+)?${required[1].replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(\\s+v\\S+)?\\s*=>`, 'm').test(text)) return { ok: false, why: `${gomod} replaces its module ${required[1]} with other code` };
  return { ok: true, gomod, version: required[2] };
}

/** The first of `files` git does not hold as it is (or all of them, when git cannot say). */
function uncommitted(files: readonly string[]): string | undefined {
  const existing = [...new Set(files)].filter(isFile);
  try {
    const out = execFileSync('git', ['-C', dirname(existing[0]), 'status', '--porcelain', '--untracked-files=all', '--ignored', '--', ...existing], { encoding: 'utf8', timeout: 3000, stdio: ['ignore', 'pipe', 'ignore'] });
    const line = out.split('\n').find(Boolean);
    return line ? line.slice(3) : undefined;
  } catch {
    return existing[0];
  }
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
