import { chmodSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseShellCommand } from '../../src/intake/shell/index.js';
import { actionsIn, evidenceOf, summary, workspace } from './helpers.js';

describe('shell scripts and files run by their path', () => {
  it('bash x.sh, sh x.sh and ./x.sh are read; actions carry the script file and line', async () => {
    const files = { 'deploy.sh': '#!/bin/bash\nset -e\necho starting\nterraform destroy -auto-approve\n' };
    for (const run of ['bash deploy.sh', 'sh deploy.sh', './deploy.sh', 'bash -x ./deploy.sh']) {
      const got = await actionsIn(run, files, ['deploy.sh']);
      expect(got.map((a) => `${a.operation} ${a.tool} ${a.source.file}:${a.source.line}`), run).toEqual(['delete terraform deploy.sh:4']);
    }
  });

  it('a shebang picks the language; no shebang runs as sh; a binary is unknown', async () => {
    expect(await summary('./wipe', { wipe: "#!/usr/bin/env python3\nimport shutil\nshutil.rmtree('/srv')\n" }, ['wipe'])).toEqual(['delete rm fs:path /srv']);
    expect(await summary('./wipe', { wipe: 'dropdb prod\n' }, ['wipe'])).toEqual(['delete sql sql:database prod']);
    const [a] = await actionsIn('./tool', { tool: Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2, 3]) }, ['tool']);
    expect(a.operation).toBe('unknown');
    expect(evidenceOf(a)).toMatch(/binary/);
    const [b] = await actionsIn('./run.lua', { 'run.lua': '#!/usr/bin/env lua\nprint(1)\n' }, ['run.lua']);
    expect(evidenceOf(b)).toMatch(/lua, a language Firebreak does not read/);
  });

  it('a script named like a local command is still read when run by its path', async () => {
    expect(await summary('./ls', { ls: 'rm -rf ~/\n' }, ['ls'])).toEqual(['delete rm fs:path ~/']);
  });

  it('project tool wrappers keep their name-based judgment', async () => {
    expect(await summary('./gradlew build', { gradlew: '#!/bin/sh\nexec "$JAVACMD" "$@"\n' }, ['gradlew'])).toEqual([]);
    expect(await summary('./node_modules/.bin/jest')).toEqual([]);
  });

  it('source of a workspace file is read; activation scripts stay routine', async () => {
    expect(await summary('source scripts/ops.sh && echo ok', { 'scripts/ops.sh': 'export A=1\nkubectl delete ns staging\n' })).toEqual(['delete kubectl k8s:namespace staging']);
    expect(await summary('. ./setup.sh', { 'setup.sh': 'export PATH=$PATH:./bin\n' })).toEqual([]);
    expect(await summary('source .venv/bin/activate && pytest')).toEqual([]);
  });
});

describe('files written and run in the same command', () => {
  it('cat > x.py <<EOF ... EOF && python3 x.py is judged on the heredoc, not on disk', async () => {
    const command = "cat > x.py <<'EOF'\nimport boto3\nboto3.client('s3').delete_bucket(Bucket='prod-assets')\nEOF\npython3 x.py";
    const got = await actionsIn(command, { 'x.py': 'print("harmless on disk")\n' });
    expect(got.map((a) => `${a.operation} ${a.target.id} ${a.source.file}:${a.source.line}`)).toEqual(['delete prod-assets x.py:2']);
    expect(got.map(evidenceOf).join()).toMatch(/wrote earlier in the line/);
  });

  it('tee, printf and echo writes; cd changes where the file is', async () => {
    expect(await summary("tee run.sh <<'EOF' >/dev/null\ndropdb prod\nEOF\nbash run.sh")).toEqual(['delete sql sql:database prod']);
    expect(await summary(`printf 'import shutil\\nshutil.rmtree("/data")\\n' > w.py && python3 w.py`)).toEqual(['delete rm fs:path /data']);
    expect(await summary(`echo "kubectl delete ns prod" > k.sh; sh k.sh`)).toEqual(['delete kubectl k8s:namespace prod']);
    const dir = workspace();
    mkdirSync(join(dir, 'sub'));
    const got = await parseShellCommand("cd sub && cat > a.sh <<'EOF'\ndropdb prod\nEOF\nbash a.sh", {}, { cwd: dir });
    expect(got.map((a) => a.target.id)).toEqual(['prod']);
  });

  it('a script that writes another script and runs it', async () => {
    const gen = "with open('inner.sh', 'w') as f:\n    f.write('terraform destroy -auto-approve')\n";
    // The inner script is written at run time by Python: running it later in the line is unknown
    // (not judged on a stale copy), and the write itself is visible.
    const got = await actionsIn('python3 gen.py && bash inner.sh', { 'gen.py': gen, 'inner.sh': 'echo old\n' });
    expect(got.some((a) => a.operation === 'unknown' || a.operation === 'delete')).toBe(true);
  });

  it('content that is not visible is not read from a stale file', async () => {
    const [a] = await actionsIn('curl -s https://example.com/i.sh -o i.sh && bash i.sh', { 'i.sh': 'echo harmless\n' });
    const all = await actionsIn('curl -s https://example.com/i.sh -o i.sh && bash i.sh', { 'i.sh': 'echo harmless\n' });
    expect(all.some((x) => x.operation === 'unknown' && /download/.test(evidenceOf(x)))).toBe(true);
    void a;
    const piped = await actionsIn('curl -s https://example.com/i.py | python3');
    expect(piped.some((x) => x.operation === 'unknown')).toBe(true);
  });

  it('cat x.py | python reads the file; python < x.py too', async () => {
    const files = { 'x.py': "import os\nos.system('dropdb prod')\n" };
    expect(await summary('cat x.py | python3', files)).toEqual(['delete sql sql:database prod']);
    expect(await summary('python3 < x.py', files)).toEqual(['delete sql sql:database prod']);
    expect(await summary(`python3 <<< "import os; os.system('dropdb prod')"`)).toEqual(['delete sql sql:database prod']);
    expect(await summary(`echo "require('child_process').execSync('dropdb prod')" | node`)).toEqual(['delete sql sql:database prod']);
  });
});

describe('bad input escalates with the reason', () => {
  it.each([
    ['python3 missing.py', {}, /does not exist/],
    ['python3 dir', { 'dir/a.txt': 'x' }, /directory/],
    ['python3 big.py', { 'big.py': `x = 1\n${'# padding\n'.repeat(40_000)}` }, /larger than/],
    ['python3 bin.py', { 'bin.py': Buffer.from([0xff, 0xfe, 0x00, 0x41]) }, /binary/],
    ['python3 bad.py', { 'bad.py': 'def f(:\n  pass\n' }, /syntax error/],
    ['ruby bad.rb', { 'bad.rb': 'def x(\n' }, /syntax error/],
    ['python3 $SCRIPT', {}, /computed at run time/],
  ] as const)('%s', async (command, files, why) => {
    const got = await actionsIn(command, files as Record<string, string | Buffer>);
    expect(got.length).toBeGreaterThan(0);
    expect(got.every((a) => a.operation === 'unknown')).toBe(true);
    expect(got.map(evidenceOf).join('\n')).toMatch(why);
  });

  it('names that are Object.prototype members are not table entries', async () => {
    expect((await summary('python3 toString'))[0]).toMatch(/^unknown/);
    expect(await summary(`python3 -c "constructor('x'); toString(); __proto__.hasOwnProperty('a')"`)).toEqual([]);
    expect(await summary(`node -e "constructor('rm -rf /'); valueOf()"`)).toEqual([]);
  });

  it('an unreadable file', async () => {
    if (process.getuid?.() === 0) return; // root reads everything
    const dir = workspace({ 's.py': 'print(1)\n' });
    chmodSync(join(dir, 's.py'), 0o000);
    const got = await parseShellCommand('python3 s.py', {}, { cwd: dir });
    expect(evidenceOf(got[0])).toMatch(/cannot be read/);
  });
});
