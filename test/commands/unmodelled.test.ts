// The rule for programs nobody modelled, programs behind variables, and copies that are not deletes.
import { rmSync } from 'node:fs';
import { check } from '../../src/pipeline.js';
import { caseWorkspace } from '../corpus/workspace.js';
import { describe, expect, it } from 'vitest';
import { parseShellCommand } from '../../src/intake/shell/index.js';
import { publishes, unmodelledConcern } from '../../src/intake/shell/unmodelled.js';
import { programNamed, resolveProgramWords } from '../../src/intake/shell/program-words.js';
import { literalWord } from '../../src/intake/shell/unwrap.js';

const concern = (command: string, env: Record<string, string> = {}, cwd?: string) => {
  const argv = command.split(' ');
  return unmodelledConcern(argv[0], argv, { env, cwd })?.key;
};

describe('unmodelled programs: unknown when the command says it may reach further', () => {
  it.each([
    ['frob --host db.prod.example.net', '--host'],
    ['frob --endpoint-url=https://api.example.net', '--endpoint-url'],
    ['frob --profile production', '--profile'],
    ['frob --region us-east-1 list', '--region'],
    ['frob --token abc', '--token'],
    ['frob copy s3://bucket/x .', 'url'],
    ['frob load postgres://db.internal/prod', 'url'],
    ['frob fetch https://api.acme.io/v1', 'url'],
    ['frob copy deploy@web-1:/srv', 'host'],
    ['frob delete all', 'delete'],
    ['frob users drop', 'drop'],
    ['frob DELETE', 'DELETE'],
    ['frob publish', 'publish'],
    ['frob run --wet-run', '--wet-run'],
    ['frob --purge', '--purge'],
    ['frob write /etc/hosts', 'path'],
    ['frob --out ~/.ssh/config', 'path'],
    ['aws-nuke -c x.yml', 'aws-nuke'],
    ['cloud-nuke aws', 'cloud-nuke'],
    ['frobnicate-prod', 'frobnicate-prod'],
    ['reboot', 'reboot'],
    ['systemctl stop postgresql', 'systemctl'],
    ['semantic-release', 'semantic-release'],
  ])('%s -> %s', (command, key) => {
    expect(concern(command)).toBe(key);
  });

  it('credentials and targets set for the command count', () => {
    expect(concern('frob status', { AWS_PROFILE: 'prod' })).toBe('AWS_PROFILE');
    expect(concern('frob status', { FROB_API_TOKEN: 'x' })).toBe('FROB_API_TOKEN');
    expect(concern('frob status', {}, '/etc')).toBe('cd');
  });

  it.each(['mockgen -source=a.go -destination=mocks/a.go', 'frob --help', 'frob sub --help', 'frob --host localhost:8080', 'frob --address :9000',
    'frob build --out /tmp/x', 'frob get https://github.com/acme/x/releases/download/v1/x.tgz', 'hugo --baseURL /', 'jest --testPathIgnorePatterns=/node_modules/',
    'frob ../../shared/config.json', 'systemctl status docker', 'frob --profile release build'])('%s: acts on the workspace', (command) => {
    expect(concern(command)).toBeUndefined();
  });

  it('workspace tools may remove from the workspace but not publish, yank or reach a registry by name', () => {
    const tool = (command: string) => unmodelledConcern(command.split(' ')[0], command.split(' '), { workspaceTool: true })?.key;
    expect(tool('poetry remove requests')).toBeUndefined();
    expect(tool('uv pip install --index-url https://pypi.internal/simple x')).toBeUndefined();
    expect(tool('uv publish')).toBe('publish');
    expect(tool('cargo yank --version 1.0.0')).toBe('yank');
    expect(tool('mvn deploy')).toBe('deploy');
  });

  it('an operation word known only at run time is unknown; a run-time path, file, value or operand is not (wave 17)', () => {
    for (const command of ['frob $X', 'frob $(cat verb.txt)', 'frob ${OP:-build} --all', 'frob -v $X', 'frob --yes $X', 'frob --config=a.yaml $X', 'frob $X-all', 'frob -- $X']) {
      expect(concern(command), command).toMatch(/^\$/);
    }
    for (const command of ['frob $DIR/x.yaml', 'frob $F.json', 'frob KEY=$V', 'frob @$FILE', 'frob build $TARGET', 'frob --target $TARGET', 'frob -total $N ./...', 'strip $BIN', 'misspell -w $DOCS']) {
      expect(concern(command), command).toBeUndefined();
    }
    expect(unmodelledConcern('frob', ['frob', '$X'], { runTime: [false, false] })).toBeUndefined();
    expect(unmodelledConcern('shellcheck', ['shellcheck', '$f'], { workspaceTool: true })).toBeUndefined();
  });

  it('a program pointed at production by an option or a variable is unknown (wave 17)', () => {
    for (const [command, key] of [['frob --prod', '--prod'], ['frob --production x', '--production'], ['frob -production', '-production'], ['frob --stage prod', '--stage'],
      ['frob --env=prd', '--env'], ['frob -eprod run', '-e'], ['frob run --tier prod-eu', '--tier'], ['frob --target=production', '--target'], ['frob run --stage $STAGE', '--stage']]) {
      expect(concern(command), command).toBe(key);
    }
    expect(concern('frob run', { APP_ENV: 'production' })).toBe('APP_ENV');
    for (const command of ['frob --no-prod', 'frob --prod=false', 'frob --env dev', 'frob --out dist/prod/x.js', 'frob serve --live-reload', 'frob --stage staging']) {
      expect(concern(command), command).toBeUndefined();
    }
    expect(concern('frob build', { NODE_ENV: 'production' })).toBeUndefined();
    expect(unmodelledConcern('webpack', ['webpack', '--mode', 'production'], { workspaceTool: true })).toBeUndefined();
  });

  it('docker builds that push are publishes', () => {
    expect(publishes('docker', ['docker', 'buildx', 'build', '--push', '-t', 'x', '.'])?.key).toBe('--push');
    expect(publishes('docker', ['docker', 'buildx', 'imagetools', 'create', '-t', 'a', 'b'])?.key).toBe('buildx imagetools create');
    expect(publishes('docker', ['docker', 'buildx', 'build', '--output', 'type=registry', '.'])?.key).toBe('--output');
    expect(publishes('docker', ['docker', 'build', '-t', 'x', '.'])).toBeUndefined();
    expect(publishes('docker', ['docker', 'run', 'push-gateway'])).toBeUndefined();
  });

  it('a command an unmodelled program is handed is judged as shell', async () => {
    expect((await parseShellCommand('hyperfine "rm -rf ~"'))[0]?.operation).toBe('delete');
    expect((await parseShellCommand('cross-env A=1 kubectl delete ns prod'))[0]?.operation).toBe('delete');
    expect(await parseShellCommand('cross-env NODE_ENV=production webpack')).toEqual([]);
  });
});

describe('programs behind variables', () => {
  it('an unset make-style variable stands for the program its name says', () => {
    expect(programNamed('DOCKER')).toBe('docker');
    expect(programNamed('DOCKER_COMPOSE_CMD')).toBe('docker-compose');
    expect(programNamed('GO_TEST')).toBe('go');
    expect(programNamed('MISSPELL')).toBe('misspell');
    expect(programNamed('CMD')).toBeUndefined();
    expect(programNamed('HELPER')).toBeUndefined();
  });

  it('variables the line set to plain values are put in; the program after a wrapper is resolved too', () => {
    const words = resolveProgramWords(['${SUDO}', '-E', '${DOCKER}', 'tag', '$X'].map(literalWord), { X: 'v1' });
    expect(words.map((w) => w.value)).toEqual(['sudo', '-E', 'docker', 'tag', 'v1']);
    expect(resolveProgramWords([literalWord('$X')], { X: 'a b' })[0].dynamic).toBe(true);
  });

  it('X=plan; terraform $X is a plan, X=destroy; terraform $X a destroy', async () => {
    expect((await parseShellCommand('X=plan; terraform $X'))[0]?.operation).toBe('read');
    expect((await parseShellCommand('X=destroy; terraform $X'))[0]?.operation).toBe('delete');
  });

  it('a variable wrapper before a known program is judged as that program; alone it stays unknown', async () => {
    expect((await parseShellCommand('"$HELPER" kubectl delete ns prod'))[0]?.operation).toBe('delete');
    expect((await parseShellCommand('"$BIN" --generate man'))[0]?.operation).toBe('unknown');
  });
});

describe('copies are not deletes', () => {
  it.each(['rsync -a src/ dst/', 'rsync -avz --exclude .git ./ /tmp/backup/', 'rsync -avn --delete src/ host:/srv/', 'scp host:/var/log/app.log .'])('%s: no remote write', async (command) => {
    // In a project whose tests are routine: what a copy brings onto files tools run unnamed is
    // judged as written code, and nothing here changes or deletes anything.
    const cwd = caseWorkspace('copies', { 'src/app.py': 'X = 1\n', 'tests/test_app.py': 'import shutil\n\ndef test_x(tmp_path):\n    shutil.rmtree(tmp_path)\n' });
    const { report } = await check({ commands: [command], cwd, implicitConfig: false });
    expect(report.actions.filter((a) => a.operation !== 'read')).toEqual([]);
    expect(report.verdict).toBe('pass');
    rmSync(cwd, { recursive: true, force: true });
  });

  it('rsync onto a host writes it; --delete there deletes; --delete locally is a workspace delete', async () => {
    expect((await parseShellCommand('rsync -a dist/ deploy@web:/srv/'))[0]).toMatchObject({ operation: 'update', hints: { endpoint: 'web' } });
    expect((await parseShellCommand('rsync -a --delete dist/ deploy@web:/srv/'))[0]?.operation).toBe('delete');
    expect((await parseShellCommand('rsync -a --delete src/ build/'))[0]).toMatchObject({ operation: 'delete', target: { type: 'fs:path', id: 'build/' }, details: { withinWorkspace: true } });
    const moved = await parseShellCommand('rsync -a --remove-source-files logs/ host:/archive/');
    expect(moved.map((a) => `${a.operation} ${a.target.id}`)).toEqual(['update host:/archive/', 'delete logs/']);
  });
});
