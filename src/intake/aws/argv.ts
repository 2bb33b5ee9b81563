import { AWS_CLI_GLOBAL_OPTIONS, AWS_S3_BOOLEAN_OPTIONS } from '../../knowledge/aws-cli-options.js';
import { parameter, type AwsCallParameter } from './parameters.js';

export interface ParsedAwsArgv {
  /** Global options as given (`--profile` -> `prod`, `--debug` -> true). */
  globals: Record<string, string | true>;
  /** Service, operation (or s3 subcommand), then positional arguments. */
  positionals: string[];
  parameters: AwsCallParameter[];
}

/**
 * Splits `aws ...` argv into global options, positionals and operation parameters. Global options
 * may appear anywhere. An operation parameter takes every following value up to the next option
 * (`--instance-ids i-1 i-2`), or none (a boolean flag); high-level `aws s3` options take at most one.
 */
export function parseAwsArgv(argv: readonly string[]): ParsedAwsArgv {
  const globals: Record<string, string | true> = {};
  const positionals: string[] = [];
  const parameters: AwsCallParameter[] = [];
  const tokens = argv.slice(1);
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (token === '--') {
      positionals.push(...tokens.slice(i + 1));
      break;
    }
    if (!token.startsWith('--') || token === '--') {
      positionals.push(token);
      continue;
    }
    const eq = token.indexOf('=');
    const name = eq > 0 ? token.slice(0, eq) : token;
    const inline = eq > 0 ? token.slice(eq + 1) : undefined;
    const global = AWS_CLI_GLOBAL_OPTIONS[name];
    if (global === 'flag') {
      globals[name] = true;
      continue;
    }
    if (global === 'value') {
      const value = inline ?? tokens[i + 1];
      if (inline === undefined && value !== undefined) i++;
      globals[name] = value ?? true;
      continue;
    }
    if (inline !== undefined) {
      parameters.push(parameter(name, [inline]));
      continue;
    }
    const highLevelS3 = positionals[0] === 's3';
    if (highLevelS3 && AWS_S3_BOOLEAN_OPTIONS.has(name)) {
      parameters.push(parameter(name, true));
      continue;
    }
    const values: string[] = [];
    while (i + 1 < tokens.length && !tokens[i + 1].startsWith('--') && !(highLevelS3 && values.length === 1)) {
      values.push(tokens[++i]);
    }
    parameters.push(parameter(name, values.length ? values : true));
  }
  return { globals, positionals, parameters };
}
