// Package-manager settings that decide what runs at every later script: npm's and pnpm's
// `script-shell` (the program that runs each script), `node-options` (given to every node a script
// starts, as NODE_OPTIONS), yarn 1's `script-shell` and Yarn 2+'s `yarnPath` (the file that runs as
// yarn itself). Set with `npm config set`, `pnpm config set`, `yarn config set`, or written into
// .npmrc, .yarnrc or .yarnrc.yml, they are judged when they are set, not only at the next
// `npm test`: an installed shell or a loader-free node option is routine; a shell that is a file
// (`./evil.sh`), a node option that loads code, or another yarnPath is code nobody has read.
// Other settings (registry, fund, audit, save-exact, ...) are routine and pass.
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import type { PlannedAction } from '../types.js';
import { commandEvidence, makeAction, toolName, type RecognisedCommand } from './command.js';
import { scriptFor } from './runners/follow.js';
import { readProjectFile, runDirectory } from './runners/project.js';
import type { WrittenFile } from './written-files.js';

const CONFIG_FILE = /(^|\/)\.(npmrc|yarnrc|yarnrc\.yml)$/;
const NODE_LOADER = /(^|\s)(-r|--require|--import|--loader|--experimental-loader|--experimental-vm-modules|--env-file)(=|\s|$)/;

type Setting = 'script-shell' | 'node-options' | 'yarnpath' | 'plugins' | 'config-file';
const SETTINGS: Readonly<Record<string, Setting>> = { scriptshell: 'script-shell', nodeoptions: 'node-options', yarnpath: 'yarnpath', plugins: 'plugins', userconfig: 'config-file', globalconfig: 'config-file' };
const WHAT: Readonly<Record<Setting, string>> = {
  'script-shell': 'the program that runs every package script',
  'node-options': 'options given to every node a package script starts (NODE_OPTIONS)',
  yarnpath: 'the file that runs as yarn itself at every yarn command',
  plugins: 'the plugins Yarn 2+ loads as code at every yarn command',
  'config-file': 'another config file every later npm reads its settings from',
};

/** `script-shell`, `scriptShell`, `npm_config_script_shell`, `--script-shell`: one setting. */
function settingOf(key: string): Setting | undefined {
  return SETTINGS[key.toLowerCase().replace(/^(--)?(npm_config_)?/, '').replace(/[-_]/g, '')];
}

/** Why a value of a setting that runs later is not routine, if it is not. */
function objection(setting: Setting, value: string): string | undefined {
  if (setting === 'script-shell') {
    // scriptFor hands an installed POSIX shell the text as it is; anything else is not a shell.
    const s = scriptFor(value, 'true');
    return !s.ok ? s.why : s.text === 'true' ? undefined : `${value} is not a shell: every script's text would run as its code`;
  }
  if (setting === 'node-options') return NODE_LOADER.test(value) ? `${value} makes every node a script starts load code first` : undefined;
  if (setting === 'plugins') return 'each plugin listed is code that runs inside yarn';
  if (setting === 'config-file') return `what ${value} sets (script-shell, node-options) is read at later commands, not here`;
  return `${value} would run as yarn itself`;
}

function action(rc: RecognisedCommand, key: string, setting: Setting, value: string, why: string, where: string): PlannedAction {
  return makeAction(rc, {
    operation: 'unknown',
    verb: `set ${key}`,
    tool: rc.argv[0] ? toolName(rc.argv[0]) : 'shell',
    target: { type: 'code:script', id: value || key },
    scope: 'unknown',
    evidence: [commandEvidence(`${where} sets ${key} (${WHAT[setting]}) to ${value}: ${why}, at later commands Firebreak would judge as routine`, key, value)],
  });
}

/** `npm config set KEY VALUE` (also `KEY=VALUE`, `npm set`, `--location project|user|global`), pnpm and yarn alike. */
export function packageConfigSettings(rc: RecognisedCommand): PlannedAction[] {
  const program = rc.argv.length ? toolName(rc.argv[0]) : '';
  if (!/^(npm|pnpm|yarn)$/.test(program)) return [];
  const args = rc.argv.slice(1);
  const verb = args.findIndex((a) => !a.startsWith('-'));
  const at = (args[verb] === 'config' || args[verb] === 'c') && args[verb + 1] === 'set' ? verb + 2 : args[verb] === 'set' ? verb + 1 : -1;
  if (at < 0) return [];
  const set: string[] = [];
  for (let i = at; i < args.length; i++) {
    if (/^(--location|-L|--userconfig|--globalconfig|-C|--dir|--cwd)$/.test(args[i])) { i++; continue; }
    if (/^(-g|--global|--json|--home|-H|--location=.*|--userconfig=.*|--globalconfig=.*)$/.test(args[i])) continue;
    set.push(args[i]);
  }
  if (!set.length) return [];
  const pairs: [string, string][] = [];
  for (let i = 0; i < set.length; i++) {
    const eq = set[i].indexOf('=');
    if (eq > 0) pairs.push([set[i].slice(0, eq), set[i].slice(eq + 1)]);
    else if (set[i + 1] !== undefined) { pairs.push([set[i], set[i + 1]]); i++; }
    else pairs.push([set[i], '']);
  }
  const out: PlannedAction[] = [];
  for (const [key, value] of pairs) {
    const setting = settingOf(key);
    const why = setting && objection(setting, value);
    if (setting && why) out.push(action(rc, key, setting, value, why, `${program} config set`));
  }
  return out;
}

/** The same settings written into .npmrc, .yarnrc or .yarnrc.yml by the shell (a redirection, tee, a copy). */
export function packageConfigWrites(rc: RecognisedCommand, written: WrittenFile[], textOf: (w: WrittenFile) => string | undefined): PlannedAction[] {
  const out: PlannedAction[] = [];
  for (const w of written) {
    if (!CONFIG_FILE.test(w.path)) continue;
    const text = textOf(w);
    if (text === undefined) continue;
    out.push(...settingsIn(rc, text, basename(w.path)));
  }
  return out;
}

/** The settings of a config file's text that are not routine, each an action. */
function settingsIn(rc: RecognisedCommand, text: string, where: string): PlannedAction[] {
  const out: PlannedAction[] = [];
  for (const m of text.matchAll(/^[ \t]*([A-Za-z_-]+)[ \t]*(?:=|:|[ \t])[ \t]*"?([^"\n]*?)"?[ \t]*$/gm)) {
    const setting = settingOf(m[1]);
    const why = setting && objection(setting, m[2]);
    if (setting && why) out.push(action(rc, m[1], setting, m[2], why, where));
  }
  return out;
}

/**
 * Config files the line points the package manager at, read as the line leaves them (written or
 * copied earlier in it, else on disk) and judged as .npmrc / .yarnrc.yml are: `--userconfig F`,
 * `--globalconfig F`, `npm_config_userconfig=F` (npm reads its variables in any case), yarn 1's
 * `--use-yarnrc F`, and Yarn 2+'s `YARN_RC_FILENAME=F` (the name it looks for in the folder and each
 * one above). The manager's own routine files at their places are not: they are the project's.
 */
export function chosenPackageConfig(rc: RecognisedCommand): PlannedAction[] {
  const program = rc.argv.length ? toolName(rc.argv[0]) : '';
  if (!/^(npm|pnpm|yarn|npx|pnpx)$/.test(program)) return [];
  const base = runDirectory(rc);
  const chosen: { file: string; how: string }[] = [];
  const args = rc.argv.slice(1);
  for (let i = 0; i < args.length && args[i] !== '--'; i++) {
    const m = /^(--userconfig|--globalconfig|--use-yarnrc)(?:=(.*))?$/.exec(args[i]);
    if (!m) continue;
    const file = m[2] ?? args[++i];
    if (file !== undefined) chosen.push({ file, how: `${m[1]} ${file}` });
  }
  // A line's own HOME moves the user's files: ~/.npmrc (npm, pnpm, yarn 1), ~/.yarnrc.yml and ~/.yarnrc.
  const home = rc.env.HOME;
  if (home && home !== process.env.HOME) for (const name of ['.npmrc', '.yarnrc.yml', '.yarnrc']) chosen.push({ file: join(home, name), how: `HOME=${home}` });
  // pnpm's global config: $XDG_CONFIG_HOME/pnpm/rc.
  const xdg = rc.env.XDG_CONFIG_HOME;
  if (program === 'pnpm' && xdg && xdg !== process.env.XDG_CONFIG_HOME) chosen.push({ file: join(xdg, 'pnpm', 'rc'), how: `XDG_CONFIG_HOME=${xdg}` });
  for (const [name, value] of Object.entries(rc.env)) {
    if (value === undefined || value === '') continue;
    if (/^npm_config_(userconfig|globalconfig)$/i.test(name)) chosen.push({ file: value, how: `${name}=${value}` });
    if (name === 'YARN_RC_FILENAME' && base.ok) {
      // A name: each folder from here up to the workspace's root may hold it.
      if (value.includes('/')) chosen.push({ file: value, how: `${name}=${value}` });
      else for (let dir = base.value; ; dir = dirname(dir)) {
        chosen.push({ file: join(dir, value), how: `${name}=${value}` });
        if (!rc.workspace || dir === rc.workspace || dir === dirname(dir) || !dir.startsWith(rc.workspace)) break;
      }
    }
  }
  const out: PlannedAction[] = [];
  for (const { file, how } of chosen) {
    if (/[$`]/.test(file) || (!isAbsolute(file) && !base.ok)) { out.push(unreadConfig(rc, file, how, 'where it is is known only at run time')); continue; }
    const path = resolve(base.ok ? base.value : '/', file.startsWith('~/') && process.env.HOME ? join(process.env.HOME, file.slice(2)) : file);
    const read = readProjectFile(rc, path);
    if (read.ok) out.push(...settingsIn(rc, read.value.text, `${basename(file)} (${how})`));
    else if (!read.missing) out.push(unreadConfig(rc, file, how, read.why));
  }
  return out;
}

function unreadConfig(rc: RecognisedCommand, file: string, how: string, why: string): PlannedAction {
  return makeAction(rc, {
    operation: 'unknown',
    verb: 'read config',
    tool: toolName(rc.argv[0]),
    target: { type: 'code:script', id: file },
    scope: 'unknown',
    evidence: [commandEvidence(`${how} makes ${toolName(rc.argv[0])} take its settings (script-shell, node-options, yarnPath) from ${file}: ${why}`, 'file', file)],
  });
}

export function isPackageConfigFile(path: string): boolean {
  return CONFIG_FILE.test(path);
}

/** A write to one of these files whose text is not shown (a file tool's payload without it): any setting may land there. */
export function hiddenPackageConfigWrite(rc: RecognisedCommand, path: string, how: string): PlannedAction {
  return makeAction(rc, {
    operation: 'unknown',
    verb: 'write',
    tool: rc.argv[0] ? toolName(rc.argv[0]) : 'shell',
    target: { type: 'code:script', id: basename(path) },
    scope: 'unknown',
    evidence: [commandEvidence(`${how}: ${basename(path)} can set the program that runs every package script (script-shell, node-options, yarnPath), and what lands there is not shown`, 'file', path)],
  });
}
