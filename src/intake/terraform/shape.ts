import { InputError } from '../../errors.js';

/** Shape checks over parsed JSON that fail with the JSON path of the offending value. */
export type Json = Record<string, unknown>;

export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function describeJsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

export class ShapeChecker {
  constructor(
    readonly file: string,
    readonly what: string,
  ) {}

  fail(path: string, message: string): never {
    throw new InputError(`${this.what}: ${message}`, this.file, path || '(top level)');
  }

  // `field` is appended to `path` only when the check fails: hot loops over thousands of
  // resources pass their element path and the field apart instead of spelling every field's path.
  object(value: unknown, path: string, field = ''): Json {
    if (!isObject(value)) this.fail(path + field, `expected an object, found ${describeJsonType(value)}`);
    return value;
  }

  /** An object, or undefined/null when absent. */
  optionalObject(value: unknown, path: string, field = ''): Json | undefined {
    if (value === undefined || value === null) return undefined;
    return this.object(value, path, field);
  }

  array(value: unknown, path: string, field = ''): unknown[] {
    if (!Array.isArray(value)) this.fail(path + field, `expected an array, found ${describeJsonType(value)}`);
    return value;
  }

  optionalArray(value: unknown, path: string, field = ''): unknown[] {
    if (value === undefined || value === null) return [];
    return this.array(value, path, field);
  }

  string(value: unknown, path: string, field = ''): string {
    if (typeof value !== 'string') this.fail(path + field, `expected a string, found ${describeJsonType(value)}`);
    return value;
  }

  optionalString(value: unknown, path: string, field = ''): string | undefined {
    if (value === undefined || value === null) return undefined;
    return this.string(value, path, field);
  }

  stringArray(value: unknown, path: string, field = ''): string[] {
    const items = this.array(value, path, field);
    for (let i = 0; i < items.length; i++) if (typeof items[i] !== 'string') this.string(items[i], `${path}${field}[${i}]`);
    return items as string[];
  }

  optionalStringArray(value: unknown, path: string, field = ''): string[] {
    if (value === undefined || value === null) return [];
    return this.stringArray(value, path, field);
  }
}
