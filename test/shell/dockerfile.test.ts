// The Dockerfile reader that gives a compose service built from the project its default command.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { composeBuildCommand, envFileValues, stageCommand, unmappedCommandConcern } from '../../src/intake/shell/recognisers/dockerfile.js';

const read = (files: Record<string, string>) => (path: string) =>
  Object.hasOwn(files, path) ? { ok: true as const, value: { text: files[path], shown: path.replace(/^\/w\//, '') } } : { ok: false as const, why: `${path} does not exist` };

describe('stageCommand', () => {
  it('reads the exec form, the shell form and where it was set', () => {
    const r = stageCommand('FROM node:20\nWORKDIR /app\nENTRYPOINT ["cypress", "run"]\n', 'Dockerfile');
    expect(r).toEqual({ ok: true, value: { entrypoint: ['cypress', 'run'], base: 'node:20', workdir: '/app', where: 'Dockerfile:3', copiesFiles: false } });
    const copied = stageCommand('FROM node:20\nCOPY . /app\nENTRYPOINT ["node", "/app/x.js"]\n', 'Dockerfile');
    expect(copied.ok && copied.value.copiesFiles).toBe(true);
    const s = stageCommand('FROM node:20\nCMD npm start\n', 'Dockerfile');
    expect(s.ok && s.value.cmd).toEqual(['/bin/sh', '-c', 'npm start']);
  });

  it('inherits from the stage it is built FROM, and ENTRYPOINT clears an inherited CMD', () => {
    const text = 'FROM alpine AS base\nCMD ["echo", "hi"]\nFROM base AS tool\nENTRYPOINT ["aws", "s3", "ls"]\nFROM base\n';
    const last = stageCommand(text, 'Dockerfile');
    expect(last.ok && last.value).toMatchObject({ cmd: ['echo', 'hi'], base: 'alpine' });
    const tool = stageCommand(text, 'Dockerfile', 'tool');
    expect(tool.ok && tool.value.entrypoint).toEqual(['aws', 's3', 'ls']);
    expect(tool.ok && tool.value.cmd).toBeUndefined();
  });

  it('joins continuation lines, drops comments inside them and skips heredoc bodies', () => {
    const text = 'FROM python:3.12\nRUN <<EOF\nCMD ["not", "this"]\nEOF\nCMD ["python", \\\n# a comment\n  "main.py"]\n';
    const r = stageCommand(text, 'Dockerfile');
    expect(r.ok && r.value.cmd).toEqual(['python', 'main.py']);
  });

  it('maps WORKDIR onto the one workspace folder copied there, and not after a RUN or a copy from a stage', () => {
    const plain = stageCommand('FROM python:3.12\nWORKDIR /app\nCOPY src/requirements.txt .\nCOPY src/ .\nCMD ["python", "main.py"]\n', 'Dockerfile');
    expect(plain.ok && plain.value.workdirFrom).toBe('src');
    const run = stageCommand('FROM python:3.12\nWORKDIR /app\nCOPY src/ .\nRUN cp other.py main.py\nCMD ["python", "main.py"]\n', 'Dockerfile');
    expect(run.ok && run.value.workdirFrom).toBeUndefined();
    const staged = stageCommand('FROM python:3.12 AS b\nFROM python:3.12\nWORKDIR /app\nCOPY src/ .\nCOPY --from=b /x/main.py .\nCMD ["python", "main.py"]\n', 'Dockerfile');
    expect(staged.ok && staged.value.workdirFrom).toBeUndefined();
    const two = stageCommand('FROM python:3.12\nWORKDIR /app\nCOPY src/ .\nCOPY tools/ .\n', 'Dockerfile');
    expect(two.ok && two.value.workdirFrom).toBeUndefined();
    const variable = stageCommand('FROM python:3.12\nWORKDIR $HOME/app\nCOPY src/ .\n', 'Dockerfile');
    expect(variable.ok && variable.value.workdir).toBeUndefined();
  });

  it('refuses what it does not model', () => {
    expect(stageCommand('# escape=`\nFROM node:20\n', 'Dockerfile').ok).toBe(false);
    expect(stageCommand('FROM node:20\nSHELL ["pwsh", "-c"]\nCMD Remove-Item x\n', 'Dockerfile').ok).toBe(false);
    expect(stageCommand('FROM node:20\nONBUILD RUN rm -rf /\n', 'Dockerfile').ok).toBe(false);
    expect(stageCommand('CMD ["x"]\n', 'Dockerfile').ok).toBe(false);
    expect(stageCommand('', 'Dockerfile').ok).toBe(false);
    expect(stageCommand('FROM node:20 AS a\n', 'Dockerfile', 'b').ok).toBe(false);
  });

  it('never throws, whatever the text (fuzz)', () => {
    const line = fc.oneof(fc.string(), fc.constantFrom('FROM a AS b', 'FROM b', 'CMD ["x"]', 'ENTRYPOINT [', 'COPY . .', 'WORKDIR /a', 'RUN <<E', 'E', '\\', '# escape=`', 'COPY --from=b x .'));
    fc.assert(fc.property(fc.array(line, { maxLength: 30 }), fc.option(fc.string(), { nil: undefined }), (lines, target) => {
      const r = stageCommand(lines.join('\n'), 'Dockerfile', target);
      expect(typeof r.ok).toBe('boolean');
    }), { numRuns: 500 });
  });
});

describe('composeBuildCommand', () => {
  const files = { '/w/e2e/Dockerfile': 'FROM node:20\nENTRYPOINT ["cypress", "run"]\n', '/w/Dockerfile': 'FROM node:20\nCMD ["node"]\n' };
  it('puts in compose variables, with defaults, and reads the Dockerfile from the context', () => {
    const r = composeBuildCommand({ context: '.', dockerfile: '${DF:-e2e/Dockerfile}' }, '/w', {}, read(files));
    expect(r.ok && r.value.entrypoint).toEqual(['cypress', 'run']);
    const s = composeBuildCommand('.', '/w', {}, read(files));
    expect(s.ok && s.value.cmd).toEqual(['node']);
    const t = composeBuildCommand({ dockerfile: '$DF' }, '/w', { DF: 'e2e/Dockerfile' }, read(files));
    expect(t.ok && t.value.entrypoint).toEqual(['cypress', 'run']);
  });
  it('fails closed on a variable nobody set, a remote context, a missing file', () => {
    expect(composeBuildCommand({ dockerfile: '${DF}' }, '/w', {}, read(files)).ok).toBe(false);
    expect(composeBuildCommand({ context: 'https://github.com/o/r.git' }, '/w', {}, read(files)).ok).toBe(false);
    expect(composeBuildCommand({ context: 'nowhere' }, '/w', {}, read(files)).ok).toBe(false);
    expect(composeBuildCommand(42, '/w', {}, read(files)).ok).toBe(false);
  });
  it('reads .env files as compose does', () => {
    expect(envFileValues('A=1\nexport B="two"\n# c\nC=\'3\' \nD=x # note\n')).toEqual({ A: '1', B: 'two', C: '3', D: 'x' });
  });
});

describe('unmappedCommandConcern', () => {
  it('lets a modelled program with no file operands through, and nothing that reads the image\'s files', () => {
    expect(unmappedCommandConcern(['cypress', 'run', '--browser', 'chrome'])).toBeUndefined();
    expect(unmappedCommandConcern(['./bin/server'])).toMatch(/file inside the image/);
    expect(unmappedCommandConcern(['sh', '-c', 'rm -rf /data'])).toMatch(/script/);
    expect(unmappedCommandConcern(['node', 'server.js'])).toMatch(/reads files/);
    expect(unmappedCommandConcern(['npm', 'start'])).toMatch(/reads files/);
    expect(unmappedCommandConcern(['cypress', 'run', '--spec', 'e2e/x.cy.ts'])).toMatch(/names something/);
    expect(unmappedCommandConcern(['mystery-tool', 'go'])).toMatch(/does not model/);
  });
});
