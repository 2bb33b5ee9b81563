// Compiles the subcommand and option trees of cloud, platform and data CLIs from the
// @withfig/autocomplete specs (MIT-licensed completion specs, published on npm under ISC) into
// src/knowledge/command-trees/generated/<tool>.ts, one small module per tool, loaded lazily by the
// shell intake only when a command uses that tool.
//
//   node scripts/compile-command-trees.mjs [PATH-TO-UNPACKED-PACKAGE]
//
// Without a path it fetches the pinned version with `npm pack` (the ordinary npm client) into a
// temporary directory. Output is deterministic: keys sorted, nothing but names kept (no
// descriptions, generators or code from the specs).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const PACKAGE = '@withfig/autocomplete';
const VERSION = '2.692.3';
const OUT = join(import.meta.dirname, '..', 'src', 'knowledge', 'command-trees', 'generated');

/** Tool name as typed -> spec file in the package's build/ (several names can share one spec).
 *  Tools that act on a remote account, service or data store; local-only tools (kind, minikube,
 *  scanners, formatters) are left to the rules for local and unmodelled programs. */
const TOOLS = {
  gcloud: 'gcloud', az: 'az', doctl: 'doctl', flyctl: 'flyctl', fly: 'fly', heroku: 'heroku', vercel: 'vercel', netlify: 'netlify',
  supabase: 'supabase', railway: 'railway', pulumi: 'pulumi', cdk: 'cdk', sam: 'sam', serverless: 'serverless', sls: 'sls',
  vault: 'vault', gh: 'gh', op: 'op', rclone: 'rclone', copilot: 'copilot', eb: 'eb', firebase: 'firebase', wrangler: 'wrangler',
  pscale: 'pscale', oci: 'oci', 'vultr-cli': 'vultr-cli', doppler: 'doppler', atlas: 'atlas', amplify: 'amplify', argo: 'argo',
  okteto: 'okteto', tsh: 'tsh', tkn: 'tkn', kafkactl: 'kafkactl', stripe: 'stripe', twilio: 'twilio', cloudflared: 'cloudflared',
  fastly: 'fastly', hasura: 'hasura', deployctl: 'deployctl', nhost: 'nhost', northflank: 'northflank', cf: 'cf', bosh: 'bosh',
  dapr: 'dapr', kamal: 'kamal', tailscale: 'tailscale', mongocli: 'mongocli', helmfile: 'helmfile',
  ngrok: 'ngrok', 'expo-cli': 'expo-cli',
  eas: 'eas', bw: 'bw', lpass: 'lpass', cosign: 'cosign', goreleaser: 'goreleaser', prisma: 'prisma', knex: 'knex', sequelize: 'sequelize', typeorm: 'typeorm',
  'mikro-orm': 'mikro-orm', sqlmesh: 'sqlmesh', airflow: 'airflow', rancher: 'rancher', sfdx: 'sfdx', 'django-admin': 'django-admin',
};

function unpacked() {
  const given = process.argv[2];
  if (given) return { dir: given, cleanup: () => {} };
  const tmp = mkdtempSync(join(tmpdir(), 'fig-specs-'));
  execFileSync('npm', ['pack', `${PACKAGE}@${VERSION}`, '--silent'], { cwd: tmp, stdio: ['ignore', 'pipe', 'inherit'] });
  const tgz = readdirSync(tmp).find((f) => f.endsWith('.tgz'));
  execFileSync('tar', ['xzf', tgz], { cwd: tmp });
  return { dir: join(tmp, 'package'), cleanup: () => rmSync(tmp, { recursive: true, force: true }) };
}

const names = (n) => (Array.isArray(n) ? n : [n]).filter((x) => typeof x === 'string' && x.length > 0);

/** Loads a spec; versioned specs (a directory of versions) are the union of every version. */
async function loadSpec(build, path, seen = new Set()) {
  if (seen.has(path)) return undefined;
  seen.add(path);
  const file = join(build, `${path}.js`);
  const dir = join(build, path);
  if (existsSync(file)) {
    const mod = await import(pathToFileURL(file).href);
    if (typeof mod.default === 'object' && mod.default) return mod.default;
  }
  if (existsSync(dir)) {
    const versions = readdirSync(dir).filter((f) => /^\d[\d.]*\.js$/.test(f)).sort(compareVersions);
    const specs = [];
    for (const v of versions) {
      const mod = await import(pathToFileURL(join(dir, v)).href);
      if (mod.default && typeof mod.default === 'object') specs.push(mod.default);
      for (const diff of Object.values(mod.versions ?? {})) if (diff && typeof diff === 'object') specs.push({ subcommands: [...(diff.addedSubcommands ?? []), ...(diff.subcommands ?? [])] });
    }
    if (specs.length) return { name: path, subcommands: specs.flatMap((s) => s.subcommands ?? []), options: specs.flatMap((s) => s.options ?? []) };
  }
  return undefined;
}

function compareVersions(a, b) {
  const pa = a.replace(/\.js$/, '').split('.').map(Number);
  const pb = b.replace(/\.js$/, '').split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) if ((pa[i] ?? 0) !== (pb[i] ?? 0)) return (pa[i] ?? 0) - (pb[i] ?? 0);
  return 0;
}

/** A fig subcommand -> { c: children, a: aliases, v: options taking a value, d: dangerous }. */
async function compile(build, spec, seen) {
  const node = { c: {}, a: {}, v: new Set(), d: spec.isDangerous === true };
  for (const opt of spec.options ?? []) {
    const args = Array.isArray(opt.args) ? opt.args : opt.args ? [opt.args] : [];
    if (args.length && !args.every((a) => a?.isOptional)) for (const n of names(opt.name)) node.v.add(n);
  }
  for (const sub of spec.subcommands ?? []) {
    // The longest name is the canonical one (`release`, not its alias `r`).
    const [canonical, ...aliases] = [...names(sub.name)].sort((a, b) => b.length - a.length || a.localeCompare(b));
    if (!canonical) continue;
    let body = sub;
    if (typeof sub.loadSpec === 'string') {
      const loaded = await loadSpec(build, sub.loadSpec, seen);
      if (loaded) body = { ...loaded, ...sub, subcommands: [...(loaded.subcommands ?? []), ...(sub.subcommands ?? [])], options: [...(loaded.options ?? []), ...(sub.options ?? [])] };
    }
    const child = await compile(build, body, seen);
    node.c[canonical] = node.c[canonical] ? merge(node.c[canonical], child) : child;
    for (const a of aliases) if (a !== canonical) node.a[a] = canonical;
  }
  return node;
}

function merge(a, b) {
  for (const [k, v] of Object.entries(b.c)) a.c[k] = a.c[k] ? merge(a.c[k], v) : v;
  Object.assign(a.a, b.a);
  for (const v of b.v) a.v.add(v);
  a.d ||= b.d;
  return a;
}

/** Plain JSON, sorted keys, empty parts left out (a leaf with nothing to say is 0). Options that
 *  take a value are kept only where they can stand before a subcommand (not on leaves), and only
 *  where an ancestor does not already declare them: the reader inherits them down the path. */
function compact(node, inherited = new Set()) {
  const out = {};
  const children = Object.keys(node.c).sort();
  const own = children.length ? [...node.v].filter((v) => !inherited.has(v)).sort() : [];
  const below = new Set([...inherited, ...own]);
  if (children.length) out.c = Object.fromEntries(children.map((k) => [k, compact(node.c[k], below)]));
  const aliases = Object.keys(node.a).sort();
  if (aliases.length) out.a = Object.fromEntries(aliases.map((k) => [k, node.a[k]]));
  if (own.length) out.v = own;
  if (node.d) out.d = 1;
  return Object.keys(out).length ? out : 0;
}

const { dir, cleanup } = unpacked();
try {
  const build = join(dir, 'build');
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  const index = [];
  for (const [tool, specPath] of Object.entries(TOOLS).sort(([a], [b]) => a.localeCompare(b))) {
    const spec = await loadSpec(build, specPath);
    if (!spec) {
      console.warn(`no spec for ${tool} (${specPath})`);
      continue;
    }
    const tree = compact(await compile(build, spec, new Set([specPath])));
    const json = JSON.stringify(tree);
    const module = `// Generated by scripts/compile-command-trees.mjs from ${PACKAGE}@${VERSION} (${specPath}). Do not edit.\nexport default '${json.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}';\n`;
    writeFileSync(join(OUT, `${tool}.ts`), module);
    index.push([tool, json.length]);
  }
  const loaders = index.map(([tool]) => `  ${JSON.stringify(tool)}: () => import(${JSON.stringify(`./${tool}.js`)}),`).join('\n');
  writeFileSync(
    join(OUT, 'index.ts'),
    `// Generated by scripts/compile-command-trees.mjs from ${PACKAGE}@${VERSION}. Do not edit.\n` +
      `// Tool name -> its compiled command tree (JSON text), imported only when a command uses the tool.\n` +
      `export const GENERATED_TREES: Readonly<Record<string, () => Promise<{ default: string }>>> = {\n${loaders}\n};\n`,
  );
  for (const [tool, size] of index) console.log(`${tool}\t${size}`);
  console.log(`total\t${index.reduce((n, [, s]) => n + s, 0)}`);
} finally {
  cleanup();
}
