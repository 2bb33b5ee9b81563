// Rust: `cargo run`, cargo aliases (xtask) and build scripts judged by what the Rust code does. Real
// files in temporary workspaces, read by the real tree-sitter-rust grammar.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { newCrateScope, readRustFile } from '../../src/intake/code/readers/rust.js';
import { firstSyntaxError, parse } from '../../src/intake/code/tree-sitter.js';
import { actionsIn, evidenceOf } from './helpers.js';

const PKG = '[package]\nname = "app"\nversion = "0.1.0"\n';
const ops = (actions: Awaited<ReturnType<typeof actionsIn>>) => actions.map((a) => `${a.operation} ${a.target.id}`);
const effectsOf = async (text: string) => (await readRustFile('src/main.rs', text, newCrateScope())).effects;

beforeAll(async () => {
  await actionsIn('cargo run', { 'Cargo.toml': PKG, 'src/main.rs': 'fn main() {}\n' });
}, 60_000);

describe('the Rust reader', () => {
  it('follows use aliases, consts, format! and Path::join to the path a delete names', async () => {
    const effects = await effectsOf('use std::fs as f;\nuse std::path::PathBuf;\nconst ROOT: &str = "/srv";\nfn main() {\n    let p = PathBuf::from(format!("{}/data", ROOT)).join("db");\n    f::remove_dir_all(&p).unwrap();\n}\n');
    expect(effects).toMatchObject([{ kind: 'file', op: 'delete', recursive: true, path: { t: 'str', v: '/srv/data/db' }, loc: { line: 6 } }]);
  });

  it('builds a Command across statements and runs it where status() is called', async () => {
    const effects = await effectsOf('use std::process::Command;\nfn main() {\n    let mut c = Command::new("sh");\n    c.arg("-c");\n    c.args(["rm -rf build"]);\n    c.current_dir("/tmp/x");\n    c.status().unwrap();\n}\n');
    expect(effects).toMatchObject([{ kind: 'shell', text: "cd /tmp/x && sh -c 'rm -rf build'", loc: { line: 7 } }]);
  });

  it('a command whose program or arguments are known only at run time is unknown, naming where they come from', async () => {
    const effects = await effectsOf('fn main() {\n    let t = std::env::var("TOOL").unwrap();\n    std::process::Command::new(t).status().unwrap();\n}\n');
    expect(effects).toHaveLength(1);
    expect(effects[0]).toMatchObject({ kind: 'unknown' });
    expect((effects[0] as { why: string }).why).toContain('an environment variable (TOOL)');
  });

  it('maps an AWS SDK fluent call onto the service and operation, with its parameters', async () => {
    const effects = await effectsOf('use aws_sdk_s3::Client;\nasync fn f(client: &Client) {\n    client.delete_bucket().bucket("prod-data").send().await.unwrap();\n}\n');
    expect(effects).toMatchObject([{ kind: 'aws', service: 's3', operation: 'DeleteBucket', params: [['Bucket', { t: 'str', v: 'prod-data' }]] }]);
  });

  it('reads SQL, HTTP, OpenOptions writes, libc::system and foreign functions', async () => {
    const effects = await effectsOf([
      'use std::fs::OpenOptions;',
      'extern "C" { fn nuke(); }',
      'fn main() {',
      '    sqlx::query("DROP TABLE users");',
      '    ureq::delete("https://api.example.com/x").call();',
      '    OpenOptions::new().append(true).open("/etc/hosts").unwrap();',
      '    OpenOptions::new().read(true).open("/etc/hosts").unwrap();',
      '    unsafe { libc::system(std::ffi::CString::new("rm -rf /srv").unwrap().as_ptr()); nuke(); }',
      '}',
    ].join('\n'));
    expect(effects.map((e) => e.kind)).toEqual(['unknown', 'sql', 'http', 'file', 'shell', 'unknown']);
  });

  it('macro arguments are read as code: a delete inside println! counts, at its line', async () => {
    const effects = await effectsOf('fn main() {\n    println!(\n        "{:?}",\n        std::fs::remove_file("/etc/passwd")\n    );\n}\n');
    expect(effects).toMatchObject([{ kind: 'file', op: 'delete', loc: { line: 4 } }]);
  });

  it('never throws, and code with a syntax error is never without an unknown', async () => {
    const FRAGMENTS = ['fn main() {', '}', '(', ')', '"', 'r#"', '"#', ';', 'let x = ', 'std::fs::remove_dir_all(', 'Command::new("sh")', '.arg(', 'mod a;', 'use std::fs;',
      'include!(', 'macro_rules! m { () => {} }', 'unsafe {', 'extern "C" {', 'format!("{}", ', '\n', ' ', '::', '<', '>', '&', '?', '.await', "'a", '#[path = "x"]'];
    const codeLike = fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 40 }).map((p) => p.join(''));
    const anyText = fc.oneof(fc.string({ maxLength: 200 }), fc.string({ unit: 'grapheme', maxLength: 120 }), codeLike);
    await fc.assert(fc.asyncProperty(anyText, async (text) => {
      const effects = await effectsOf(text);
      const tree = await parse('rust', text);
      if (tree && firstSyntaxError(tree.rootNode)) expect(effects.some((e) => e.kind === 'unknown')).toBe(true);
    }), { numRuns: 200 });
  });
});

describe('cargo commands', () => {
  it('cargo xtask: the alias is expanded and the xtask program read, with file:line evidence', async () => {
    const files = {
      '.cargo/config.toml': '[alias]\nxtask = "run --package xtask --"\n',
      'Cargo.toml': '[workspace]\nmembers = ["xtask"]\n',
      'xtask/Cargo.toml': '[package]\nname = "xtask"\nversion = "0.1.0"\n',
      'xtask/src/main.rs': 'fn main() {\n    std::fs::remove_dir_all("/srv/data").unwrap();\n}\n',
    };
    for (const run of ['cargo xtask build', 'cargo xtask wipe', 'cargo run -p xtask', 'cargo run --package=xtask -- x']) {
      const actions = await actionsIn(run, files);
      const del = actions.find((a) => a.operation === 'delete');
      expect(del, run).toBeDefined();
      expect(evidenceOf(del!)).toContain('xtask/src/main.rs:2 calls std::fs::remove_dir_all("/srv/data")');
    }
  });

  it('a benign xtask named like a destructive one passes: it is judged by what it does', async () => {
    const files = {
      '.cargo/config.toml': '[alias]\nxtask = "run --package xtask --"\n',
      'Cargo.toml': '[workspace]\nmembers = ["xtask"]\n',
      'xtask/Cargo.toml': '[package]\nname = "xtask"\nversion = "0.1.0"\n',
      'xtask/src/main.rs': 'fn main() {\n    println!("nothing to wipe");\n}\n',
    };
    expect(await actionsIn('cargo xtask wipe', files)).toEqual([]);
  });

  it('a committed build script is read when cargo builds; only what it names counts', async () => {
    const bad = await actionsIn('cargo build', { 'Cargo.toml': PKG, 'src/main.rs': 'fn main() {}\n', 'build.rs': 'fn main() { std::fs::remove_dir_all("/var/lib/postgresql").ok(); }\n' });
    expect(ops(bad).some((o) => o.startsWith('delete'))).toBe(true);
    const fine = await actionsIn('cargo build', { 'Cargo.toml': PKG, 'src/main.rs': 'fn main() {}\n', 'build.rs': 'fn main() {\n    let out = std::env::var("OUT_DIR").unwrap();\n    std::fs::write(format!("{out}/x.rs"), "").unwrap();\n}\n' });
    expect(fine).toEqual([]);
  });

  it('past the file bound the crate is unknown, with the reason', async () => {
    const files: Record<string, string> = { 'Cargo.toml': PKG, 'src/main.rs': `${Array.from({ length: 305 }, (_, i) => `mod m${i};`).join('\n')}\nfn main() {}\n` };
    for (let i = 0; i < 305; i++) files[`src/m${i}.rs`] = 'pub fn f() {}\n';
    const actions = await actionsIn('cargo run', files);
    expect(actions.some((a) => a.operation === 'unknown' && evidenceOf(a).includes('more Rust code than Firebreak reads'))).toBe(true);
  });
});
