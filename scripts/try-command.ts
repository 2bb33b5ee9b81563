// Judges commands through the whole pipeline in a scratch git repository and prints the verdict,
// the actions and the reasons: npx tsx scripts/try-command.ts 'gcloud logging logs delete x' ...
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { check } from '../src/pipeline.js';

const cwd = mkdtempSync(join(tmpdir(), 'firebreak-try-'));
writeFileSync(join(cwd, 'README.md'), '# a project\n');
execFileSync('git', ['-C', cwd, 'init', '-q']);
execFileSync('git', ['-C', cwd, '-c', 'user.email=t@example.com', '-c', 'user.name=t', 'commit', '-q', '--allow-empty', '-m', 'initial']);
for (const command of process.argv.slice(2)) {
  const { report } = await check({ commands: [command], cwd, implicitConfig: false });
  console.log(`${report.verdict.padEnd(8)} ${command}`);
  for (const a of report.actions) console.log(`         ${a.operation} ${a.tool} ${a.verb} -> ${a.target.type} ${a.target.id} [${a.environment}/${a.reversibility ?? a.intrinsic?.reversibility ?? ''}] ${a.evidence.map((e) => e.message).join('; ').slice(0, 200)}`);
  for (const r of report.reasons.filter((r) => r.decision !== 'pass')) console.log(`         ${r.decision} ${r.rule}: ${r.message.slice(0, 160)}`);
}
rmSync(cwd, { recursive: true, force: true });
