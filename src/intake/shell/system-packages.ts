// The rule for system package managers (apt, dnf, apk, brew, ...). Installing or upgrading a named
// package from the sources the machine already trusts, refreshing the index and every read are a
// reversible change of this machine (the manager removes what it installed) and pass. Everything
// else is unknown: removing or purging packages, adding or removing sources and keys, installing a
// package file (its install scripts run as root and nobody has read them), `pkg-` (apt removes it),
// settings that run commands or redirect the sources, options that lift signature checks.
// Facts: src/knowledge/system-packages.ts.
import { APT_ROUTINE_SETTINGS, NOT_ROUTINE_PAIRS, SYSTEM_PACKAGE_MANAGERS, UNSAFE_PACKAGE_OPTIONS, WELL_KNOWN_PACKAGE_SOURCES } from '../../knowledge/system-packages.js';
import type { Concern } from './unmodelled.js';

export function isSystemPackageManager(name: string): boolean {
  return Object.hasOwn(SYSTEM_PACKAGE_MANAGERS, name);
}

const HELP = new Set(['--help', '-h', '--version', '-v', '-V', 'help', 'version']);
const PACKAGE_FILE = /(^|\/)[^/]*\.(deb|rpm|apk|pkg\.tar\.(zst|xz|gz)|pkg|msi|nupkg|snap|flatpak|flatpakref)$|^(\.{0,2}\/|~\/|\$|https?:|ftp:|file:)/;

/** Why this package manager command is not a routine install or read; undefined when it is. */
export function systemPackageConcern(name: string, argv: readonly string[]): Concern | undefined {
  const spec = SYSTEM_PACKAGE_MANAGERS[name];
  const args = argv.slice(1);
  if (args.length === 1 && HELP.has(args[0])) return undefined;
  const removal = recoverableRemoval(spec, args);
  if (removal !== undefined) return removal || undefined;
  const operands: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (!a.startsWith('-') || a === '-') { operands.push(a); continue; }
    const eq = a.indexOf('=');
    const option = eq > 0 ? a.slice(0, eq) : a;
    const value = eq > 0 ? a.slice(eq + 1) : spec.withArgument?.has(a) ? args[++i] ?? '' : undefined;
    if (UNSAFE_PACKAGE_OPTIONS.test(a)) return { why: `${name} ${a} lifts a safety check or removes, downgrades or redirects packages`, key: a };
    if ((name === 'apt-get' || name === 'apt' || name === 'apt-cache') && (option === '-o' || option === '--option' || /^-o./.test(a))) {
      const setting = value ?? a.slice(2);
      if (!APT_ROUTINE_SETTINGS.test(setting)) return { why: `the apt setting ${setting} may run a command or change where packages come from`, key: setting };
    }
    if ((name === 'apt-get' || name === 'apt' || name === 'apt-cache') && (option === '-c' || option === '--config-file')) return { why: `${name} reads another configuration (${value}): where packages come from is not the machine's own`, key: option };
    if ((name === 'yum' || name === 'dnf') && option === '--setopt') return { why: `${name} --setopt ${value} changes the manager's configuration`, key: option };
    if (spec.routineOperations && !spec.routineOperations.test(option) && !/^-(y|q|qq|v|-yes|-quiet|-noconfirm|-needed|-noprogressbar)$/.test(a)) {
      return { why: `\`${name} ${a}\` is not an install or a read Firebreak knows (it may remove packages or change the system)`, key: a };
    }
  }
  if (spec.routineOperations) {
    if (!args.some((a) => spec.routineOperations!.test(a.split('=')[0]))) return { why: `\`${name}\` without an install or read operation`, key: name };
    return packageFiles(name, operands);
  }
  const sub = operands[0];
  if (sub === undefined) return { why: `\`${name}\` without a subcommand`, key: name };
  if (!spec.routine.has(sub)) return { why: `\`${name} ${sub}\` is not an install, upgrade or read: it may remove packages or change where they come from (a person should look at it)`, key: sub };
  const pair = NOT_ROUTINE_PAIRS[name]?.find((p) => p === `${sub} ${operands[1] ?? ''}`);
  if (pair) return { why: `\`${name} ${pair}\` changes the manager's sources, configuration or services`, key: pair };
  if (name === 'flatpak' && sub === 'remote-add') {
    const url = operands.slice(1).find((o) => /^https?:/.test(o));
    return url && WELL_KNOWN_PACKAGE_SOURCES.flatpak.includes(url) ? undefined : { why: `flatpak remote-add trusts a new package source (${url ?? 'not shown'})`, key: 'remote-add' };
  }
  if (sub === 'install' || sub === 'add' || sub === 'in' || sub === 'reinstall' || sub === 'upgrade' || sub === 'update') {
    // `apt-get install foo-` removes foo.
    const removed = (name === 'apt-get' || name === 'apt') && operands.slice(1).find((o) => /[^-]-$/.test(o) && !o.includes('/'));
    if (removed) return { why: `\`${name} install ${removed}\` removes ${removed.slice(0, -1)} (a trailing - means remove)`, key: removed };
    return packageFiles(name, operands.slice(1));
  }
  return undefined;
}

/** A subcommand that removes only what the manager fetches again (`brew untap --force TAP`): false when
 *  it is one of those and every word fits (routine), a concern when a word does not, undefined otherwise. */
function recoverableRemoval(spec: { recoverableRemovals?: Readonly<Record<string, { options: RegExp; operand: RegExp }>> }, args: readonly string[]): Concern | false | undefined {
  const sub = args.find((a) => !a.startsWith('-'));
  if (sub === undefined) return undefined;
  const rule = spec.recoverableRemovals && Object.hasOwn(spec.recoverableRemovals, sub) ? spec.recoverableRemovals[sub] : undefined;
  if (!rule) return undefined;
  const rest = args.filter((a) => a !== sub);
  const odd = rest.find((a) => (a.startsWith('-') ? !rule.options.test(a) : !rule.operand.test(a)));
  if (odd !== undefined) return { why: `\`${sub} ${odd}\` is not a plain removal of a local copy the manager fetches again`, key: odd };
  return rest.some((a) => !a.startsWith('-')) ? false : { why: `\`${sub}\` without a name`, key: sub };
}

/** `apt-get install ./x.deb`, `dnf install https://.../x.rpm`: a package file, not a package from the trusted sources. */
function packageFiles(name: string, operands: readonly string[]): Concern | undefined {
  const file = operands.find((o) => PACKAGE_FILE.test(o));
  if (file?.startsWith('$')) return { why: `${name} installs ${file}, a value only known at run time: it may name a package file or a removal`, key: file };
  return file ? { why: `${name} installs the package file ${file}: its install scripts run with the manager's privileges and Firebreak has not read them`, key: file } : undefined;
}

/** What undoes a routine install, for the evidence. */
export function packageUndo(name: string): string {
  return SYSTEM_PACKAGE_MANAGERS[name]?.undo ?? 'remove the package';
}
