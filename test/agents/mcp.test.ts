// `firebreak mcp` driven by the MCP SDK's own client over stdio.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { BIN, cleanEnv, tempRepo } from './helpers.js';

describe('firebreak mcp', () => {
  let client: Client;
  const repo = tempRepo();

  beforeAll(async () => {
    client = new Client({ name: 'firebreak-test', version: '0.0.0' });
    await client.connect(new StdioClientTransport({ command: process.execPath, args: [BIN, 'mcp'], cwd: repo, env: cleanEnv() as Record<string, string>, stderr: 'pipe' }));
  }, 30_000);
  afterAll(async () => client?.close());

  test('lists firebreak_check with its input schema', async () => {
    const { tools } = await client.listTools();
    const tool = tools.find((t) => t.name === 'firebreak_check');
    expect(tool).toBeDefined();
    expect(Object.keys(tool!.inputSchema.properties ?? {})).toEqual(expect.arrayContaining(['commands', 'plan', 'files', 'actions', 'cwd']));
  });

  test('a destructive production command comes back blocked, with blast radius and rollback', async () => {
    const result: any = await client.callTool({ name: 'firebreak_check', arguments: { commands: ['aws --profile prod ec2 terminate-instances --instance-ids i-0abc'], cwd: repo } });
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent.verdict).toBe('block');
    expect(result.structuredContent.blastRadius.deleted).toBe(1);
    expect(result.structuredContent.rollback.steps.length).toBeGreaterThan(0);
    expect(result.content[0].text).toMatch(/^verdict: block\. Do not run this/);
  }, 30_000);

  test('a less destructive alternative passes', async () => {
    const result: any = await client.callTool({ name: 'firebreak_check', arguments: { commands: ['aws --profile staging ec2 stop-instances --instance-ids i-1'], cwd: repo } });
    expect(result.structuredContent.verdict).toBe('pass');
  }, 30_000);

  test('an AWS API action list is judged', async () => {
    const result: any = await client.callTool({
      name: 'firebreak_check',
      arguments: { actions: [{ service: 'rds', operation: 'DeleteDBInstance', parameters: { DBInstanceIdentifier: 'prod-db', SkipFinalSnapshot: true }, profile: 'prod' }], cwd: repo },
    });
    expect(result.isError).toBeFalsy();
    expect(['block', 'escalate']).toContain(result.structuredContent.verdict);
    expect(result.structuredContent.actions[0]).toMatchObject({ operation: 'delete' });
  }, 30_000);

  test('bad input is an error result, never a pass', async () => {
    const none: any = await client.callTool({ name: 'firebreak_check', arguments: {} });
    expect(none.isError).toBe(true);
    writeFileSync(join(repo, 'broken-plan.json'), '{ "format_version": ');
    const broken: any = await client.callTool({ name: 'firebreak_check', arguments: { plan: 'broken-plan.json', cwd: repo } });
    expect(broken.isError).toBe(true);
    expect(broken.content[0].text).toContain('do not treat this as a pass');
  }, 30_000);
});
