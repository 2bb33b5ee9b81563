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

  object(value: unknown, path: string): Json {
    if (!isObject(value)) this.fail(path, `expected an object, found ${describeJsonType(value)}`);
    return value;
  }

  /** An object, or undefined/null when absent. */
  optionalObject(value: unknown, path: string): Json | undefined {
    if (value === undefined || value === null) return undefined;
    return this.object(value, path);
  }

  array(value: unknown, path: string): unknown[] {
    if (!Array.isArray(value)) this.fail(path, `expected an array, found ${describeJsonType(value)}`);
    return value;
  }

  optionalArray(value: unknown, path: string): unknown[] {
    if (value === undefined || value === null) return [];
    return this.array(value, path);
  }

  string(value: unknown, path: string): string {
    if (typeof value !== 'string') this.fail(path, `expected a string, found ${describeJsonType(value)}`);
    return value;
  }

  optionalString(value: unknown, path: string): string | undefined {
    if (value === undefined || value === null) return undefined;
    return this.string(value, path);
  }

  stringArray(value: unknown, path: string): string[] {
    const items = this.array(value, path);
    items.forEach((item, i) => this.string(item, `${path}[${i}]`));
    return items as string[];
  }

  optionalStringArray(value: unknown, path: string): string[] {
    if (value === undefined || value === null) return [];
    return this.stringArray(value, path);
  }
}
