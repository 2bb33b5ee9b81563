import { describe, expect, it } from 'vitest';
import { readTerraformPlan } from '../../src/intake/terraform/plan.js';
import { edgeDetail, edgePairs, INFRACOST, LOCAL, read, TERRAFORM_JSON } from './helpers.js';

const plan = (path: string) => readTerraformPlan(read(path), path.split('/').slice(-2).join('/'));

describe('world from a plan', () => {
  it('counted dependents reference an uncounted resource: one edge per instance, in plain language', () => {
    const result = plan(`${TERRAFORM_JSON}110_basic/plan.json`);
    expect(edgePairs(result).sort()).toEqual([
      'null_resource.bar -> null_resource.foo',
      'null_resource.baz[0] -> null_resource.foo',
      'null_resource.baz[1] -> null_resource.foo',
      'null_resource.baz[2] -> null_resource.foo',
    ]);
    expect(edgeDetail(result, 'null_resource.baz[1]', 'null_resource.foo')).toBe('null_resource.baz[1].triggers references null_resource.foo');
    expect(result.world!.edges.every((e) => e.dependency.reason === 'declared')).toBe(true);
  });

  it('module depends_on makes every resource of the module depend on the target', () => {
    const result = plan(`${TERRAFORM_JSON}013_module_depends_on/plan.json`);
    expect(edgePairs(result)).toEqual(['module.foo.null_resource.resource -> null_resource.bar']);
    expect(edgeDetail(result, 'module.foo.null_resource.resource', 'null_resource.bar')).toMatch(/module\.foo has depends_on/);
  });

  it('resource depends_on in configuration', () => {
    const result = plan(`${TERRAFORM_JSON}config_resource_depends_on/plan.json`);
    expect(edgePairs(result)).toEqual(['null_resource.bar -> null_resource.foo']);
    expect(edgeDetail(result, 'null_resource.bar', 'null_resource.foo')).toBe('null_resource.bar depends_on null_resource.foo');
  });

  it('resources come from prior state and from planned values, with module and names', () => {
    const result = plan(`${TERRAFORM_JSON}has_changes/plan.json`);
    const moduled = result.world!.resources.find((r) => r.id === 'module.foo.null_resource.foo');
    expect(moduled).toMatchObject({ type: 'null_resource', terraformType: 'null_resource', module: 'module.foo', source: 'terraform-plan', names: ['705267318028962447'] });
    const created = plan(`${TERRAFORM_JSON}deep_module/plan.json`).world!.resources;
    expect(created.map((r) => r.id)).toEqual(['module.foo.module.bar.null_resource.baz']);
  });

  it('module inputs: a resource using var.x depends on what the caller passed, through nested modules and data sources', () => {
    const result = plan(`${INFRACOST}terraform_v0.14_plan.json`);
    const from = 'module.db.module.db_1.module.db_subnet_group.aws_db_subnet_group.this[0]';
    expect(edgeDetail(result, from, 'module.db.aws_default_vpc.default')).toBe(
      `${from}.subnet_ids references module.db.aws_default_vpc.default through module.db.module.db_1.module.db_subnet_group.var.subnet_ids -> module.db.module.db_1.var.subnet_ids -> module.db.data.aws_subnet_ids.default`,
    );
    // An indexed reference does not widen to other instances or other module instances.
    expect(edgePairs(result)).toContain(
      'module.db.module.db_2.module.db_instance.aws_iam_role_policy_attachment.enhanced_monitoring[0] -> module.db.module.db_2.module.db_instance.aws_iam_role.enhanced_monitoring[0]',
    );
    expect(edgePairs(result).filter((e) => e.startsWith('module.db.module.db_2') && e.includes('db_1'))).toEqual([]);
    expect(result.warnings.join('\n')).toMatch(/local values/);
  });
});

describe('world from the edge cases plan', () => {
  const result = plan(`${LOCAL}edge-cases.plan.json`);
  const pairs = edgePairs(result);

  it('has existing, planned-only and deposed resources, no data sources', () => {
    const ids = result.world!.resources.map((r) => r.id);
    expect(ids).toContain('aws_instance.web[0] (deposed object 8f3e2a1b)');
    expect(ids).toContain('module.net["green"].aws_route_table.a');
    expect(ids.some((id) => id.startsWith('data.'))).toBe(false);
    const vpc = result.world!.resources.find((r) => r.id === 'aws_vpc.main')!;
    expect(vpc.tags).toEqual({ Env: 'prod', Owner: 'platform' });
    expect(vpc.attributes.cidr_block).toBe('10.0.0.0/16');
  });

  it('a module input referencing a root resource reaches every instance of the module', () => {
    for (const subnet of ['module.net["blue"].aws_subnet.a[0]', 'module.net["blue"].aws_subnet.a[1]', 'module.net["green"].aws_subnet.a[0]']) {
      expect(pairs).toContain(`${subnet} -> aws_vpc.main`);
    }
    expect(edgeDetail(result, 'module.net["green"].aws_subnet.a[0]', 'aws_vpc.main')).toBe(
      'module.net["green"].aws_subnet.a[0].vpc_id references aws_vpc.main through module.net.var.vpc_id',
    );
  });

  it('an indexed reference inside a for_each module stays within its module instance', () => {
    expect(pairs.filter((p) => p.startsWith('module.net["blue"].aws_route_table.a -> module.net'))).toEqual([
      'module.net["blue"].aws_route_table.a -> module.net["blue"].aws_subnet.a[0]',
    ]);
    expect(pairs.filter((p) => p.startsWith('module.net["green"].aws_route_table.a -> module.net'))).toEqual([
      'module.net["green"].aws_route_table.a -> module.net["green"].aws_subnet.a[0]',
    ]);
  });

  it('module outputs, data sources and depends_on lead to the resources behind them', () => {
    expect(pairs).toContain('aws_lb.front -> module.net["blue"].aws_subnet.a[1]');
    expect(edgeDetail(result, 'aws_lb.front', 'module.net["blue"].aws_subnet.a[1]')).toMatch(/through module\.net\.subnet_ids/);
    // depends_on a counted resource: every live instance, not the deposed object.
    expect(pairs).toContain('aws_lb.front -> aws_instance.web[0]');
    expect(pairs).toContain('aws_lb.front -> aws_instance.web[1]');
    expect(pairs).not.toContain('aws_lb.front -> aws_instance.web[0] (deposed object 8f3e2a1b)');
    expect(edgeDetail(result, 'aws_instance.web[0]', 'aws_vpc.main')).toBe('aws_instance.web[0].ami references aws_vpc.main through data.aws_ami.base');
    expect(pairs).toContain('module.net["blue"].aws_route_table.a -> aws_s3_bucket.logs');
    expect(edgeDetail(result, 'aws_db_instance.main', 'aws_vpc.main')).toBe('aws_db_instance.main depends on aws_vpc.main (recorded in state)');
  });

  it('edges point from dependent to dependency and are not duplicated', () => {
    expect(new Set(pairs).size).toBe(pairs.length);
    expect(pairs.some((p) => p.startsWith('aws_vpc.main ->'))).toBe(false);
  });
});
