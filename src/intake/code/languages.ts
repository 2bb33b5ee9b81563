// The languages Firebreak reads, and how a file or a shebang says which one it is.
import { table } from '../../knowledge/code/effects.js';
export type CodeLanguage = 'python' | 'javascript' | 'typescript' | 'ruby' | 'php' | 'perl' | 'r' | 'awk' | 'sed' | 'shell' | 'go' | 'rust';

export const CODE_LANGUAGES: readonly CodeLanguage[] = ['python', 'javascript', 'typescript', 'ruby', 'php', 'perl', 'r', 'awk', 'sed', 'shell', 'go', 'rust'];

const BY_EXTENSION: Readonly<Record<string, CodeLanguage>> = table({
  py: 'python', pyw: 'python',
  js: 'javascript', mjs: 'javascript', cjs: 'javascript', jsx: 'javascript',
  ts: 'typescript', mts: 'typescript', cts: 'typescript', tsx: 'typescript',
  rb: 'ruby', rake: 'ruby',
  php: 'php',
  pl: 'perl', pm: 'perl',
  r: 'r', R: 'r',
  awk: 'awk',
  sed: 'sed',
  sh: 'shell', bash: 'shell', zsh: 'shell', ksh: 'shell', dash: 'shell',
  go: 'go',
});

/** Interpreter names (as in a shebang or argv[0]) -> language. */
export const INTERPRETER_LANGUAGE: Readonly<Record<string, CodeLanguage>> = table({
  python: 'python', python2: 'python', python3: 'python', ipython: 'python', ipython3: 'python', pypy: 'python', pypy3: 'python',
  node: 'javascript', nodejs: 'javascript',
  deno: 'typescript', bun: 'typescript', tsx: 'typescript', 'ts-node': 'typescript', 'ts-node-esm': 'typescript',
  ruby: 'ruby', irb: 'ruby',
  php: 'php',
  perl: 'perl', perl5: 'perl',
  Rscript: 'r', R: 'r',
  awk: 'awk', gawk: 'awk', mawk: 'awk', nawk: 'awk',
  sed: 'sed', gsed: 'sed',
  sh: 'shell', bash: 'shell', zsh: 'shell', dash: 'shell', ksh: 'shell', mksh: 'shell', ash: 'shell',
});

export function languageOfPath(path: string): CodeLanguage | undefined {
  const dot = path.lastIndexOf('.');
  if (dot < 0 || dot < path.lastIndexOf('/')) return undefined;
  return BY_EXTENSION[path.slice(dot + 1)] ?? BY_EXTENSION[path.slice(dot + 1).toLowerCase()];
}

/** `#!/usr/bin/env -S python3 -u` -> { interpreter: 'python3', args: ['-u'] }. */
export function shebangOf(text: string): { interpreter: string; args: string[]; path: string } | undefined {
  if (!text.startsWith('#!')) return undefined;
  const line = text.slice(2, text.indexOf('\n') < 0 ? text.length : text.indexOf('\n')).trim();
  let words = line.split(/\s+/).filter(Boolean);
  if (!words.length) return undefined;
  const base = (w: string) => w.slice(w.lastIndexOf('/') + 1);
  const first = words[0];
  if (base(words[0]) === 'env') {
    words = words.slice(1);
    while (words.length && (words[0].startsWith('-') || /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[0]))) words = words.slice(1);
  }
  // `#!/usr/bin/env -S npx tsx`: the package runner runs the interpreter named next (an unknown
  // package there is a language Firebreak does not read).
  if (words.length > 1 && PACKAGE_RUNNERS.has(base(words[0]))) {
    words = words.slice(1);
    while (words.length > 1 && QUIET_RUNNER_FLAGS.has(words[0])) words = words.slice(1);
  }
  if (!words.length) return undefined;
  // The program as written: `env NAME` finds NAME on PATH, anything else is the path itself.
  return { interpreter: base(words[0]), args: words.slice(1), path: base(first) === 'env' ? base(words[0]) : first };
}

const PACKAGE_RUNNERS: ReadonlySet<string> = new Set(['npx', 'bunx', 'pnpx']);
/** Runner flags that take no value and change nothing about what runs. */
const QUIET_RUNNER_FLAGS: ReadonlySet<string> = new Set(['-y', '--yes', '-q', '--quiet', '--no-install', '--prefer-offline']);

/** The language of a script: its shebang first, then its extension. */
export function languageOfScript(path: string, text: string): CodeLanguage | undefined {
  const bang = shebangOf(text);
  if (bang) return INTERPRETER_LANGUAGE[bang.interpreter.replace(/[\d.]+$/, '')] ?? INTERPRETER_LANGUAGE[bang.interpreter];
  return languageOfPath(path);
}
