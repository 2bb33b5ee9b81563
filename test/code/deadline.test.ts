// Working out what code does has a time limit: a shape of code whose values cost more than linear
// time to follow (a long chain of functions, each passing its parameter on) escalates as unread
// instead of holding the hook past the agent's timeout.
import { describe, expect, it } from 'vitest';
import { check } from '../../src/pipeline.js';
import { workspace } from './helpers.js';

function chain(n: number): string {
  let text = '';
  for (let i = 0; i < n; i++) text += `def f${i}(x):\n    return f${i + 1}(x + ${i})\n`;
  return `${text}def f${n}(x):\n    return x\n\nprint(f0(1))\n`;
}

describe('code reading deadline', () => {
  it('a 230 KB chain of 5,800 functions is followed in linear time, and passes', async () => {
    const cwd = workspace({ 'big.py': chain(5800) });
    const start = performance.now();
    const { report } = await check({ commands: ['python3 big.py'], cwd, implicitConfig: false });
    expect(report.verdict).toBe('pass');
    expect(performance.now() - start).toBeLessThan(8000);
  }, 60_000);

  it('a 230 KB chain of 5,800 functions in code that reaches names through text escalates as unread, in bounded time', async () => {
    // `globals()` makes every mention of each function's name count (a search of the whole text per
    // function): more than linear time, cut short by the deadline.
    const cwd = workspace({ 'big.py': `${chain(5800)}globals()\n` });
    const start = performance.now();
    const { report } = await check({ commands: ['python3 big.py'], cwd, implicitConfig: false });
    const elapsed = performance.now() - start;
    expect(report.verdict).toBe('escalate');
    expect(report.reasons.map((r) => r.message).join('\n')).toMatch(/big\.py: Firebreak could not read the code: working out what the code does took longer than 1500 ms/);
    // Before the limit this took ~10 s in-process and 50-100 s in a cold hook; parsing stays linear.
    expect(elapsed).toBeLessThan(8000);
  }, 60_000);

  it('a short chain is still followed to the end', async () => {
    const cwd = workspace({ 'small.py': chain(50).replace('    return x\n', "    import shutil\n    shutil.rmtree('/srv/data')\n    return x\n") });
    const { report } = await check({ commands: ['python3 small.py'], cwd, implicitConfig: false });
    expect(report.verdict).toBe('block');
    expect(report.actions.map((a) => a.target.id)).toContain('/srv/data');
  }, 60_000);
});
