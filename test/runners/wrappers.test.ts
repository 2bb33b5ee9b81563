// Wrappers, command strings and commands hidden in settings are followed to what they run.
import { describe, expect, it } from 'vitest';
import { parseShellCommand } from '../../src/intake/shell/index.js';
import { vimCommands } from '../../src/intake/shell/runners/command-strings.js';
import { actionsIn, evidenceOf, summaryIn } from './helpers.js';

const summary = async (cmd: string) => (await parseShellCommand(cmd)).map((a) => `${a.operation} ${a.tool} ${a.target.type} ${a.target.id}`);
const NS = 'delete kubectl k8s:namespace prod';

describe('wrappers run the command inside', () => {
  it.each([
    'setsid kubectl delete ns prod',
    'setsid -f kubectl delete ns prod',
    "su -c 'kubectl delete ns prod' deploy",
    "su - deploy -c 'kubectl delete ns prod'",
    'su --command="kubectl delete ns prod" root',
    "runuser -l deploy -c 'kubectl delete ns prod'",
    'runuser -u deploy -- kubectl delete ns prod',
    "script -qc 'kubectl delete ns prod' /dev/null",
    'script -q /dev/null kubectl delete ns prod',
    "flock /tmp/lock -c 'kubectl delete ns prod'",
    'flock -w 10 /tmp/lock kubectl delete ns prod',
    'chroot /srv/root kubectl delete ns prod',
    'systemd-run --user --unit cleanup kubectl delete ns prod',
    'nsenter -t 1 -m -u -i -n -p -- kubectl delete ns prod',
    'unshare -r kubectl delete ns prod',
    "watch -n 5 'kubectl delete ns prod'",
    'watch -x kubectl delete ns prod',
    "sg docker 'kubectl delete ns prod'",
    'sudo -Eu deploy kubectl delete ns prod',
    'timeout -s9 60 kubectl delete ns prod',
    'nice -n5 ionice -c3 kubectl delete ns prod',
    'doppler run -- kubectl delete ns prod',
    "doppler run --command 'kubectl delete ns prod'",
    'infisical run --env=prod -- kubectl delete ns prod',
    'op run --env-file .env -- kubectl delete ns prod',
    'dotenvx run -f .env.production -- kubectl delete ns prod',
    'cross-env NODE_ENV=production kubectl delete ns prod',
    'strace -f -o /tmp/t kubectl delete ns prod',
    'xvfb-run -a kubectl delete ns prod',
    'tini -- kubectl delete ns prod',
    'gosu app kubectl delete ns prod',
    'conda run -n ops kubectl delete ns prod',
    'direnv exec . kubectl delete ns prod',
    "sops exec-env secrets.enc.env 'kubectl delete ns prod'",
    'chamber exec prod -- kubectl delete ns prod',
  ])('%s', async (cmd) => {
    expect(await summary(cmd)).toContain(NS);
  });

  it('wrappers that say how the command runs leave it as evidence', async () => {
    const [a] = await parseShellCommand("su -c 'kubectl delete ns prod' root");
    expect(evidenceOf(a)).toMatch(/runs as another user \(su\)/);
    const [b] = await parseShellCommand('doppler run -- kubectl delete ns prod');
    expect(evidenceOf(b)).toMatch(/credentials or secrets injected/);
    const [c] = await parseShellCommand('systemd-run -H ops@db1 kubectl delete ns prod');
    expect(c.hints.endpoint).toBe('ops@db1');
    const [d] = await parseShellCommand('saml2aws exec --exec-profile prod -- aws s3 rb s3://x');
    expect(d.hints.profile).toBe('prod');
  });

  it('a wrapper without a command opens an interactive session: unknown', async () => {
    for (const cmd of ['su', 'su - root', 'script', 'chroot /mnt', 'nsenter -t 1 -a', 'unshare -r']) {
      const a = await parseShellCommand(cmd);
      expect(a.map((x) => x.operation), cmd).toEqual(['unknown']);
    }
  });

  it('a wrapper that runs a subcommand is never answered by the fast path', async () => {
    for (const cmd of ['bundle exec rake db:drop', 'poetry run python manage.py flush', 'uv run make teardown', 'pipenv run rails db:reset']) {
      expect((await parseShellCommand(cmd)).some((a) => a.operation !== 'read'), cmd).toBe(true);
    }
  });

  it('flock on a file descriptor only takes a lock', async () => {
    expect(await summary('flock 9')).toEqual([]);
  });
});

describe('commands in settings and options', () => {
  it.each([
    ["git -c core.sshCommand='kubectl delete ns prod' fetch", NS],
    ["git -c alias.x='!kubectl delete ns prod' x", NS],
    ["git -c core.pager='kubectl delete ns prod' log", NS],
    ["git -c core.fsmonitor='kubectl delete ns prod' status", NS],
    ["git -c diff.external='kubectl delete ns prod' diff", NS],
    ["GIT_SSH_COMMAND='kubectl delete ns prod' git pull", NS],
    ["export GIT_SSH_COMMAND='kubectl delete ns prod'; git pull", NS],
    ["tar -cf x.tar --checkpoint=1 --checkpoint-action=exec='kubectl delete ns prod' src", NS],
    ["tar -xf x.tar --to-command='kubectl delete ns prod'", NS],
    ["tar -I 'kubectl delete ns prod' -cf x.tar.zst src", NS],
    ["PAGER='kubectl delete ns prod' man ls", NS],
  ])('%s', async (cmd, expected) => {
    expect(await summary(cmd)).toContain(expected);
  });

  it('harmless settings stay harmless', async () => {
    for (const cmd of ['git -c user.name=x commit -m msg', "git -c alias.st='status -sb' status", 'tar -czf out.tgz src', 'tar --checkpoint=100 --checkpoint-action=dot -xf a.tar', 'PAGER=less git log']) {
      // In a repository of its own: `git commit` reads the uncommitted files of the one it runs in.
      expect((await actionsIn({ 'README.md': 'x\n' }, cmd)).every((a) => a.operation !== 'delete' && a.operation !== 'unknown'), cmd).toBe(true);
    }
  });

  it('BASH_ENV names a file bash runs first; ENV is only an interactive shell\'s', async () => {
    const a = await actionsIn({ 'evil.sh': 'kubectl delete ns prod\n' }, 'BASH_ENV=evil.sh bash -c "echo hi"');
    expect(a.some((x) => x.operation !== 'read')).toBe(true);
    const b = await parseShellCommand('export BASH_ENV=/tmp/x.sh; bash -c true');
    expect(b.some((x) => x.operation !== 'read')).toBe(true);
    expect(await parseShellCommand('ENV=prod sh -c "echo hi"')).toEqual([]);
  });

  it('a Makefile that exports BASH_ENV with SHELL = bash runs that file before each recipe', async () => {
    const a = await actionsIn({ Makefile: 'SHELL := /bin/bash\nexport BASH_ENV := ./setup.sh\nall:\n\techo hi\n', 'setup.sh': 'kubectl delete ns prod\n' }, 'make');
    expect(a.some((x) => x.operation !== 'read')).toBe(true);
    expect(await actionsIn({ Makefile: 'ENV ?= prod\nall:\n\techo $(ENV)\n' }, 'make ENV=staging')).toEqual([]);
  });
});

describe('command strings', () => {
  it.each([
    ["trap 'kubectl delete ns prod' EXIT", NS],
    ["trap -- 'kubectl delete ns prod' INT TERM", NS],
    ['parallel kubectl delete ns ::: prod', NS],
    ["parallel 'kubectl delete ns {}' ::: prod staging", NS],
    ["parallel ::: 'kubectl delete ns prod' 'echo hi'", NS],
    ["echo 'kubectl delete ns prod' | parallel", NS],
    ["hyperfine 'kubectl delete ns prod'", NS],
    ["hyperfine --prepare 'kubectl delete ns prod' 'sleep 1'", NS],
    ["concurrently 'npm:watch' 'kubectl delete ns prod'", NS],
    ["vim -c ':!kubectl delete ns prod' -c ':q' file.txt", NS],
    ["vim +'!kubectl delete ns prod' +q", NS],
    ["nvim --headless -c 'silent !kubectl delete ns prod' -c 'qa!'", NS],
    ["vi -c 'r !kubectl delete ns prod' notes.txt", NS],
    ["vim -c '%!kubectl delete ns prod' -c wq data.txt", NS],
    ["ex -s file <<< '!kubectl delete ns prod'", NS],
    ["vim -es -c 'w !kubectl delete ns prod' -c q x", NS],
  ])('%s', async (cmd, expected) => {
    expect(await summary(cmd)).toContain(expected);
  });

  it('trap handlers that do nothing, editors that only edit', async () => {
    for (const cmd of ["trap '' INT", 'trap - EXIT', 'trap -p', "trap 'rm -f /tmp/lock.$$' EXIT", 'vim README.md', "vim -c ':wq' x", "vim +'%s/a/b/g' +wq x", 'nano x', 'vim -u NONE x']) {
      const a = await parseShellCommand(cmd);
      expect(a.every((x) => x.operation !== 'unknown'), cmd).toBe(true);
    }
  });

  it('editor code and scripts are unknown', async () => {
    for (const cmd of ["vim -c 'call system(\"rm -rf ~\")'", "vim -c 'py3 import os'", 'vim -S evil.vim', "emacs --batch --eval '(shell-command \"rm -rf ~\")'", 'vim -u ./project.vimrc x']) {
      const a = await parseShellCommand(cmd);
      expect(a.some((x) => x.operation === 'unknown'), cmd).toBe(true);
    }
  });

  it('vim command lines', () => {
    expect(vimCommands(':w | !rm -rf x | echo')).toEqual([{ kind: 'shell', text: 'rm -rf x | echo' }]);
    expect(vimCommands(':w!')).toEqual([]);
    expect(vimCommands("exe '!rm -rf x'")[0].kind).toBe('unknown');
  });
});

describe('xargs and find -exec', () => {
  it('xargs runs its command on what stdin lists', async () => {
    expect((await summary('cat namespaces.txt | xargs -n1 kubectl delete ns'))[0]).toMatch(/^delete kubectl k8s:namespace/);
    // The replace string stands for the input, which is not visible: the namespace is not `{}` itself.
    expect((await summary("xargs -I{} sh -c 'kubectl delete ns {}' < list")).some((s) => s.startsWith('delete kubectl k8s:namespace'))).toBe(true);
  });
  it('find -exec runs its command', async () => {
    expect((await summary('find . -name "*.tfstate" -exec terraform destroy -auto-approve \\;')).some((s) => s.startsWith('delete terraform'))).toBe(true);
  });
});

describe('the line writes, then runs', () => {
  it('a command hidden one wrapper deeper than before is still found', async () => {
    expect(await summaryIn({}, "sudo -u deploy setsid nohup su -c 'kubectl delete ns prod' &")).toContain(NS);
  });
});
