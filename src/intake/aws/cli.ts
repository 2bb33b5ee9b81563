// `aws ...` command lines -> planned actions. Called by the shell intake for every aws command
// an agent runs, so it stays light: IAM data is read lazily, one service at a time.
import type { EnvironmentHints, Evidence, Operation, SourceRef } from '../../model.js';
import { AWS_CLI_LOCAL_COMMANDS, AWS_CLI_PAGING_OPTIONS } from '../../knowledge/aws-cli-options.js';
import type { PlannedAction } from '../types.js';
import { parseAwsArgv, type ParsedAwsArgv } from './argv.js';
import { awsCallToActions } from './call.js';
import { callHints } from './hints.js';
import { apiParameter, type AwsCallParameter } from './parameters.js';
import { s3CommandToActions } from './s3-commands.js';

type Env = Record<string, string | undefined>;

function given(parsed: ParsedAwsArgv, env: Env): { profile?: string; region?: string; endpoint?: string; evidence: Evidence[] } {
  const evidence: Evidence[] = [];
  const pick = (option: string, envNames: string[]): string | undefined => {
    const value = parsed.globals[option];
    if (typeof value === 'string') return value;
    for (const name of envNames) {
      const fromEnv = env[name];
      if (fromEnv) {
        evidence.push({ kind: 'input', key: name, value: fromEnv, message: `${option.slice(2)} ${fromEnv} comes from the environment variable ${name}` });
        return fromEnv;
      }
    }
    return undefined;
  };
  return {
    profile: pick('--profile', ['AWS_PROFILE', 'AWS_DEFAULT_PROFILE']),
    region: pick('--region', ['AWS_REGION', 'AWS_DEFAULT_REGION']),
    endpoint: pick('--endpoint-url', ['AWS_ENDPOINT_URL']),
    evidence,
  };
}

function cliOnlyAction(operation: Operation, verb: string, what: string, source: SourceRef, hints: EnvironmentHints, evidence: Evidence[]): PlannedAction {
  return {
    source,
    operation,
    verb,
    tool: 'aws',
    target: { type: 'aws:cli', id: what },
    scope: 'resource',
    hints,
    evidence,
  };
}

/** `--cli-input-json '{...}'` inline adds parameters; from a file (or YAML) they are unknown. */
function inputJsonParameters(params: AwsCallParameter[]): { parameters: AwsCallParameter[]; unknown: string[] } {
  const unknown: string[] = [];
  const parameters: AwsCallParameter[] = [];
  for (const p of params) {
    if (AWS_CLI_PAGING_OPTIONS.has(p.name)) continue;
    if (p.key === 'cliinputjson' || p.key === 'cliinputyaml') {
      const text = typeof p.value === 'boolean' ? '' : p.value.join(' ');
      const inline = p.key === 'cliinputjson' ? parseJsonObject(text) : undefined;
      if (inline) {
        for (const [name, value] of Object.entries(inline)) {
          const param = apiParameter(name, value);
          if (param) parameters.push(param);
        }
      } else {
        unknown.push(`parameters come from ${p.name} ${text || '(no value)'}: Firebreak cannot see them`);
      }
      continue;
    }
    if (typeof p.value !== 'boolean' && p.value.some((v) => /^(file|fileb):\/\//.test(v))) {
      unknown.push(`${p.name} is read from ${p.value.join(' ')}: Firebreak cannot see its content`);
    }
    parameters.push(p);
  }
  return { parameters, unknown };
}

function parseJsonObject(text: string): Record<string, unknown> | undefined {
  if (!text.trim().startsWith('{')) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Planned actions of one `aws` command line. argv[0] is `aws`. Global options may appear anywhere;
 * `env` supplies AWS_PROFILE / AWS_REGION style hints (defaults to this process's environment).
 * One action per target id (`terminate-instances --instance-ids i-1 i-2` -> two actions).
 */
export async function awsCliToActions(argv: string[], source: SourceRef, env: Env = process.env): Promise<PlannedAction[]> {
  const parsed = parseAwsArgv(argv);
  const where = given(parsed, env);
  const [service, operation, ...rest] = parsed.positionals;
  const hints = callHints(where, parsed.parameters);
  const evidence = where.evidence;

  if (service === undefined) {
    const what = parsed.globals['--version'] ? 'version' : 'usage';
    return [cliOnlyAction('read', 'aws', what, source, hints, [...evidence, { kind: 'knowledge', message: `aws with no command prints its ${what} and calls no AWS API` }])];
  }
  if (operation === 'help' || rest.includes('help') || service === 'help') {
    return [cliOnlyAction('read', [service, operation].filter(Boolean).join(' '), 'help', source, hints, [...evidence, { kind: 'knowledge', message: 'aws ... help prints documentation and calls no AWS API' }])];
  }
  if (parsed.parameters.some((p) => p.key === 'generatecliskeleton')) {
    return [cliOnlyAction('read', operation ?? service, 'skeleton', source, hints, [...evidence, { kind: 'command', key: '--generate-cli-skeleton', message: '--generate-cli-skeleton prints a parameter template and calls no AWS API' }])];
  }

  const local = AWS_CLI_LOCAL_COMMANDS[service];
  const localOperation = local ? (local[operation ?? ''] ?? local['*']) : undefined;
  if (localOperation) {
    const verb = [service, operation].filter(Boolean).join(' ');
    return [cliOnlyAction(localOperation, verb, verb, source, hints, [...evidence, { kind: 'knowledge', message: `aws ${verb} ${localOperation === 'read' ? 'calls no AWS write API' : 'changes the local AWS CLI configuration only'}` }])];
  }

  if (service === 's3' && operation !== undefined) {
    return s3CommandToActions({ subcommand: operation, args: rest, parameters: parsed.parameters, hints, evidence, source });
  }

  if (operation === undefined) {
    return [cliOnlyAction('read', service, 'usage', source, hints, [...evidence, { kind: 'knowledge', message: `aws ${service} with no operation prints usage and calls no AWS API` }])];
  }

  // `aws ec2 wait instance-running ...` polls the matching describe call.
  if (operation === 'wait') {
    return [cliOnlyAction('read', `${service} wait ${rest[0] ?? ''}`.trim(), 'waiter', source, hints, [...evidence, { kind: 'knowledge', message: 'aws ... wait polls a describe call until a state is reached: read only' }])];
  }

  const { parameters, unknown } = inputJsonParameters(parsed.parameters);
  return awsCallToActions(
    { service, operation, parameters, profile: where.profile, region: where.region, endpoint: where.endpoint, verb: operation, unknownParameters: unknown, evidence },
    source,
  );
}
