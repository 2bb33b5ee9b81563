import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { loadYamlWithSchema } from '../../src/config/load-yaml.js';
import { InputError } from '../../src/errors.js';

const schema = z.strictObject({
  name: z.string(),
  items: z.array(z.strictObject({ kind: z.enum(['a', 'b']), size: z.number().optional() })).optional(),
});

function errorOf(text: string): InputError {
  try {
    loadYamlWithSchema(text, 'f.yaml', schema);
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return e as InputError;
  }
  throw new Error('expected an InputError');
}

describe('loadYamlWithSchema', () => {
  it('returns the parsed data for valid YAML and JSON', () => {
    expect(loadYamlWithSchema('name: x\nitems: [{kind: a}]\n', 'f.yaml', schema)).toEqual({ name: 'x', items: [{ kind: 'a' }] });
    expect(loadYamlWithSchema('{"name": "y"}', 'f.json', schema)).toEqual({ name: 'y' });
  });

  it('rejects an empty file and a comment-only file', () => {
    expect(errorOf('').message).toMatch(/empty/);
    expect(errorOf('# nothing\n').message).toMatch(/empty/);
    expect(errorOf('').file).toBe('f.yaml');
  });

  it('rejects several documents and says where the second starts', () => {
    const e = errorOf('name: a\n---\nname: b\n');
    expect(e.message).toMatch(/one YAML document/);
    expect(e.location).toBe('line 2, column 1');
  });

  it('reports syntax errors with line and column', () => {
    const e = errorOf('name: x\nitems: [a, b\n');
    expect(e.message).toMatch(/YAML syntax/);
    expect(e.location).toMatch(/^line \d+, column \d+$/);
  });

  it('reports duplicate keys', () => {
    const e = errorOf('name: x\nname: y\n');
    expect(e.location).toBe('line 2, column 1');
  });

  it('names the key path and the line/column of a wrong value', () => {
    const e = errorOf('name: x\nitems:\n  - kind: a\n  - kind: c\n');
    expect(e.message).toMatch(/^items\[1\]\.kind: /);
    expect(e.message).toMatch(/"a"\|"b"/);
    expect(e.location).toBe('line 4, column 11');
  });

  it('points at an unknown key and suggests the close one', () => {
    const e = errorOf('name: x\nitems:\n  - kind: a\n    sise: 3\n');
    expect(e.message).toMatch(/^items\[0\]\.sise: unknown key "sise" \(did you mean "size"\?\)/);
    expect(e.location).toBe('line 4, column 5');
  });

  it('reports a missing key at its parent', () => {
    const e = errorOf('items: []\n');
    expect(e.message).toMatch(/^name: missing required key/);
    expect(e.location).toBe('line 1, column 1');
  });

  it('reports a number where text is expected, showing the value', () => {
    const e = errorOf('name: 12\n');
    expect(e.message).toMatch(/expected string.*got 12/);
    expect(e.location).toBe('line 1, column 7');
  });

  it('rejects a scalar document', () => {
    expect(errorOf('just text\n').message).toMatch(/expected object/);
  });

  it('rejects alias bombs instead of expanding them', () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 0; i < 8; i++) bomb.push(`${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}]`);
    expect(errorOf(bomb.join('\n')).message).toMatch(/alias|cannot read/i);
  });

  it('treats unknown tags as errors', () => {
    expect(errorOf('name: !Ref x\n').location).toBe('line 1, column 7');
  });
});
