import { describe, expect, it } from 'vitest';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { check } from '../../src/pipeline.js';
import { readInventory } from '../../src/intake/inventory.js';

// The shape `firebreak discover --out inventory.json` writes (src/sandbox/inventory/listers.ts).
const inventory = {
  takenAt: '2026-11-21T10:00:00Z',
  tookMs: 812,
  errors: [{ service: 'rds', message: 'AccessDenied' }],
  items: [
    { type: 'AWS::EC2::VPC', id: 'vpc-0a1b2c3d4e5f60718', names: [], service: 'ec2', engine: 'aws', tags: { Environment: 'prod' }, attributes: { cidr: '10.0.0.0/16' } },
    { type: 'AWS::EC2::Subnet', id: 'subnet-0aa11bb22cc33dd44', names: ['arn:aws:ec2:eu-west-1:111122223333:subnet/subnet-0aa11bb22cc33dd44'], service: 'ec2', engine: 'aws', attributes: { vpcId: 'vpc-0a1b2c3d4e5f60718' } },
    { type: 'AWS::EC2::Instance', id: 'i-0123456789abcdef0', names: [], service: 'ec2', engine: 'aws', attributes: { subnetId: 'subnet-0aa11bb22cc33dd44', state: 'running' } },
  ],
};

describe('discover inventory as a world source', () => {
  it('turns items into resources and says which services are missing', () => {
    const result = readInventory(JSON.stringify(inventory), 'inventory.json');
    expect(result.world?.resources.map((r) => r.id)).toEqual(['vpc-0a1b2c3d4e5f60718', 'subnet-0aa11bb22cc33dd44', 'i-0123456789abcdef0']);
    expect(result.warnings.join(' ')).toMatch(/rds could not be listed/);
  });

  it('a VPC delete reaches the subnet and the instance in it through the inventory', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'firebreak-inv-'));
    await writeFile(join(dir, 'inventory.json'), JSON.stringify(inventory));
    const { report } = await check({
      cwd: dir,
      inventory: ['inventory.json'],
      commands: ['aws --profile prod ec2 delete-vpc --vpc-id vpc-0a1b2c3d4e5f60718'],
      implicitConfig: false,
    });
    const ids = report.blastRadius.resources.map((r) => r.id);
    expect(ids).toEqual(expect.arrayContaining(['vpc-0a1b2c3d4e5f60718', 'subnet-0aa11bb22cc33dd44', 'i-0123456789abcdef0']));
    const instance = report.blastRadius.resources.find((r) => r.id === 'i-0123456789abcdef0')!;
    expect(instance.impact).toBe('disrupted');
    expect(instance.depth).toBe(2);
  });

  it('refuses a file that is not an inventory, naming where', () => {
    expect(() => readInventory('{"takenAt":"x","items":[{"id":3}]}', 'inv.json')).toThrow(
      expect.objectContaining({ file: 'inv.json', location: 'items[0]' }),
    );
  });
});
