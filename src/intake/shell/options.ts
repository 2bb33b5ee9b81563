// A small getopt for the recognisers: which options a command was given and its operands.

export interface OptionSpec {
  /** Options that take a value (`-n`, `--namespace`, `-target`). */
  withArgument?: ReadonlySet<string>;
  /** Treat `-abc` as `-a -b -c` (GNU style). Off for Go/Terraform style single-dash long options. */
  clusters?: boolean;
}

export interface ParsedOptions {
  /** Option -> values, in order (an option given twice keeps both). Flags map to ''. */
  values: Map<string, string[]>;
  positionals: string[];
}

export function parseOptions(args: readonly string[], spec: OptionSpec = {}): ParsedOptions {
  const withArgument = spec.withArgument ?? new Set<string>();
  const values = new Map<string, string[]>();
  const positionals: string[] = [];
  const add = (k: string, v: string) => {
    const list = values.get(k);
    if (list) list.push(v);
    else values.set(k, [v]);
  };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') { positionals.push(...args.slice(i + 1)); break; }
    if (a.length < 2 || a[0] !== '-' || /^-\d/.test(a)) { positionals.push(a); continue; }
    const eq = a.indexOf('=');
    if (eq > 0) { add(a.slice(0, eq), a.slice(eq + 1)); continue; }
    if (withArgument.has(a)) { add(a, args[i + 1] ?? ''); i++; continue; }
    if (spec.clusters && a[1] !== '-' && a.length > 2) {
      for (let j = 1; j < a.length; j++) {
        const opt = '-' + a[j];
        if (withArgument.has(opt)) {
          const rest = a.slice(j + 1);
          if (rest) add(opt, rest);
          else { add(opt, args[i + 1] ?? ''); i++; }
          break;
        }
        add(opt, '');
      }
      continue;
    }
    if (!spec.clusters && a[1] !== '-' && a.length > 2) {
      // `-nfoo` (kubectl -nprod) when -n takes a value
      const short = a.slice(0, 2);
      if (withArgument.has(short)) { add(short, a.slice(2)); continue; }
    }
    add(a, '');
  }
  return { values, positionals };
}

/** Last value of any of the given option names. */
export function optionValue(p: ParsedOptions, ...names: string[]): string | undefined {
  let found: string | undefined;
  for (const n of names) {
    const v = p.values.get(n);
    if (v && v.length) found = v[v.length - 1];
  }
  return found;
}

export function optionValues(p: ParsedOptions, ...names: string[]): string[] {
  return names.flatMap((n) => p.values.get(n) ?? []);
}

export function hasOption(p: ParsedOptions, ...names: string[]): boolean {
  return names.some((n) => p.values.has(n));
}
