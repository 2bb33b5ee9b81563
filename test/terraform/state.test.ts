import { describe, expect, it } from 'vitest';
import { readTerraformPlan } from '../../src/intake/terraform/plan.js';
import { readTerraformState } from '../../src/intake/terraform/state.js';
import { catchError } from './fixtures.test.js';
import { edgeDetail, edgePairs, LOCAL, read, TERRAFORM_JSON } from './helpers.js';

describe('raw terraform.tfstate (version 4)', () => {
  const result = readTerraformState(read(`${LOCAL}terraform.tfstate`), 'terraform.tfstate');
  const byId = new Map(result.world!.resources.map((r) => [r.id, r]));

  it('lists managed instances with module, index keys, names and tags; no data sources', () => {
    expect([...byId.keys()].sort()).toEqual([
      'aws_db_instance.orders',
      'aws_iam_role.export',
      'aws_lambda_function.export',
      'aws_lambda_function.export (deposed object 00000001)',
      'aws_s3_bucket.exports["daily"]',
      'aws_s3_bucket.exports["weekly"]',
      'aws_vpc.main',
      'module.network.aws_db_subnet_group.orders',
      'module.network.aws_subnet.private[0]',
      'module.network.aws_subnet.private[1]',
    ]);
    const db = byId.get('aws_db_instance.orders')!;
    expect(db).toMatchObject({ type: 'aws_db_instance', terraformType: 'aws_db_instance', source: 'terraform-state', file: 'terraform.tfstate', tags: { Env: 'prod' } });
    expect(db.names).toEqual([
      'db-7QXKJ2ZLMN4RSTUVWXYZ3ABCD',
      'arn:aws:rds:eu-west-1:210987654321:db:orders-db',
      'orders-db',
      'orders-db.c9akciq32.eu-west-1.rds.amazonaws.com:5432',
    ]);
    expect(db.attributes.deletion_protection).toBe(true);
    expect(byId.get('module.network.aws_subnet.private[1]')!.module).toBe('module.network');
    expect(byId.get('aws_lambda_function.export')!.names).toContain('orders-export');
    expect(byId.get('aws_vpc.main')!.tags).toEqual({ Name: 'orders', Env: 'prod', ManagedBy: 'terraform' });
    expect(result.actions).toEqual([]);
  });

  it('turns recorded dependencies into edges, across modules and to every instance of a counted resource', () => {
    expect(edgePairs(result).sort()).toEqual([
      'aws_db_instance.orders -> module.network.aws_db_subnet_group.orders',
      'aws_lambda_function.export -> aws_iam_role.export',
      'aws_lambda_function.export -> aws_s3_bucket.exports["daily"]',
      'aws_lambda_function.export -> aws_s3_bucket.exports["weekly"]',
      'module.network.aws_db_subnet_group.orders -> module.network.aws_subnet.private[0]',
      'module.network.aws_db_subnet_group.orders -> module.network.aws_subnet.private[1]',
      'module.network.aws_subnet.private[0] -> aws_vpc.main',
      'module.network.aws_subnet.private[1] -> aws_vpc.main',
    ]);
    expect(edgeDetail(result, 'module.network.aws_subnet.private[0]', 'aws_vpc.main')).toBe('module.network.aws_subnet.private[0] depends on aws_vpc.main (recorded in state)');
  });

  it('reads the public tfstate files the same way as their show -json twins', () => {
    const raw = readTerraformState(read(`${TERRAFORM_JSON}no_changes/terraform.tfstate`), 'terraform.tfstate');
    const shown = readTerraformState(read(`${TERRAFORM_JSON}no_changes/state.json`), 'state.json');
    expect(raw.world!.resources.map((r) => r.id).sort()).toEqual(shown.world!.resources.map((r) => r.id).sort());
  });

  it('rejects tfstate version 3 and plans given as state', () => {
    expect(catchError(() => readTerraformState('{"version": 3, "serial": 1, "lineage": "x", "modules": []}', 'old.tfstate')).message).toMatch(/version 3 is not supported/);
    expect(catchError(() => readTerraformState(read(`${TERRAFORM_JSON}basic/plan.json`), 'plan.json')).message).toMatch(/Terraform plan .*not a state/);
  });

  it('rejects a tfstate whose instances are not a list, naming the path', () => {
    const error = catchError(() => readTerraformState('{"version":4,"lineage":"x","resources":[{"mode":"managed","type":"aws_vpc","name":"a","instances":{}}]}', 's.tfstate'));
    expect(error.location).toBe('resources[0].instances');
  });
});

describe('state given as a plan', () => {
  it('show -json state output is named as a state', () => {
    const error = catchError(() => readTerraformPlan(read(`${TERRAFORM_JSON}no_changes/state.json`), 'state.json'));
    expect(error.message).toMatch(/is a Terraform state in JSON .*not a plan/);
    expect(error.file).toBe('state.json');
  });

  it('a raw tfstate is named as such', () => {
    expect(catchError(() => readTerraformPlan(read(`${LOCAL}terraform.tfstate`), 'terraform.tfstate')).message).toMatch(/raw Terraform state file/);
  });
});
