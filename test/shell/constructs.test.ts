// Everything that executes is walked: lists, pipes, subshells, groups, nested shells,
// substitutions, eval, wrappers, xargs, find, heredocs, control structures.
import { describe, expect, it } from 'vitest';
import { actions, evidenceText, parseShellCommand, summary } from './helpers.js';

describe('lists and grouping', () => {
  it.each([
    ['ls; rm -rf build', ['delete rm fs:path build']],
    ['ls -la && kubectl delete pod web-1', ['delete kubectl k8s:pod web-1']],
    ['test -f x || terraform destroy', ['delete terraform terraform:state default']],
    ['(cd infra && terraform destroy -auto-approve)', ['delete terraform terraform:state default']],
    ['{ echo start; helm uninstall api; }', ['delete helm helm:release api']],
    ['ls | grep x | xargs rm', ['delete rm fs:path (paths from stdin)']],
    ['sleep 1 &\nkubectl delete ns staging', ['delete kubectl k8s:namespace staging']],
    ['if [ -d build ]; then rm -rf build; fi', ['delete rm fs:path build']],
    ['for f in a b; do rm "$f"; done', ['delete rm fs:path a', 'delete rm fs:path b']],
    ['for f in a $L; do rm "$f"; done', ['delete rm fs:path $f']],
    ['while read id; do aws ec2 terminate-instances --instance-ids "$id"; done < ids.txt', ['delete aws AWS::EC2::Instance $id']],
    ['case "$ENV" in prod) terraform destroy;; *) echo no;; esac', ['delete terraform terraform:state default']],
    ['cleanup() { rm -rf /tmp/x; }; cleanup', ['delete rm fs:path /tmp/x']],
    ['function wipe { git clean -fdx; }', ['delete git git:worktree .']],
    ['[[ -f x && -d y ]] && rm x', ['delete rm fs:path x']],
    ['! git push --force origin main', ['update git git:ref origin/main']],
    ['ls \\\n  -la && rm \\\n  x', ['delete rm fs:path x']],
    ['echo hi # && rm -rf /', []],
  ])('%s', async (cmd, expected) => {
    expect(await summary(cmd)).toEqual(expected);
  });
});

describe('nested shells and substitutions', () => {
  it('sh -c, bash -lc, zsh -c recursively', async () => {
    expect(await summary(`sh -c 'bash -lc "zsh -c \\"kubectl delete ns prod\\""'`)).toEqual(['delete kubectl k8s:namespace prod']);
  });

  it('$(...) and backticks run their commands', async () => {
    expect(await summary('echo $(kubectl delete ns a) `helm uninstall b`')).toEqual(['delete kubectl k8s:namespace a', 'delete helm helm:release b']);
  });

  it('a substitution inside double quotes and ${var:-$(...)} runs', async () => {
    expect(await summary('echo "result: $(rm -rf ~)" ${X:-$(terraform destroy)}')).toEqual(['delete rm fs:path ~', 'delete terraform terraform:state default']);
  });

  it('substitutions in assignments and redirect targets run', async () => {
    expect(await summary('ID=$(aws ec2 terminate-instances --instance-ids i-9) > $(rm -f log)')).toEqual(['delete aws AWS::EC2::Instance i-9', 'delete rm fs:path log']);
  });

  it('process substitution runs', async () => {
    expect(await summary('diff <(kubectl get pods) <(kubectl delete pod x)')).toEqual(['read kubectl k8s:cluster current-context', 'delete kubectl k8s:pod x']);
  });

  it('eval with literal text is parsed', async () => {
    expect(await summary(`eval "terraform destroy -auto-approve"`)).toEqual(['delete terraform terraform:state default']);
  });

  it('eval of run-time text is unknown', async () => {
    const a = await actions('eval "$CMD"');
    expect(a.map((x) => x.operation)).toContain('unknown');
  });

  it('sh -c with a run-time script is unknown', async () => {
    expect((await actions('sh -c "$SCRIPT"')).map((x) => x.operation)).toContain('unknown');
  });

  it('curl | bash runs an invisible script: unknown', async () => {
    const a = await actions('curl -fsSL https://get.example.com/install.sh | bash');
    expect(a.some((x) => x.operation === 'unknown' && x.tool === 'bash')).toBe(true);
  });

  it('heredoc fed to bash is parsed', async () => {
    expect(await summary('bash <<EOF\nset -e\nkubectl delete deploy api -n prod\nEOF')).toEqual(['delete kubectl k8s:deployment api']);
  });

  it('ssh host cmd runs the remote command with the host as endpoint hint', async () => {
    const [a] = await actions('ssh -i key.pem ubuntu@db.prod.internal "sudo rm -rf /var/lib/postgresql"');
    expect(a).toMatchObject({ operation: 'delete', target: { id: '/var/lib/postgresql' }, hints: { endpoint: 'db.prod.internal' } });
  });

  it('kubectl exec runs the command inside the pod', async () => {
    const [a] = await actions('kubectl exec -n prod db-0 -- psql -c "TRUNCATE orders"');
    expect(a).toMatchObject({ operation: 'delete', verb: 'TRUNCATE', target: { id: 'orders' }, hints: { namespace: 'prod' } });
  });

  it('deep nesting ends in unknown, not a crash', async () => {
    let cmd = 'rm -rf /';
    for (let i = 0; i < 20; i++) cmd = `sh -c ${JSON.stringify(cmd)}`;
    const a = await actions(cmd);
    expect(a.length).toBeGreaterThan(0);
  });
});

describe('environment prefixes and wrappers', () => {
  it('AWS_PROFILE and AWS_REGION prefixes become hints', async () => {
    const [a] = await actions('AWS_PROFILE=prod AWS_REGION=eu-west-1 aws rds delete-db-instance --db-instance-identifier main --skip-final-snapshot');
    expect(a.hints).toMatchObject({ profile: 'prod', region: 'eu-west-1' });
    expect(a.operation).toBe('delete');
  });

  it('export earlier in the line applies to later commands', async () => {
    const [a] = await actions('export AWS_PROFILE=production && aws ec2 terminate-instances --instance-ids i-3');
    expect(a.hints.profile).toBe('production');
  });

  it('TF_WORKSPACE and terraform workspace select set the workspace', async () => {
    expect((await actions('TF_WORKSPACE=prod terraform destroy'))[0].target.id).toBe('prod');
    expect((await actions('terraform workspace select prod && terraform destroy -auto-approve'))[0].target.id).toBe('prod');
  });

  it('PGHOST/PGDATABASE become the endpoint', async () => {
    const [a] = await actions('PGHOST=prod-db.internal PGDATABASE=app psql -c "DELETE FROM users"');
    expect(a.hints.endpoint).toBe('prod-db.internal/app');
  });

  it('KUBECONFIG and --context give the kube context', async () => {
    expect((await actions('KUBECONFIG=~/.kube/prod.yaml kubectl delete pod x'))[0].hints.kubeContext).toBe('~/.kube/prod.yaml');
    expect((await actions('kubectl --context prod-eks delete pod x'))[0].hints.kubeContext).toBe('prod-eks');
    expect((await actions('kubectl config use-context prod && kubectl delete pod x'))[0].hints.kubeContext).toBe('prod');
  });

  it.each([
    'sudo -u root -E kubectl delete ns a',
    'sudo -- kubectl delete ns a',
    'env -i PATH=/bin kubectl delete ns a',
    'env -u HOME kubectl delete ns a',
    'timeout -s KILL 30s kubectl delete ns a',
    'nohup kubectl delete ns a &',
    'nice -n 10 kubectl delete ns a',
    'time kubectl delete ns a',
    'command kubectl delete ns a',
    'exec kubectl delete ns a',
    'stdbuf -o L kubectl delete ns a',
    'watch -n 5 kubectl delete ns a',
    'npx -y kubectl delete ns a',
    'sudo nice -n 5 timeout 10 env X=1 nohup kubectl delete ns a',
  ])('%s unwraps to kubectl delete ns', async (c) => {
    expect(await summary(c)).toEqual(['delete kubectl k8s:namespace a']);
  });

  it('env -i drops variables set before it', async () => {
    const [a] = await actions('AWS_PROFILE=prod env -i aws ec2 terminate-instances --instance-ids i-1');
    expect(a.hints.profile).toBeUndefined();
  });

  it('aws-vault exec PROFILE -- aws ... gives the profile', async () => {
    const [a] = await actions('aws-vault exec prod-admin -- aws ec2 terminate-instances --instance-ids i-1');
    expect(a).toMatchObject({ operation: 'delete', hints: { profile: 'prod-admin' } });
  });

  it('xargs terminate-instances is a terminate whose ids come from stdin', async () => {
    const [a] = await actions('aws ec2 describe-instances --query "Reservations[].Instances[].InstanceId" --output text | xargs aws ec2 terminate-instances --instance-ids');
    // The describe call is a read, the xargs one a delete.
    const all = await actions('aws ec2 describe-instances --output text | xargs -n 1 aws ec2 terminate-instances --instance-ids');
    expect(all.map((x) => x.operation)).toEqual(['read', 'delete']);
    expect(all[1].details?.argumentsFromStdin).toBe(true);
    expect(evidenceText(all[1])).toMatch(/xargs/);
    expect(a).toBeDefined();
  });

  it('xargs -I{} rm -rf {} deletes paths from stdin', async () => {
    const [a] = await actions('ls | xargs -I{} rm -rf {}');
    expect(a).toMatchObject({ operation: 'delete', tool: 'rm', target: { id: '(paths from stdin)' } });
    expect(a.details?.argumentsFromStdin).toBe(true);
  });
});

describe('find', () => {
  it('find / -delete is an irreversible delete of /', async () => {
    const [a] = await actions('find / -delete');
    expect(a).toMatchObject({ operation: 'delete', tool: 'find', target: { id: '/' } });
    expect(a.intrinsic?.reversibility).toBe('irreversible');
  });

  it('find . -name "*.pyc" -delete is bounded by the filter', async () => {
    const [a] = await actions('find . -name "*.pyc" -delete');
    expect(a.operation).toBe('delete');
    expect(a.intrinsic).toBeUndefined();
    expect(evidenceText(a)).toMatch(/-name \*\.pyc/);
  });

  it('find ~ -exec rm -rf {} \\; runs rm on matches under ~', async () => {
    const [a] = await actions('find ~ -maxdepth 1 -exec rm -rf {} \\;');
    expect(a).toMatchObject({ operation: 'delete', tool: 'rm', target: { id: '~/{}' } });
    expect(evidenceText(a)).toMatch(/find -exec/);
  });

  it('find without -delete or -exec is local', async () => {
    expect(await actions('find src -type f -name "*.ts"')).toEqual([]);
  });
});

describe('heredocs and stdin', () => {
  it('heredoc into psql', async () => {
    expect(await summary("psql -h prod <<'SQL'\nBEGIN;\nDELETE FROM sessions;\nDROP INDEX idx_a;\nCOMMIT;\nSQL")).toEqual([
      'delete sql sql:table sessions',
      'delete sql sql:index idx_a',
    ]);
  });

  it('heredoc with <<- and a command after it', async () => {
    expect(await summary('mysql -h db <<-EOF\n\tTRUNCATE TABLE logs;\n\tEOF\nrm -f out.txt')).toEqual(['delete sql sql:table logs', 'delete rm fs:path out.txt']);
  });

  it('here-string into psql', async () => {
    expect(await summary(`psql <<< 'DROP SCHEMA public CASCADE'`)).toEqual(['delete sql sql:schema public']);
  });

  it('unquoted heredoc substitutions run', async () => {
    expect(await summary('cat <<EOF > x\n$(kubectl delete ns a)\nEOF')).toEqual(['delete kubectl k8s:namespace a']);
  });

  it('cat file.sql | psql has statements we cannot see', async () => {
    const [a] = await actions('cat migration.sql | psql -h prod');
    expect(a).toMatchObject({ operation: 'unknown', tool: 'sql', hints: { endpoint: 'prod' } });
  });
});

describe('redirects to devices', () => {
  it('cat img > /dev/sda is an irreversible delete of the device', async () => {
    const [a] = await actions('cat disk.img > /dev/sda');
    expect(a).toMatchObject({ operation: 'delete', target: { type: 'fs:path', id: '/dev/sda' } });
    expect(a.intrinsic?.reversibility).toBe('irreversible');
  });
  it('> /dev/null is nothing', async () => {
    expect(await actions('ls > /dev/null 2>&1')).toEqual([]);
  });
});

describe('source references', () => {
  it('each action names the simple command it came from, with file/line passed through', async () => {
    const a = await parseShellCommand('set -e\nls -la\nterraform destroy -auto-approve', { file: 'deploy.sh', line: 10 });
    expect(a[0].source).toEqual({ kind: 'shell', file: 'deploy.sh', line: 12, command: 'terraform destroy -auto-approve' });
  });

  it('secrets are removed from the command text', async () => {
    const [a] = await actions('PGPASSWORD=hunter2 psql postgres://admin:s3cret@db.prod:5432/app -c "DROP TABLE t"');
    const text = JSON.stringify(a);
    expect(text).not.toContain('hunter2');
    expect(text).not.toContain('s3cret');
    expect(a.hints.endpoint).toBe('db.prod/app');
  });
});

describe('unparsable input', () => {
  it.each(['echo "unterminated', "rm -rf 'x", 'echo $(rm x', 'echo `rm'])('%s yields an unknown action', async (c) => {
    const a = await actions(c);
    expect(a).toHaveLength(1);
    expect(a[0]).toMatchObject({ operation: 'unknown', verb: 'unparsable', scope: 'unknown' });
  });

  it('arithmetic is not a command, but command-like text in $(( )) fails closed', async () => {
    expect(await actions('echo $(( i + 1 )) $((n*2)); (( count++ ))')).toEqual([]);
    expect(await summary('echo $((rm -rf ~/))')).toEqual(['delete rm fs:path ~/']);
    expect(await summary('echo $((dropdb app) )')).toEqual(['delete sql sql:database app']);
  });

  it('bash syntax it handles: arrays, $\'\', arithmetic, |&', async () => {
    expect(await summary("arr=(a b); echo $'x\\ty' $((1+2)) |& cat; ((i++)); rm ${arr[0]}")).toEqual(['delete rm fs:path ${arr[0]}']);
  });
});
