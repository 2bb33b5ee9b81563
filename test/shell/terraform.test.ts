import { describe, expect, it } from 'vitest';
import { actions, evidenceText, summary } from './helpers.js';

describe('terraform / tofu / terragrunt', () => {
  it('destroy -target=ADDR and -target ADDR are resource deletes', async () => {
    const a = await actions('terraform destroy -target=aws_db_instance.main -target module.vpc.aws_vpc.this');
    expect(a.map((x) => [x.operation, x.scope, x.target])).toEqual([
      ['delete', 'resource', { type: 'terraform:resource', id: 'aws_db_instance.main', address: 'aws_db_instance.main' }],
      ['delete', 'resource', { type: 'terraform:resource', id: 'module.vpc.aws_vpc.this', address: 'module.vpc.aws_vpc.this' }],
    ]);
  });

  it('apply -destroy is a destroy', async () => {
    expect(await summary('tofu apply -destroy -auto-approve')).toEqual(['delete tofu terraform:state default']);
  });

  it('apply -auto-approve without a plan is unknown and asks for the plan JSON', async () => {
    const [a] = await actions('terraform apply -auto-approve');
    expect(a).toMatchObject({ operation: 'unknown', scope: 'unknown' });
    expect(evidenceText(a)).toMatch(/without review/);
    expect(evidenceText(a)).toMatch(/show -json/);
  });

  it('apply <planfile> is unknown and names the plan file', async () => {
    const [a] = await actions('terraform apply tfplan');
    expect(a).toMatchObject({ operation: 'unknown', details: { planFile: 'tfplan' } });
  });

  it('apply -replace is a replace of the address', async () => {
    expect(await summary('terraform apply -replace=aws_instance.web')).toEqual(['replace terraform terraform:resource aws_instance.web']);
  });

  it('state rm orphans the resource: an update of state only, recoverable', async () => {
    const [a] = await actions('terraform state rm aws_s3_bucket.logs');
    expect(a).toMatchObject({ operation: 'update', verb: 'state rm', target: { id: 'aws_s3_bucket.logs' }, details: { stateOnly: true, orphaned: true } });
    expect(a.intrinsic?.reversibility).toBe('recoverable');
    expect(evidenceText(a)).toMatch(/orphaned/);
  });

  it('state mv, import, taint, force-unlock, workspace delete', async () => {
    expect(await summary('terraform state mv aws_instance.a aws_instance.b')).toEqual(['update terraform terraform:resource aws_instance.a']);
    expect(await summary('terraform import aws_instance.a i-123')).toEqual(['update terraform terraform:resource aws_instance.a']);
    expect(await summary('terraform taint aws_instance.a')).toEqual(['replace terraform terraform:resource aws_instance.a']);
    expect(await summary('terraform force-unlock -force 1234-abcd')).toEqual(['update terraform terraform:state default']);
    const [ws] = await actions('terraform workspace delete -force staging');
    expect(ws).toMatchObject({ operation: 'delete', scope: 'environment', target: { type: 'terraform:state', id: 'staging' } });
    expect(ws.intrinsic?.reversibility).toBe('irreversible');
  });

  it.each(['plan', 'plan -destroy', 'show', 'validate', 'init -upgrade', 'output -json', 'fmt -recursive'])('terraform %s is a read', async (sub) => {
    const [a] = await actions(`terraform ${sub}`);
    expect(a.operation).toBe('read');
  });

  it('-chdir and cd give the stack directory', async () => {
    expect((await actions('terraform -chdir=envs/prod destroy -auto-approve'))[0].hints).toMatchObject({ stackName: 'envs/prod', workspace: 'default' });
    expect((await actions('cd envs/prod && terraform destroy'))[0].hints.stackName).toBe('envs/prod');
  });

  it('terragrunt run-all destroy and run --all destroy cover every module', async () => {
    for (const c of ['terragrunt run-all destroy --terragrunt-non-interactive', 'terragrunt run --all destroy', 'terragrunt destroy-all']) {
      const [a] = await actions(c);
      expect(a).toMatchObject({ operation: 'delete', scope: 'environment', target: { type: 'terraform:state', id: 'run-all' } });
    }
  });

  it('unknown subcommand is unknown', async () => {
    expect((await actions('terraform frob'))[0].operation).toBe('unknown');
  });
});
