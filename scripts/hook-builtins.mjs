// The hook's chunks take Node's built-in modules from process.getBuiltinModule() instead of an ESM
// import (scripts/bundle.mjs runs this on dist/bundle/hook*.js after rolldown wrote them).
//
// Why: the first ESM import of a built-in builds its module namespace, which reads every export.
// For node:fs that includes the lazy `fs.promises` getter, which loads internal/fs/promises, the
// stream modules and readline: ~3 ms of CPU in a hook call that never uses them
// (docs/speed.md). process.getBuiltinModule() returns the CommonJS exports object and reads none.
//
// `import { a, b as c } from "node:x";` becomes `const { a, b: c } = process.getBuiltinModule("node:x");`
// on the same line (the source maps stay right), and `import("node:x")` in code becomes
// `Promise.resolve(process.getBuiltinModule("node:x"))`: bin/firebreak.js loads a built-in taken
// that way under V8's default flags, where its compiled code is accepted (~2x cheaper for
// node:fs/promises). Only that form is rewritten; default and namespace
// imports stay. A chunk that is part of a cycle of static imports keeps its imports: there another
// chunk's top level could call into it before its own top level has run, which an ESM import of a
// built-in allows and a const would not. bin/firebreak.js supplies process.getBuiltinModule on a
// Node that lacks it (before 22.3).
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const BUILTIN_IMPORT = /^import \{([^}]*)\} from "(node:[a-z0-9_/]+)";$/;
const DYNAMIC_BUILTIN_IMPORT = /(?<![\w$.])import\("(node:[a-z0-9_/]+)"\)/g;
const CHUNK_IMPORT = /^import (?:[^"]*from )?"\.\/(hook[^"]*\.js)";$/;

export function builtinsWithoutImports(dir) {
  const files = readdirSync(dir).filter((f) => /^hook.*\.js$/.test(f));
  const lines = new Map(files.map((f) => [f, readFileSync(join(dir, f), 'utf8').split('\n')]));
  const imports = new Map(files.map((f) => [f, lines.get(f).flatMap((l) => CHUNK_IMPORT.exec(l)?.[1] ?? [])]));
  const inCycle = chunksInCycles(imports);
  let rewritten = 0;
  for (const [file, text] of lines) {
    let changed = false;
    const next = text.map((line) => {
      // A dynamic import runs when its code does, after every top level: safe in a cycle too.
      const taken = line.replace(DYNAMIC_BUILTIN_IMPORT, (_, id) => `Promise.resolve(process.getBuiltinModule(${JSON.stringify(id)}))`);
      if (taken !== line) {
        changed = true;
        rewritten++;
        line = taken;
      }
      if (inCycle.has(file)) return line;
      const m = BUILTIN_IMPORT.exec(line);
      if (!m) return line;
      changed = true;
      rewritten++;
      const names = m[1].split(',').map((s) => s.trim()).filter(Boolean).map((s) => s.replace(/^(\S+) as (\S+)$/, '$1: $2'));
      return `const { ${names.join(', ')} } = process.getBuiltinModule(${JSON.stringify(m[2])});`;
    });
    if (changed) writeFileSync(join(dir, file), next.join('\n'));
  }
  return { rewritten, keptInCycles: [...inCycle] };
}

/** Chunks on a cycle of static imports (Tarjan's strongly connected components of size > 1, or a self-import). */
function chunksInCycles(imports) {
  const index = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const cyclic = new Set();
  let next = 0;
  const visit = (v) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of imports.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v), low.get(w)));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v), index.get(w)));
    }
    if (low.get(v) === index.get(v)) {
      const component = [];
      let w;
      do {
        w = stack.pop();
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || (imports.get(v) ?? []).includes(v)) for (const c of component) cyclic.add(c);
    }
  };
  for (const v of imports.keys()) if (!index.has(v)) visit(v);
  return cyclic;
}
