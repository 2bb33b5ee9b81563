// The functions at the top level of the chunks a judged hook call loads, compiled when the chunk
// is compiled, so that Node's compile cache holds their bytecode (scripts/bundle.mjs runs this on
// the chunks of HOOK_CHUNKS after rolldown wrote them).
//
// Why: V8 compiles a function's body the first time it runs, and Node's compile cache is made right
// after a module is compiled, so it holds the top level only: every hook call compiled again each
// function it ran (~8 ms of an `aws ... terminate-instances` call, docs/speed.md). V8 compiles a
// function expression in parentheses with its enclosing script (the "PIFE" heuristic), and then
// the code cache includes it.
//
// `function name(...) {...}` at the top level becomes `var name = (function name(...) {...});`,
// moved to the top of the chunk (after its imports) in the original order: the value is there
// before any of the chunk's own code runs, as a hoisted declaration's is. (Another chunk calling in
// before this one ran needs a cycle of static imports; hook-builtins.mjs reports those and this
// leaves such chunks alone.) Only functions whose text fills whole lines are moved, and the source
// map is rewritten line by line, so stack traces and debuggers still point at the TypeScript.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAst } from 'rolldown/parseAst';
// Run after tsc (scripts/bundle.mjs), as compile-default-policy.mjs reads dist/ too.
import { lineAt, lineStarts } from '../dist/util/line-starts.js';

/**
 * `used` (scripts/hook-training.mjs), when given, names per chunk file the start offsets of the
 * functions a representative set of hook calls ran: only those are compiled eagerly. The code
 * cache then holds what calls run and not the rest of the chunk (reading a function's bytecode
 * from the cache costs a call whether it runs it or not). A chunk `used` does not name keeps
 * every function eager.
 */
export function compileEagerly(dir, files, used) {
  let moved = 0;
  for (const file of files) moved += eagerChunk(join(dir, file), used?.get(file));
  return moved;
}

function eagerChunk(path, usedStarts) {
  const code = readFileSync(path, 'utf8');
  const mapPath = `${path}.map`;
  if (!existsSync(mapPath)) return 0; // a chunk with no source map (the entry) has no functions to move
  const map = JSON.parse(readFileSync(mapPath, 'utf8'));
  const ast = parseAst(code);
  const lines = code.split('\n');
  const starts = lineStarts(code);
  const lineOf = (offset) => lineAt(starts, offset);
  const imports = ast.body.filter((n) => n.type === 'ImportDeclaration');
  const afterImports = imports.length ? lineOf(imports.at(-1).end - 1) + 1 : 0;
  const functions = ast.body.filter((n) => {
    if (n.type !== 'FunctionDeclaration' || n.generator || !n.id) return false;
    if (usedStarts && !usedStarts.has(n.start)) return false;
    const first = lineOf(n.start);
    const last = lineOf(n.end - 1);
    // whole lines only: starts a line, ends one
    return n.start === starts[first] && (n.end === code.length || code[n.end] === '\n') && first >= afterImports && last >= first;
  });
  if (!functions.length) return 0;

  const segments = decodeMappings(map.mappings, lines.length);
  const movedLines = new Set();
  const head = []; // [text, segments] moved to the top
  for (const f of functions) {
    const first = lineOf(f.start);
    const last = lineOf(f.end - 1);
    const prefix = `var ${f.id.name} = (`;
    for (let l = first; l <= last; l++) {
      movedLines.add(l);
      let text = lines[l];
      let segs = segments[l];
      if (l === first) {
        text = prefix + text;
        segs = segs.map(([col, ...rest]) => [col + prefix.length, ...rest]);
      }
      if (l === last) text += ');';
      head.push([text, segs]);
    }
  }
  const out = [];
  for (let l = 0; l < afterImports; l++) out.push([lines[l], segments[l]]);
  out.push(...head);
  for (let l = afterImports; l < lines.length; l++) if (!movedLines.has(l)) out.push([lines[l], segments[l]]);
  writeFileSync(path, out.map(([t]) => t).join('\n'));
  map.mappings = encodeMappings(out.map(([, s]) => s));
  writeFileSync(mapPath, JSON.stringify(map));
  return functions.length;
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B64_INDEX = new Map([...B64].map((c, i) => [c, i]));

/** Source map mappings as absolute segments per generated line: [column, source, line, column, name?]. */
function decodeMappings(mappings, lineCount) {
  const lines = [];
  const state = [0, 0, 0, 0];
  for (const line of mappings.split(';')) {
    const segs = [];
    let column = 0;
    if (line) {
      for (const seg of line.split(',')) {
        const values = decodeVlq(seg);
        column += values[0];
        if (values.length === 1) {
          segs.push([column]);
          continue;
        }
        state[0] += values[1];
        state[1] += values[2];
        state[2] += values[3];
        if (values.length === 5) {
          state[3] += values[4];
          segs.push([column, state[0], state[1], state[2], state[3]]);
        } else segs.push([column, state[0], state[1], state[2]]);
      }
    }
    lines.push(segs);
  }
  while (lines.length < lineCount) lines.push([]);
  return lines;
}

function encodeMappings(lines) {
  const state = [0, 0, 0, 0];
  return lines
    .map((segs) => {
      let column = 0;
      return segs
        .map((s) => {
          let out = encodeVlq(s[0] - column);
          column = s[0];
          if (s.length > 1) {
            out += encodeVlq(s[1] - state[0]) + encodeVlq(s[2] - state[1]) + encodeVlq(s[3] - state[2]);
            state[0] = s[1];
            state[1] = s[2];
            state[2] = s[3];
            if (s.length === 5) {
              out += encodeVlq(s[4] - state[3]);
              state[3] = s[4];
            }
          }
          return out;
        })
        .join(',');
    })
    .join(';');
}

function decodeVlq(text) {
  const values = [];
  let value = 0;
  let shift = 0;
  for (const c of text) {
    const digit = B64_INDEX.get(c);
    value += (digit & 31) << shift;
    if (digit & 32) shift += 5;
    else {
      values.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = 0;
      shift = 0;
    }
  }
  return values;
}

function encodeVlq(n) {
  let value = n < 0 ? (-n << 1) | 1 : n << 1;
  let out = '';
  do {
    let digit = value & 31;
    value >>>= 5;
    if (value) digit |= 32;
    out += B64[digit];
  } while (value);
  return out;
}
