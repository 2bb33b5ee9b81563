// Which of the hook chunks' top-level functions representative hook calls run (scripts/bundle.mjs
// hands the answer to hook-eager.mjs, which compiles only those with their chunk).
//
// Why: compiling every top-level function of the core, shell, judge, aws and code chunks eagerly
// put them all in Node's compile cache, and a call reads (deserialises) the whole cache entry of
// each chunk it loads whether it runs a function or not: `kubectl delete ns web` ran 59 of the
// core chunk's 96 functions, 55 of the shell chunk's 238 and 103 of the judge chunk's 207. A
// function no call here runs stays lazy: compiled when first run, as before the eager rewrite.
// This changes what is compiled when, never what runs (the same code, the same answers).
//
// How: the hook runs on the commands below, as an agent would send them, in a scratch git
// repository and HOME, with V8's precise coverage on (NODE_V8_COVERAGE) and the compile cache
// off; a function counts as run when its coverage count is above zero. Each command runs once
// before its measured call, so the per-user caches are filled as in use (steady state).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** Commands agents send often, and one of each kind bench/speed.ts measures. */
export const TRAINING_COMMANDS = [
  'ls -la',
  'git status',
  'git diff HEAD~1 -- src',
  'npm test',
  'npm run build',
  'cat README.md | head -20',
  'grep -rn TODO src',
  'mkdir -p out && echo done > out/x.txt',
  'aws --profile prod ec2 terminate-instances --instance-ids i-0abc',
  'aws s3 rm s3://bucket/key --recursive',
  'aws s3 ls',
  'terraform destroy -auto-approve',
  'terraform plan',
  'terraform apply -auto-approve',
  'kubectl delete ns web',
  'kubectl get pods -n web',
  'kubectl apply -f deploy.yaml',
  `python3 -c "import shutil; shutil.rmtree('build')"`,
  `python3 -c "import os; os.remove('x.txt')"`,
  `node -e "require('fs').rmSync('build', { recursive: true })"`,
  'git reset --hard',
  'git push --force origin main',
  'git checkout -- .',
  'rm -rf build',
  'rm -rf /',
  'docker rm -f web',
  'helm uninstall web -n web',
];

/** Map of chunk file name -> start offsets of the top-level functions some call ran. */
export function trainingCoverage(root, commands = TRAINING_COMMANDS) {
  const scratch = mkdtempSync(join(tmpdir(), 'firebreak-hook-training-'));
  try {
    const repo = join(scratch, 'repo');
    const home = join(scratch, 'home');
    const coverage = join(scratch, 'coverage');
    mkdirSync(repo);
    mkdirSync(home);
    mkdirSync(coverage);
    execFileSync('git', ['init', '-q', repo]);
    writeFileSync(join(repo, 'firebreak.yaml'), 'version: 1\nenvironments:\n  production:\n    production: true\n    match:\n      profiles: [prod]\n');
    writeFileSync(join(repo, 'package.json'), JSON.stringify({ name: 'app', scripts: { test: 'node --test', build: 'tsc -p .' } }));
    const env = { ...process.env, HOME: home, XDG_CONFIG_HOME: join(home, '.config'), CI: '', FIREBREAK_COMPILE_CACHE: '0', FIREBREAK_RESIDENT: '0' };
    delete env.FIREBREAK_HOME;
    delete env.NODE_V8_COVERAGE;
    const bin = join(resolve(root), 'bin', 'firebreak.js');
    for (const command of commands) {
      const input = JSON.stringify({ session_id: 'training', transcript_path: join(home, 't.jsonl'), cwd: repo, permission_mode: 'default', hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command } });
      for (const measured of [false, true]) {
        const run = spawnSync(process.execPath, [bin, 'hook', '--agent', 'claude-code'], { input, cwd: repo, env: measured ? { ...env, NODE_V8_COVERAGE: coverage } : env, encoding: 'utf8' });
        if (run.status !== 0 && run.status !== 2) throw new Error(`hook training: \`${command}\` exited ${run.status}: ${run.stderr}`);
      }
    }
    const used = new Map();
    for (const file of readdirSync(coverage)) {
      for (const script of JSON.parse(readFileSync(join(coverage, file), 'utf8')).result) {
        const name = /\/dist\/bundle\/(hook[^/]*\.js)$/.exec(script.url)?.[1];
        if (!name) continue;
        const starts = used.get(name) ?? new Set();
        used.set(name, starts);
        for (const fn of script.functions) if (fn.ranges[0].count > 0) starts.add(fn.ranges[0].startOffset);
      }
    }
    return used;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
