// What every command does the same way: colour, width, quiet/verbose, `-` for stdin, short usage
// errors. Nothing here loads the pipeline.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Command } from 'commander';
import { InputError } from '../errors.js';
import { terminalWidth } from '../report/wrap.js';

/**
 * Colour only for a person at a terminal: `--no-color`, NO_COLOR (any value) and TERM=dumb turn
 * it off; FORCE_COLOR turns it on even in a pipe (FORCE_COLOR=0 turns it off).
 */
export function useColor(flag: boolean | undefined, stream: { isTTY?: boolean } = process.stdout, env: NodeJS.ProcessEnv = process.env): boolean {
  if (flag === false) return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '') return !['0', 'false'].includes(env.FORCE_COLOR.toLowerCase());
  if (env.TERM === 'dumb') return false;
  return stream.isTTY === true;
}

export interface TextFlags {
  color?: boolean;
  quiet?: boolean;
  verbose?: boolean;
}

/** How a text report is laid out for this process's stdout. */
export function textOptions(flags: TextFlags): { color: boolean; verbose: boolean; width?: number } {
  const width = terminalWidth();
  return { color: useColor(flags.color), verbose: !!flags.verbose, ...(width ? { width } : {}) };
}

/** `--quiet` / `--verbose` for every command that prints a report. */
export function addVerbosityOptions(command: Command): Command {
  return command
    .option('-q, --quiet', 'print only the one-line verdict (the exit code says the same)')
    .option('-v, --verbose', 'print every row of every section (nothing cut to "... N more")');
}

/** The global flags, wherever they were given (`firebreak --no-color check` or `firebreak check --no-color`). */
export function globalFlags(command: Command): TextFlags {
  return command.optsWithGlobals() as TextFlags;
}

/**
 * A usage error names the problem, a close match when there is one (commander's "Did you mean"),
 * and where the full help is: never the whole help text.
 */
export function shortUsageErrors(command: Command, path = command.name()): void {
  command.showHelpAfterError(`(run \`${path} --help\` for usage)`);
  for (const sub of command.commands) shortUsageErrors(sub, `${path} ${sub.name()}`);
}

/** The closest of `known` to `given` (edit distance at most 40% of its length), for "did you mean". */
export function didYouMean(given: string, known: readonly string[]): string | undefined {
  let best: { name: string; distance: number } | undefined;
  for (const name of known) {
    const distance = editDistance(given.toLowerCase(), name.toLowerCase());
    if (!best || distance < best.distance) best = { name, distance };
  }
  if (best && best.distance <= Math.max(1, Math.floor(best.name.length * 0.4))) return best.name;
  // A part of a name ("wiper" for "amazon-q-wiper") is a match too when only one name has it.
  const containing = known.filter((name) => name.includes(given.toLowerCase()));
  return containing.length === 1 ? containing[0] : undefined;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[b.length];
}

/** Where stdin went when an input was given as `-`: a private file the intake reads like any other. */
export interface StdinInput {
  file: string;
  /** Removes the private copy. */
  cleanup: () => Promise<void>;
}

let stdinRead = false;

/** Reads all of stdin once; `-` given twice is an error, as is `-` at a terminal. */
export async function readStdinText(what: string, stdin: NodeJS.ReadStream = process.stdin): Promise<string> {
  if (stdinRead) throw new InputError(`only one input can be read from stdin ("-"); ${what} asked for it again`);
  stdinRead = true;
  if (stdin.isTTY) throw new InputError(`${what} is "-" (read from stdin), but stdin is a terminal: pipe the input in, e.g. terraform show -json plan.out | firebreak check -`);
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Stdin saved to a private temporary file, so every input kind reads it the same way. */
export async function stdinAsFile(what: string): Promise<StdinInput> {
  const text = await readStdinText(what);
  const dir = await mkdtemp(join(tmpdir(), 'firebreak-stdin-'));
  const file = join(dir, 'stdin');
  await writeFile(file, text, { mode: 0o600 });
  return { file, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** A report mentions the private copy by its path: say `<stdin>` instead. */
export function relabelStdin<T>(value: T, input: StdinInput | undefined): T {
  if (!input) return value;
  return JSON.parse(JSON.stringify(value).split(input.file).join('<stdin>')) as T;
}

/** Runs work on inputs that may include stdin's private copy: errors name `<stdin>`, and the copy is removed. */
export async function withStdin<T>(input: StdinInput | undefined, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (input && error instanceof InputError) {
      const label = (text: string | undefined) => text?.split(input.file).join('<stdin>');
      throw new InputError(label(error.message)!, label(error.file), label(error.location));
    }
    throw error;
  } finally {
    await input?.cleanup();
  }
}
