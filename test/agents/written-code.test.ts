// Code an agent writes into files that tools run without naming them (conftest.py, test modules,
// setup.py, *.config.js, Gemfile) is read when it is written: a real hook process per agent, real
// temporary repositories, the agents' own payload shapes.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { cleanEnv, hook, TEST_HOME } from './helpers.js';
import { understood, reasonText } from './payloads.js';
import { TOOL_PAYLOADS, type Agent } from '../integrity/payloads.js';

function repo(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'firebreak-written-code-'));
  for (const [p, t] of Object.entries(files)) writeFileSync(join(dir, p), t);
  execFileSync('git', ['init', '-q', dir]);
  return dir;
}

const CONFTEST_DELETES_BUCKET = `import boto3
import pytest

@pytest.fixture(autouse=True, scope="session")
def clean_slate():
    boto3.client("s3").delete_bucket(Bucket="prod-assets")
    yield
`;
const CONFTEST_ROUTINE = `import subprocess
import pytest

@pytest.fixture
def repo(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    subprocess.run(["git", "init", "-q"], check=True)
    (tmp_path / "build").mkdir()
    return tmp_path
`;
const AGENTS: Agent[] = ['claude-code', 'cursor', 'gemini', 'kiro', 'codex', 'copilot'];
const env = cleanEnv();

describe('code written into files tools run by themselves is read when written', () => {
  for (const agent of AGENTS) {
    it(`${agent}: writing a conftest.py that deletes a bucket stops, naming the file and line`, async () => {
      const cwd = repo();
      const r = await hook(agent, TOOL_PAYLOADS[agent].write('conftest.py', CONFTEST_DELETES_BUCKET, cwd), { cwd, env });
      expect(understood(agent, r)).not.toBe('none');
      expect(understood(agent, r)).not.toBe('broken');
      if (agent !== 'kiro' && agent !== 'codex') expect(reasonText(agent, r)).toMatch(/prod-assets/);
    });
    it(`${agent}: writing a routine conftest.py passes`, async () => {
      const cwd = repo();
      const r = await hook(agent, TOOL_PAYLOADS[agent].write('conftest.py', CONFTEST_ROUTINE, cwd), { cwd, env });
      expect(understood(agent, r)).toBe('none');
    });
  }

  const claude = (cwd: string, tool: string, tool_input: Record<string, unknown>) => ({ session_id: 's', cwd, hook_event_name: 'PreToolUse', permission_mode: 'default', tool_name: tool, tool_input });
  const cases: { name: string; files?: Record<string, string>; tool: string; input: (cwd: string) => Record<string, unknown>; stops: boolean }[] = [
    { name: 'an Edit that adds a home-folder delete to a test module', files: { 'test_api.py': 'import shutil\n\ndef test_ok():\n    assert True\n' }, tool: 'Edit',
      input: (cwd) => ({ file_path: join(cwd, 'test_api.py'), old_string: '    assert True\n', new_string: '    shutil.rmtree("/home")\n    assert True\n' }), stops: true },
    { name: 'a MultiEdit of jest.config.js that wipes a database folder', files: { 'jest.config.js': "module.exports = { testEnvironment: 'node' };\n" }, tool: 'MultiEdit',
      input: (cwd) => ({ file_path: join(cwd, 'jest.config.js'), edits: [{ old_string: "module.exports", new_string: "require('fs').rmSync('/var/lib/postgresql/data', { recursive: true, force: true });\nmodule.exports" }] }), stops: true },
    { name: 'a vitest.config.ts that runs terraform destroy', tool: 'Write',
      input: (cwd) => ({ file_path: join(cwd, 'vitest.config.ts'), content: "import { execSync } from 'node:child_process';\nexecSync('terraform destroy -auto-approve');\nexport default {};\n" }), stops: true },
    { name: 'a setup.py that drops a production table', tool: 'Write',
      input: (cwd) => ({ file_path: join(cwd, 'setup.py'), content: "import os\nos.system(\"psql -h prod-db.internal -c 'DROP TABLE users'\")\nfrom setuptools import setup\nsetup(name='x')\n" }), stops: true },
    { name: 'a Gemfile that deletes a bucket through the AWS CLI', tool: 'Write',
      input: (cwd) => ({ file_path: join(cwd, 'Gemfile'), content: "system('aws s3 rb s3://prod-assets --force')\nsource 'https://rubygems.org'\ngem 'rails'\n" }), stops: true },
    { name: 'a conftest.py that empties the home folder through the shell', tool: 'Write',
      input: (cwd) => ({ file_path: join(cwd, 'conftest.py'), content: 'import subprocess\nsubprocess.run("rm -rf ~/", shell=True)\n' }), stops: true },
    { name: 'a noxfile.py that destroys the Terraform state', tool: 'Write',
      input: (cwd) => ({ file_path: join(cwd, 'noxfile.py'), content: 'import os\nos.system("terraform destroy -auto-approve")\n' }), stops: true },
    { name: 'a jest test that deletes a bucket through the AWS SDK v3', tool: 'Write',
      input: (cwd) => ({ file_path: join(cwd, 'api.test.js'), content: "const { S3Client, DeleteBucketCommand } = require('@aws-sdk/client-s3');\ntest('x', async () => { await new S3Client({}).send(new DeleteBucketCommand({ Bucket: 'prod-assets' })); });\n" }), stops: true },
    { name: 'a test that deletes a folder it made at run time (only named targets count when writing)', tool: 'Write',
      input: (cwd) => ({ file_path: join(cwd, 'io.test.js'), content: "const fs = require('fs'); const os = require('os'); const path = require('path');\nlet dir;\nbeforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'x-')); });\nafterEach(() => fs.rmSync(dir, { recursive: true, force: true }));\n" }), stops: false },
    { name: 'a conftest.py larger than Firebreak reads (not a pass)', tool: 'Write',
      input: (cwd) => ({ file_path: join(cwd, 'conftest.py'), content: `import pytest\n${'# padding\n'.repeat(30_000)}` }), stops: true },
    { name: 'a conftest.py write whose text the payload does not show (not a pass)', tool: 'Write',
      input: (cwd) => ({ file_path: join(cwd, 'conftest.py'), body: 'import os' }), stops: true },
    { name: 'a script the agent runs by name (read again when it runs)', tool: 'Write',
      input: (cwd) => ({ file_path: join(cwd, 'cleanup.py'), content: 'import boto3\nboto3.client("s3").delete_bucket(Bucket="prod-assets")\n' }), stops: false },
    { name: 'a test module cleaning its own temporary folder', tool: 'Write',
      input: (cwd) => ({ file_path: join(cwd, 'tests', 'test_io.py'), content: 'import shutil, tempfile\n\ndef test_io():\n    d = tempfile.mkdtemp()\n    shutil.rmtree(d)\n' }), stops: false },
    { name: 'a vite.config.ts as generated', tool: 'Write',
      input: (cwd) => ({ file_path: join(cwd, 'vite.config.ts'), content: "import { defineConfig } from 'vite';\nexport default defineConfig({ build: { outDir: 'dist', emptyOutDir: true } });\n" }), stops: false },
    { name: 'a conftest.py edit with a command built at run time (unknown, not run yet)', files: { 'conftest.py': 'import subprocess, os\n' }, tool: 'Edit',
      input: (cwd) => ({ file_path: join(cwd, 'conftest.py'), old_string: 'import subprocess, os\n', new_string: 'import subprocess, os\nsubprocess.run(os.environ["SETUP_CMD"], shell=True)\n' }), stops: false },
    { name: 'an Edit of tox.ini that adds a command deleting a bucket', files: { 'tox.ini': '[testenv]\ncommands =\n    pytest\n' }, tool: 'Edit',
      input: (cwd) => ({ file_path: join(cwd, 'tox.ini'), old_string: '    pytest\n', new_string: '    pytest\n    aws s3 rb s3://prod-assets --force\n' }), stops: true },
    { name: 'a .pre-commit-config.yaml that adds a local hook emptying the home folder', tool: 'Write',
      input: (cwd) => ({ file_path: join(cwd, '.pre-commit-config.yaml'), content: "repos:\n- repo: local\n  hooks:\n  - id: tidy\n    name: tidy\n    entry: rm -rf ~/\n    language: system\n" }), stops: true },
    { name: "a program written into the home folder's bin on PATH, under a tool's name, running code nobody has read", tool: 'Write',
      input: () => ({ file_path: join(TEST_HOME, '.local', 'bin', 'kubectl'), content: '#!/bin/sh\nexec node /tmp/payload.js "$@"\n' }), stops: true },
    { name: 'a program written into ~/bin that deletes a data folder', tool: 'Write',
      input: () => ({ file_path: join(TEST_HOME, 'bin', 'tidy'), content: '#!/bin/sh\nrm -rf /var/lib/postgresql/data\n' }), stops: true },
    { name: 'a helper script written into ~/bin that prints', tool: 'Write',
      input: () => ({ file_path: join(TEST_HOME, 'bin', 'hello'), content: '#!/bin/sh\necho hello\n' }), stops: false },
    { name: 'an Edit of tox.ini that adds a coverage report', files: { 'tox.ini': '[testenv]\ncommands =\n    pytest\n' }, tool: 'Edit',
      input: (cwd) => ({ file_path: join(cwd, 'tox.ini'), old_string: '    pytest\n', new_string: '    pytest --cov\n    coverage report\n' }), stops: false },
  ];
  for (const c of cases) {
    it(`claude-code: ${c.name} ${c.stops ? 'stops' : 'passes'}`, async () => {
      const cwd = repo(c.files);
      if (c.name.includes('tests')) execFileSync('mkdir', ['-p', join(cwd, 'tests')]);
      const r = await hook('claude-code', claude(cwd, c.tool, c.input(cwd)), { cwd, env });
      if (c.stops) {
        expect(['deny', 'ask']).toContain(understood('claude-code', r));
        expect(reasonText("claude-code", r)).toMatch(/without a command naming it/);
      } else expect(understood('claude-code', r)).toBe('none');
    });
  }
});
