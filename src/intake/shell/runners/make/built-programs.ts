// Programs a Makefile builds from a published Go package and then runs: `go build -o bin/misspell
// github.com/client9/misspell/cmd/misspell` (a recipe, or a `$(shell ...)` while make reads the
// Makefile) makes bin/misspell the program misspell, as `go install` makes ${GOPATH}/bin/misspell
// and `go run github.com/client9/misspell/cmd/misspell` runs it. A later step that runs that path
// (`./bin/misspell -error README.md`) is judged as that program by name. The project's own packages
// (`./cmd/tool`) are the project's compiled code, which nobody reads: they stay unknown.
import { posix } from 'node:path';
import type { Step } from '../follow.js';

/** `example.com/a/b`, `github.com/x/y/cmd/z@v1.2.3`: not a path in the workspace. */
const PUBLISHED = /^[a-z0-9-]+(\.[a-z0-9-]+)+\/[A-Za-z0-9_.~\/-]+(@[A-Za-z0-9_.+-]+)?$/;
const BUILD = /^(?:cd\s+(\S+)\s*&&\s*)?go\s+build\s+((?:-[A-Za-z]+(?:=\S+|\s+(?!-o\b)[^-\s]\S*)?\s+)*)-o\s+(\S+)\s+((?:-[A-Za-z]+(?:=\S+)?\s+)*)(\S+)\s*$/;

export interface Built { path: string; program: string; pkg: string; where: string }

/** What `go build -o OUT PKG` in this step makes: OUT (relative to the step's folder), the program. */
export function builtBy(step: Step): Built | undefined {
  const m = BUILD.exec(step.text.trim());
  if (!m) return undefined;
  const pkg = m[5];
  if (!PUBLISHED.test(pkg)) return undefined;
  const name = pkg.replace(/@.*$/, '').split('/').filter((s) => !/^v\d+$/.test(s)).at(-1);
  if (!name) return undefined;
  return { path: posix.normalize(posix.join(step.cwd ?? '.', m[1] ?? '.', m[3])), program: name, pkg, where: step.where };
}

/** Steps in the order make runs them, each that runs a program built earlier rewritten to run it by name. */
export function runBuiltPrograms(steps: readonly Step[]): Step[] {
  const built = new Map<string, Built>();
  return steps.map((step) => {
    const first = /^((?:[A-Za-z_][A-Za-z0-9_]*=\S*\s+)*)(\S+)(.*)$/s.exec(step.text.trim());
    // A later step that names the file otherwise (`cp x bin/tool`, `> bin/tool`) may change it: no longer known.
    for (const [path, b] of built) {
      const name = posix.basename(path);
      if ((first?.[3] ?? step.text).split(/[\s=<>|&;'"]+/).some((w) => w === name || w.endsWith(`/${name}`))) built.delete(path);
      else if (b && first && posix.basename(first[2]) === name && posix.normalize(posix.join(step.cwd ?? '.', first[2])) !== path) built.delete(path);
    }
    let out = step;
    if (first) {
      const path = posix.normalize(posix.join(step.cwd ?? '.', first[2].replace(/^["']|["']$/g, '')));
      const b = built.get(path);
      if (b && !/[$`]/.test(first[2])) {
        out = { ...step, text: `${first[1]}${b.program}${first[3]}`, where: `${step.where}; ${first[2]} is built by ${b.where} with go build from ${b.pkg}: it is the program ${b.program}` };
      }
    }
    const b = builtBy(step);
    if (b) built.set(b.path, b);
    return out;
  });
}
