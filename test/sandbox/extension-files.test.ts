// The extension's files as Firebreak ships them: the fingerprint that decides a reinstall, and the
// folder mounted into a LocalStack container, read back by Python's own importlib.metadata.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { entryPointsText, EXTENSION_DIR, extensionFingerprint, extensionSiteDir, extensionVersion } from '../../src/sandbox/extension.js';
import { localstackContainer } from '../../src/sandbox/providers/docker.js';
import { localstackEnv } from '../../src/sandbox/providers/host.js';

const work = mkdtempSync(join(tmpdir(), 'firebreak-ext-files-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the extension package', () => {
  it('declares the LocalStack entry points the sandbox relies on', () => {
    const text = entryPointsText();
    for (const line of ['[localstack.aws.provider]', 'dynamodb:moto = firebreak_localstack.providers:dynamodb', 'rds:moto = firebreak_localstack.providers:rds', '[localstack.lambda.runtime_executor]', 'no-container = firebreak_localstack.lambda_executor:NoContainerExecutorPlugin', '[localstack.hooks.on_runtime_create]']) {
      expect(text).toContain(line);
    }
  });

  it('a folder on PYTHONPATH is a distribution Python finds, with every entry point', () => {
    const site = join(work, 'site');
    execFileSync('mkdir', ['-p', site]);
    return extensionSiteDir(site).then(() => {
      const out = execFileSync('python3', ['-c', "import importlib.metadata as m, json; d = m.distribution('firebreak-localstack'); print(json.dumps([d.version, sorted(f'{e.group}|{e.name}' for e in d.entry_points)]))"], { env: { PATH: process.env.PATH, PYTHONPATH: site }, encoding: 'utf8' });
      const [version, points] = JSON.parse(out) as [string, string[]];
      expect(version).toBe(extensionVersion());
      expect(points).toContain('localstack.aws.provider|dynamodb:moto');
      expect(points).toContain('localstack.utils.catalog|aws-catalog-remote-state-with-license');
      expect(points.length).toBe(entryPointsText().split('\n').filter((l) => l.includes(' = ')).length);
    });
  });

  it('the fingerprint follows the sources (a changed file means a reinstall)', () => {
    expect(extensionFingerprint()).toBe(extensionFingerprint(EXTENSION_DIR));
    expect(extensionFingerprint()).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('LocalStack runs on loopback with the extension', () => {
  it('host processes: hypercorn on 127.0.0.1, no DNS server, the guard on, no AWS identity of the caller', () => {
    const env = localstackEnv(4599, '/tmp/fs', { PATH: '/usr/bin' });
    expect(env).toMatchObject({ GATEWAY_LISTEN: '127.0.0.1:4599', GATEWAY_SERVER: 'hypercorn', DNS_ADDRESS: '0', FIREBREAK_CONTAIN: '1', PROVIDER_OVERRIDE_DYNAMODB: 'moto', LAMBDA_RUNTIME_EXECUTOR: 'no-container' });
    expect(Object.keys(env).filter((k) => k.startsWith('AWS_'))).toEqual([]);
  });

  it('containers: the extension on PYTHONPATH, the guard on, the pinned image unless one is chosen', () => {
    const spec = localstackContainer({});
    expect(spec.image).toBe('localstack/localstack:4.14.0');
    expect(spec.env).toEqual(expect.arrayContaining(['PYTHONPATH=/opt/firebreak-extension', 'FIREBREAK_CONTAIN=1', 'GATEWAY_SERVER=hypercorn', 'DNS_ADDRESS=0']));
    expect(localstackContainer({ FIREBREAK_LOCALSTACK_IMAGE: 'localhost/firebreak-localstack:4.14.0' }).image).toBe('localhost/firebreak-localstack:4.14.0');
  });
});
