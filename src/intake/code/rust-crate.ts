// Reading the Rust a cargo command runs: a crate's entry file (src/main.rs, src/bin/x.rs, a [[bin]]
// path, an example, build.rs) and the `mod` tree it declares (`mod foo;` -> foo.rs or foo/mod.rs,
// `#[path = "..."]`), plus files `include!` pastes in. Each file is read by readers/rust.ts; what the
// code does becomes actions through effects.ts, as for every other language. Bounded per command
// (RUST_LIMITS): past a bound the rest is unknown, with the reason.
//
// Strictness: code the command runs by name (`cargo run`, an xtask) is judged by all it does, as
// `go run` is. A build script cargo runs on the way (`cargo build|check|test|clippy`) is judged as
// the other implicitly run code is (implicit.ts): known operations on targets the code names count,
// and whatever could not be read.
import { existsSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import type { PlannedAction } from '../types.js';
import { commandEvidence, type RecognisedCommand } from '../shell/command.js';
import type { Effect } from './effect.js';
import { effectsToActions } from './effects.js';
import { notRead, unreadable } from './index.js';
import { readScript, scriptPath } from './source.js';
import { monotonicMs } from '../../util/clock.js';
import { RUST_LIMITS } from '../../knowledge/code/rust.js';

export interface RustSession {
  files: number;
  chars: number;
  deadline: number;
  read: Set<string>;
  limits: { files: number; chars: number; milliseconds: number };
}

export function newRustSession(limits: { files: number; chars: number; milliseconds: number } = RUST_LIMITS): RustSession {
  return { files: 0, chars: 0, deadline: monotonicMs() + limits.milliseconds, read: new Set(), limits };
}

export interface CrateReading {
  effects: Effect[];
  /** What could not be read (a limit, a file that is not there): unknown wherever judged. */
  unread: PlannedAction[];
  /** Files read, absolute. */
  files: string[];
}

function shownOf(rc: RecognisedCommand, absolute: string): string {
  const rel = relative(rc.workspace ?? process.cwd(), absolute);
  return rel && !rel.startsWith('..') ? rel : absolute;
}

/** Whether a file is a crate root or a mod.rs: its `mod x;` files are next to it, not in a folder named after it. */
function ownsFolder(file: string, roots: ReadonlySet<string>): boolean {
  return roots.has(file) || /^(main|lib|mod|build)\.rs$/.test(basename(file));
}

/** Reads one crate from its entry files, along their `mod` trees. */
export async function readCrate(rc: RecognisedCommand, entries: readonly string[], session: RustSession, texts?: ReadonlyMap<string, string>): Promise<CrateReading> {
  const { readRustFile, newCrateScope } = await import('./readers/rust.js');
  const scope = newCrateScope();
  const out: CrateReading = { effects: [], unread: [], files: [] };
  const roots = new Set(entries);
  const queue: { absolute: string; from?: string }[] = entries.map((absolute) => ({ absolute }));
  while (queue.length) {
    const { absolute, from } = queue.shift()!;
    if (session.read.has(absolute)) continue;
    session.read.add(absolute);
    const shown = shownOf(rc, absolute);
    if (monotonicMs() > session.deadline) {
      out.unread.push(notRead(rc, shown, `reading the Rust code this command runs would take longer than one check may (${session.limits.milliseconds} ms): what ${shown} and the rest do is not visible`));
      break;
    }
    const given = texts?.get(absolute);
    const read = given !== undefined ? { ok: true as const, text: given } : readScript(rc, relative(scriptPath(rc, '.'), absolute) || absolute);
    if (!read.ok) {
      // A `mod` whose file is missing does not compile: nothing runs. An entry that cannot be read is unknown.
      if (from === undefined || existsSync(absolute)) out.unread.push(unreadable(rc, shown, read.why));
      continue;
    }
    session.files++;
    session.chars += read.text.length;
    if (session.files > session.limits.files || session.chars > session.limits.chars) {
      out.unread.push(notRead(rc, shown, `the command runs more Rust code than Firebreak reads for one command (${session.limits.files} files, ${session.limits.chars / 1024 / 1024} MB): what ${shown} and the rest do is not visible`));
      break;
    }
    out.files.push(absolute);
    const reading = await readRustFile(shown, read.text, scope);
    out.effects.push(...reading.effects);
    const here = dirname(absolute);
    const folder = ownsFolder(absolute, roots) ? here : join(here, basename(absolute, '.rs'));
    for (const mod of reading.mods) {
      if (mod.path !== undefined) { queue.push({ absolute: resolve(here, mod.path), from: absolute }); continue; }
      const file = join(folder, `${mod.name}.rs`);
      queue.push({ absolute: existsSync(file) ? file : join(folder, mod.name, 'mod.rs'), from: absolute });
    }
    for (const inc of reading.includes) queue.push({ absolute: resolve(here, inc.path), from: absolute });
  }
  return out;
}

export interface JudgeCrateOptions {
  /** Who runs the code and why, for the report: `cargo run runs xtask/src/main.rs`. */
  note: string;
  /** Only known operations on targets the code names count (implicitly run code). */
  lenient?: boolean;
  /** Committed library code read for what it names beyond the program itself: what is past the
   *  session's bounds stays the project's own, not read (as it was before any of it was read). */
  bestEffort?: boolean;
  /** Texts of files as written (not yet on disk), by absolute path. */
  texts?: ReadonlyMap<string, string>;
}

/** A target the code names itself, not one it builds at run time. */
function definite(id: string): boolean {
  return !/\$\{|runtime_value|^\*$|^\(/i.test(id);
}

/** The actions of what a crate does. */
export async function judgeCrate(rc: RecognisedCommand, entries: readonly string[], session: RustSession, options: JudgeCrateOptions): Promise<PlannedAction[]> {
  let reading: CrateReading;
  try {
    reading = await readCrate(rc, entries, session, options.texts);
  } catch (error) {
    return [notRead(rc, shownOf(rc, entries[0] ?? '.'), `Firebreak could not read the Rust code: ${(error as Error)?.message ?? String(error)}`)];
  }
  const actions = await effectsToActions(reading.effects, {
    rc,
    via: entries.map((e) => shownOf(rc, e)).join(', '),
    readCode: async (e) => [unreadable(rc, e.via, `runs ${e.language} code Firebreak does not follow from Rust`)],
    readScript: async (e) => [unreadable(rc, e.path, `runs ${e.path}, which Firebreak does not follow from Rust`)],
  });
  const kept = options.lenient ? actions.filter((a) => a.operation !== 'unknown' && definite(a.target.id)) : actions;
  const note = commandEvidence(options.note, shownOf(rc, entries[0] ?? '.'));
  return [...kept, ...(options.bestEffort ? [] : reading.unread)].map((a) => ({ ...a, evidence: [note, ...a.evidence] }));
}
