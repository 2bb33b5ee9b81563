import { describe, expect, it } from 'vitest';
import { readTerraformPlan } from '../../src/intake/terraform/plan.js';
import { actionAt, INFRACOST, LOCAL, read, TERRAFORM_JSON } from './helpers.js';

const plan = (name: string) => readTerraformPlan(read(TERRAFORM_JSON + name), name);

describe('public fixtures: actions', () => {
  it('action_reason: a tainted replacement destroys first and says why', () => {
    const result = plan('action_reason/plan.json');
    expect(result.actions).toHaveLength(1);
    const action = result.actions[0];
    expect(action.operation).toBe('replace');
    expect(action.verb).toBe('delete,create');
    expect(action.source).toEqual({ kind: 'terraform-plan', file: 'action_reason/plan.json', path: 'resource_changes[0]' });
    expect(action.evidence.map((e) => e.message)).toContain('destroyed before the new one exists: downtime');
    const reason = action.evidence.find((e) => e.key === 'action_reason');
    expect(reason?.value).toBe('replace_because_tainted');
    expect(reason?.message).toMatch(/tainted/);
    expect(action.target.names).toEqual(['8868159889619753631']);
  });

  it('actions: a Terraform action invocation is an unknown operation, never nothing', () => {
    const result = plan('actions/plan.json');
    expect(result.actions).toHaveLength(1);
    expect(result.actions[0]).toMatchObject({ operation: 'unknown', verb: 'invoke', target: { id: 'action.bufo_print.success' } });
  });

  it('moved_block: a move without changes is a warning, not an action', () => {
    const result = plan('moved_block/plan.json');
    expect(result.actions).toEqual([]);
    expect(result.warnings.join('\n')).toMatch(/random_id\.test2 moves from random_id\.test/);
  });

  it('deep_module: nested module addresses are kept whole', () => {
    const [action] = plan('deep_module/plan.json').actions;
    expect(action.target.id).toBe('module.foo.module.bar.null_resource.baz');
    expect(action.hints.terraformAddress).toBe('module.foo.module.bar.null_resource.baz');
    expect(action.details?.moduleAddress).toBe('module.foo.module.bar');
    expect(action.operation).toBe('create');
  });

  it('013_module_depends_on: data source reads are not actions', () => {
    const result = plan('013_module_depends_on/plan.json');
    expect(result.actions.map((a) => a.target.id).sort()).toEqual(['module.foo.null_resource.resource', 'null_resource.bar']);
  });

  it('config_resource_depends_on: replace and no-op', () => {
    const result = plan('config_resource_depends_on/plan.json');
    expect(result.actions.map((a) => [a.target.id, a.operation])).toEqual([['null_resource.bar', 'replace']]);
  });

  it('has_changes: all no-op, so no actions but the whole world', () => {
    const result = plan('has_changes/plan.json');
    expect(result.actions).toEqual([]);
    expect(result.world!.resources.map((r) => r.id).sort()).toEqual([
      'module.foo.null_resource.foo',
      'null_resource.bar',
      'null_resource.baz[0]',
      'null_resource.baz[1]',
      'null_resource.baz[2]',
      'null_resource.foo',
    ]);
  });

  it('infracost v0.14 plan: counted, for_each and nested module resources with real AWS types', () => {
    const result = readTerraformPlan(read(`${INFRACOST}terraform_v0.14_plan.json`), 'v014.json');
    const db = actionAt(result, 'module.db.module.db_1.module.db_instance.aws_db_instance.this[0]');
    expect(db.operation).toBe('update');
    expect(db.target.terraformType).toBe('aws_db_instance');
    expect(db.target.names).toContain('demodb');
    expect(db.target.names).toContain('arn:aws:rds:us-east-1:123123123123:db:demodb');
    expect(db.hints).toMatchObject({ region: 'us-east-1', accountId: '123123123123', tags: { Environment: 'dev' } });
    expect(db.before?.skip_final_snapshot).toBeDefined();
    const named = actionAt(result, 'aws_instance.instance_named["test.2"]');
    expect(named.details?.index).toBe('test.2');
    expect(named.hints.tags).toEqual({ Name: 'test.2' });
    expect(result.actions.some((a) => a.target.id === 'aws_instance.instance_counted[1]')).toBe(true);
  });

  it('infracost -target plan: drift is reported apart from actions', () => {
    const result = readTerraformPlan(read(`${INFRACOST}plan_with_target.json`), 'target.json');
    expect(result.drift).toEqual([
      { address: 'aws_instance.web_app_1', type: 'aws_instance', actions: ['update'], source: { kind: 'terraform-plan', file: 'target.json', path: 'resource_drift[0]' } },
    ]);
    expect(result.actions.map((a) => a.target.id)).toEqual(['aws_instance.web_app_1']);
  });
});

describe('edge cases plan (written for these tests)', () => {
  const result = readTerraformPlan(read(`${LOCAL}edge-cases.plan.json`), 'edge-cases.plan.json');

  it('destroy-first replace: downtime evidence, replace causes as attribute paths, names from before', () => {
    const db = actionAt(result, 'aws_db_instance.main');
    expect(db.operation).toBe('replace');
    expect(db.details?.replaceOrder).toBe('destroy-before-create');
    expect(db.evidence.map((e) => e.message)).toContain('destroyed before the new one exists: downtime');
    expect(db.replaceCauses).toEqual(['identifier', 'tags.Env', 'ebs_block_device[0].volume_size', 'tags["team.name"]']);
    expect(db.target.names).toEqual(['db-ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'arn:aws:rds:eu-west-1:123456789012:db:orders-db', 'orders-db']);
    expect(db.target.names).not.toContain('orders'); // db_subnet_group_name names another resource
    expect(db.before?.skip_final_snapshot).toBe(true);
    expect(db.after?.identifier).toBe('orders-db-v2');
    expect(db.hints).toMatchObject({ terraformAddress: 'aws_db_instance.main', region: 'eu-west-1', accountId: '123456789012', tags: { Env: 'prod', Owner: 'data' } });
  });

  it('create_before_destroy replace, and the current tags win over planned ones', () => {
    const web = actionAt(result, 'aws_instance.web[0]');
    expect(web.operation).toBe('replace');
    expect(web.verb).toBe('create,delete');
    expect(web.evidence.some((e) => e.message.startsWith('create_before_destroy'))).toBe(true);
    expect(web.evidence.every((e) => !e.message.includes('downtime'))).toBe(true);
    expect(web.hints.tags).toEqual({ Env: 'prod' });
    expect(web.evidence.find((e) => e.key === 'action_reason')?.message).toMatch(/-replace/);
  });

  it('deletion of a deposed object says so and targets that object', () => {
    const deposed = actionAt(result, 'aws_instance.web[0] (deposed object 8f3e2a1b)');
    expect(deposed.operation).toBe('delete');
    expect(deposed.target.address).toBe('aws_instance.web[0]');
    expect(deposed.target.names).toEqual(['i-0deadbeefdeadbeef']);
    expect(deposed.evidence.find((e) => e.key === 'deposed')?.message).toMatch(/deposed object 8f3e2a1b/);
    expect(result.world!.resources.some((r) => r.id === deposed.target.id)).toBe(true);
  });

  it('count reduction delete, move with update, unknown action_reason kept verbatim', () => {
    expect(actionAt(result, 'aws_instance.web[1]').evidence.find((e) => e.key === 'action_reason')?.message).toMatch(/count was reduced/);
    const lb = actionAt(result, 'aws_lb.front');
    expect(lb.operation).toBe('update');
    expect(lb.evidence.find((e) => e.key === 'previous_address')?.message).toBe('aws_lb.front was moved from aws_lb.old_front');
    expect(lb.target.names).toContain('front-1234567890.eu-west-1.elb.amazonaws.com');
    const logs = actionAt(result, 'aws_s3_bucket.logs');
    expect(logs.evidence.find((e) => e.key === 'action_reason')?.message).toMatch(/delete_because_a_future_reason/);
    expect(logs.before?.force_destroy).toBe(true);
  });

  it('no-op and data reads produce no action; order follows the input', () => {
    expect(result.actions.map((a) => a.source.path)).toEqual([
      'resource_changes[0]',
      'resource_changes[1]',
      'resource_changes[2]',
      'resource_changes[3]',
      'resource_changes[4]',
      'resource_changes[7]',
    ]);
    expect(result.actions.every((a) => a.scope === 'resource' && a.tool === 'terraform')).toBe(true);
  });

  it('drift comes from resource_drift only', () => {
    expect(result.drift?.map((d) => d.address)).toEqual(['aws_vpc.main']);
  });
});
