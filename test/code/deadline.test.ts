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

  it('a chain of 2,500 functions in code that reaches names through text is followed within the limit, and passes', async () => {
    // Every function's parameter is named `x` (names are not scoped): working out `x` meets itself
    // in each caller's `x + i`. That value is kept once worked out (the cycle was cut at `x` itself),
    // not worked out again, with a search of the whole text per function, on every use (> 1500 ms).
    const cwd = workspace({ 'big.py': `${chain(2500)}globals()\n` });
    const { report } = await check({ commands: ['python3 big.py'], cwd, implicitConfig: false });
    expect(report.reasons.map((r) => r.message).join('\n')).not.toMatch(/took longer than/);
    expect(report.verdict).toBe('pass');
  }, 60_000);

  it('names that each join the one before three times, past the depth limit, escalate as unread, in bounded time', async () => {
    // A value cut short by the depth limit depends on where it was asked for, so it is not kept:
    // 3^n ways to follow, cut short by the deadline.
    let text = "v0 = 'x'\n";
    for (let i = 1; i <= 60; i++) text += `v${i} = v${i - 1} + v${i - 1} + v${i - 1}\n`;
    const cwd = workspace({ 'big.py': `${text}print(v60)\n` });
    const start = performance.now();
    const { report } = await check({ commands: ['python3 big.py'], cwd, implicitConfig: false });
    const elapsed = performance.now() - start;
    expect(report.verdict).toBe('escalate');
    expect(report.reasons.map((r) => r.message).join('\n')).toMatch(/big\.py: Firebreak could not read the code: working out what the code does took longer than 1500 ms/);
    expect(elapsed).toBeLessThan(8000);
  }, 60_000);

  it('a short chain is still followed to the end', async () => {
    const cwd = workspace({ 'small.py': chain(50).replace('    return x\n', "    import shutil\n    shutil.rmtree('/srv/data')\n    return x\n") });
    const { report } = await check({ commands: ['python3 small.py'], cwd, implicitConfig: false });
    expect(report.verdict).toBe('block');
    expect(report.actions.map((a) => a.target.id)).toContain('/srv/data');
  }, 60_000);
});
