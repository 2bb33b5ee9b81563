// The deadline always holds: parsing and walking are linear in the input (checked by how time
// grows between sizes, not by absolute times), inputs over the caps escalate without parsing,
// and hostile shapes (deep nesting, long pipes, many exports) never crash or stall.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isInputError } from '../../src/errors.js';
import { parseShellCommand } from '../../src/intake/shell/index.js';
import { LIMITS } from '../../src/intake/shell/limits.js';
import { parseShell } from '../../src/intake/shell/parser.js';
import { check } from '../../src/pipeline.js';
import { actionsIn, evidenceOf, makefile, workspace } from './helpers.js';

/** CPU milliseconds of the fastest of `runs` runs (wall time is noisy on a shared machine). */
async function cpuMs(work: () => unknown, runs = 3): Promise<number> {
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    const start = process.cpuUsage();
    await work();
    const used = process.cpuUsage(start);
    best = Math.min(best, (used.user + used.system) / 1000);
  }
  return best;
}

/** Time at 8x the size over time at 1x: about 8 when linear, about 64 when quadratic. The
 *  machine is shared, so the lowest of three measurements counts: load only ever raises it. */
async function growth(make: (n: number) => string, n: number, run: (text: string) => unknown): Promise<number> {
  const small = make(n);
  const large = make(n * 8);
  await run(small); // warm up
  let best = Infinity;
  for (let attempt = 0; attempt < 3 && best >= 20; attempt++) {
    const a = await cpuMs(() => run(small));
    const b = await cpuMs(() => run(large));
    best = Math.min(best, b / Math.max(a, 0.5));
  }
  return best;
}

const SHAPES: Record<string, (n: number) => string> = {
  'a long pipeline': (n) => Array.from({ length: n }, () => 'cat').join(' | '),
  'a tee chain': (n) => Array.from({ length: n }, () => 'tee -a log').join(' | '),
  'many exports': (n) => Array.from({ length: n }, (_, i) => `export V${i}=${i}`).join('; '),
  'open parentheses': (n) => '(('.repeat(n),
  'nested $(( ': (n) => 'echo ' + '$(( 1 + '.repeat(n),
  'nested ${': (n) => 'echo ' + '${x:-'.repeat(Math.min(n, 30)) + 'y' + '}'.repeat(Math.min(n, 30)) + ' a'.repeat(n),
  'many heredocs': (n) => Array.from({ length: n }, () => 'cat <<EOF').join('; ') + '\n' + 'body\nEOF\n'.repeat(n),
  'many words': (n) => 'echo ' + 'word '.repeat(n * 4),
  'case arms': (n) => 'case $x in ' + 'a) ls;; '.repeat(n) + 'esac',
  'quotes': (n) => `echo ${'"a b" \'c d\' '.repeat(n)}`,
  'backticks': (n) => 'echo ' + '`ls` '.repeat(n),
  'unbalanced quotes': (n) => 'echo "' + 'x'.repeat(n * 4),
};

describe('parsing is linear in the input', () => {
  for (const [name, make] of Object.entries(SHAPES)) {
    it(name, async () => {
      const g = await growth(make, 2_000, (t) => { try { parseShell(t); } catch { /* syntax errors are fine */ } });
      expect(g, `8x the input took ${g.toFixed(1)}x the time`).toBeLessThan(20);
    });
  }
});

describe('walking is linear below the caps', () => {
  for (const name of ['a long pipeline', 'a tee chain', 'many exports', 'case arms']) {
    it(name, async () => {
      const g = await growth(SHAPES[name], 120, (t) => parseShellCommand(t));
      // Linear is ~6-8x here; quadratic would be ~64x. The small walk takes ~25 ms, so one collection
      // or a loaded CI core in the large one moved a linear walk to 21.5x once: the bound leaves room.
      expect(g, `8x the commands took ${g.toFixed(1)}x the time`).toBeLessThan(32);
    });
  }

  it('a Makefile with many targets', async () => {
    const mk = (n: number) => makefile(Array.from({ length: n }, (_, i) => `t${i}: ${i ? `t${i - 1}` : ''}\n>echo ${i}\n`).join(''));
    const small = workspace({ Makefile: mk(40) });
    const large = workspace({ Makefile: mk(320) });
    await parseShellCommand('make t39', {}, { cwd: small });
    const a = await cpuMs(() => parseShellCommand('make t39', {}, { cwd: small }));
    const b = await cpuMs(() => parseShellCommand('make t319', {}, { cwd: large }));
    expect(b / Math.max(a, 0.5)).toBeLessThan(20);
  });
});

describe('caps: over them, the rest escalates without being parsed', () => {
  it('a command over the size cap is one unknown action naming the cap', async () => {
    const text = `echo ${'x'.repeat(LIMITS.commandBytes)}`;
    const actions = await parseShellCommand(text);
    expect(actions).toHaveLength(1);
    expect(actions[0]).toMatchObject({ operation: 'unknown', verb: 'over-limit' });
    expect(evidenceOf(actions[0])).toMatch(/over the 64 KB Firebreak reads/);
  });

  it('nesting past the bound is unknown, not a stack overflow', async () => {
    for (const text of ['echo ' + '${'.repeat(20_000), 'echo "' + '${x:-"'.repeat(5_000), 'echo ' + '$('.repeat(5_000), 'x=' + '$(('.repeat(5_000)]) {
      const actions = await parseShellCommand(text);
      expect(actions.length, text.slice(0, 20)).toBeGreaterThan(0);
      expect(actions.every((a) => a.operation === 'unknown')).toBe(true);
    }
  });

  it('more commands than the cap: the rest is one unknown action', async () => {
    const text = Array.from({ length: LIMITS.commands + 50 }, () => 'ls').join('; ');
    const actions = await parseShellCommand(text);
    expect(actions.filter((a) => a.verb === 'over-limit')).toHaveLength(1);
    expect(evidenceOf(actions.at(-1)!)).toMatch(/more than 1000 commands/);
  });

  it('more actions than the cap: the rest is one unknown action', async () => {
    const text = Array.from({ length: LIMITS.actions + 50 }, (_, i) => `rm -rf /srv/d${i}`).join('; ');
    const actions = await parseShellCommand(text);
    expect(actions.length).toBeLessThanOrEqual(LIMITS.actions + 1);
    expect(actions.at(-1)!.verb).toBe('over-limit');
  });

  it('runners count against the same caps', async () => {
    const scripts = Object.fromEntries(Array.from({ length: 400 }, (_, i) => [`s${i}`, `rm -rf /srv/data${i}`]));
    scripts.all = Object.keys(scripts).map((s) => `npm run ${s}`).join(' && ');
    const a = await actionsIn({ 'package.json': JSON.stringify({ scripts }) }, 'npm run all');
    expect(a.some((x) => x.verb === 'over-limit')).toBe(true);
  });

  it('a 50 KB pipeline of 9,000 stages is answered quickly through the whole pipeline, and escalates', async () => {
    const text = Array.from({ length: 9_000 }, (_, i) => (i % 3 ? 'cat' : 'grep -v x')).join(' | ').slice(0, 50_000);
    const withDelete = `${text} | rm -rf /srv/data`;
    const t0 = performance.now();
    const { report } = await check({ commands: [withDelete], cwd: workspace(), implicitConfig: false });
    const ms = performance.now() - t0;
    expect(report.verdict).not.toBe('pass');
    expect(ms).toBeLessThan(6_000); // well inside an agent's hook timeout, on a loaded machine
  });

  it('5,000 destructive stages cost about what 250 cost (the cap), and escalate', async () => {
    // Each action costs the later stages (git lookups for workspace deletes): past the cap they
    // are one action, so 5,000 stages take about as long as 250 (uncapped: about 20x as long).
    const stages = (n: number) => Array.from({ length: n }, (_, i) => `rm -rf d${i}`).join(' | ');
    const cwd = workspace();
    const run = async (n: number) => {
      const t0 = performance.now();
      const { report } = await check({ commands: [stages(n)], cwd, implicitConfig: false });
      expect(report.verdict).not.toBe('pass');
      return performance.now() - t0;
    };
    await run(250);
    const few = Math.min(await run(250), await run(250));
    const many = Math.min(await run(5_000), await run(5_000));
    expect(many / few, `${Math.round(few)} ms -> ${Math.round(many)} ms`).toBeLessThan(4);
  });
});

const ALPHABET = [...'ab$(){}`\'"|&;<>\\ \n#=!*?[]~-0123456789cdfmkrs'];
const PIECES = ['$(', ')', '${', '}', '((', '))', '`', '"', "'", '<<EOF\n', '\nEOF\n', ' | ', ' && ', '; ', 'make ', 'npm run x', 'docker run -i alpine ', 'sh -c ', 'eval ', 'trap ', "'rm -rf /' ", 'kubectl exec p -- ', 'su -c ', 'watch ', 'parallel ::: '];

describe('fuzz: never a crash, never a stall', () => {
  it('random shell metacharacters', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom(...ALPHABET), { maxLength: 200 }).map((c) => c.join('')), async (s) => {
        const t0 = performance.now();
        try {
          await parseShellCommand(s, {}, { cwd: workspace() });
        } catch (e) {
          if (!isInputError(e)) throw e;
        }
        expect(performance.now() - t0).toBeLessThan(LIMITS.milliseconds + 1_000);
      }),
      { numRuns: 300 },
    );
  });

  it('random structure from shell pieces, repeated to large sizes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }), fc.integer({ min: 1, max: 400 }), async (pieces, times) => {
        const s = pieces.join('').repeat(times).slice(0, 80_000);
        const t0 = performance.now();
        try {
          const actions = await parseShellCommand(s);
          for (const a of actions) expect(typeof a.operation).toBe('string');
        } catch (e) {
          if (!isInputError(e)) throw e;
        }
        expect(performance.now() - t0, JSON.stringify(s.slice(0, 200))).toBeLessThan(LIMITS.milliseconds + 1_500);
      }),
      { numRuns: 150 },
    );
  });

  it('random Makefiles never crash make, and a destroy inside is never lost', async () => {
    const line = fc.constantFrom('X = $(Y)', 'Y := $(shell echo hi)', 'ifdef Z', 'else', 'endif', 'include none.mk', '-include none.mk', 'define D', 'endef', 'all: dep',
      'dep:', '\t@echo $(X)', '\t$(MAKE) dep', 'export A = b', '%.o: %.c', '\t$(CC) -c $<', 'override B += c', '$(eval x: ; echo)', 'T ?= $(if $(X),a,b)', '.PHONY: all', 'a b: c | d');
    await fc.assert(
      fc.asyncProperty(fc.array(line, { maxLength: 30 }), async (lines) => {
        const mk = `${lines.join('\n')}\nnuke:\n\tterraform destroy -auto-approve\n`;
        const actions = await actionsIn({ Makefile: mk }, 'make all nuke');
        expect(actions.some((a) => a.operation !== 'read')).toBe(true);
      }),
      { numRuns: 120 },
    );
  });
});
