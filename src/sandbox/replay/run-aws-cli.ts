import { execFile } from 'node:child_process';
import type { CallLog } from '../call-log.js';
import type { EngineEndpoint } from '../engines.js';
import { routeService } from '../routing.js';
import { findAwsCli } from './aws-cli-binary.js';
import { cliWorkerFor, type CliOutcome } from './cli-worker.js';
import { AWSCLI_HOOKS_DIR } from '../extension.js';
import type { AwsCliInvocation } from './aws-cli-command.js';

export interface CliRunResult {
  argv: string[];
  engine: EngineEndpoint;
  exitCode: number;
  stdout: string;
  stderr: string;
  /** `DependencyViolation` from "An error occurred (DependencyViolation) when calling ...". */
  errorCode?: string;
  operation?: string;
  ms: number;
}

/** Runs the invocation with execFile (no shell) against the engine that models its service. */
export function runAwsCli(
  invocation: AwsCliInvocation,
  opts: { engines: EngineEndpoint[]; env: NodeJS.ProcessEnv; cwd: string; log?: CallLog; timeoutMs?: number },
): Promise<CliRunResult> {
  const aws = findAwsCli();
  if (!aws) throw new Error('no AWS CLI found: run `firebreak sandbox install` (it brings awscli) or `apt-get install -y awscli`');
  const engineName = routeService(invocation.service, opts.engines);
  const engine = opts.engines.find((e) => e.name === engineName);
  if (!engine) throw new Error(`no emulator running for ${invocation.service}`);
  const argv = [...invocation.args, '--endpoint-url', engine.url];
  const started = Date.now();
  const env = cliEnv(opts.env);
  const timeoutMs = opts.timeoutMs ?? 120_000;
  const worker = cliWorkerFor(aws);
  const ran: Promise<CliOutcome> = worker
    ? worker.run(argv, env, opts.cwd, timeoutMs)
    : new Promise((done) =>
        execFile(aws, argv, { env, cwd: opts.cwd, timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024, shell: false }, (err, stdout, stderr) =>
          done({ exitCode: err ? (typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : 1) : 0, stdout: String(stdout), stderr: String(stderr) }),
        ),
      );
  return ran.then(({ exitCode, stdout, stderr }) => {
    {
      const m = /An error occurred \(([^)]+)\) when calling the (\w+) operation/.exec(stderr);
      const result: CliRunResult = {
        argv: [aws, ...argv],
        engine,
        exitCode,
        stdout: String(stdout),
        stderr: String(stderr),
        errorCode: exitCode ? (m?.[1] ?? 'CliError') : undefined,
        operation: m?.[2] ?? kebabToPascal(invocation.subcommand),
        ms: Date.now() - started,
      };
      opts.log?.record({
        service: invocation.service,
        operation: result.operation!,
        host: new URL(engine.url).hostname,
        engine: engine.name,
        ok: exitCode === 0,
        errorCode: result.errorCode,
      });
      return result;
    }
  });
}

/**
 * The CLI's environment: no PYTHON* variable of the caller (a PYTHONPATH or PYTHONSTARTUP could put
 * code into the replayed CLI), and Firebreak's hooks (short waiter polling) on its path.
 */
export function cliEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(env)) if (!/^PYTHON/i.test(k)) out[k] = v;
  out.PYTHONPATH = AWSCLI_HOOKS_DIR;
  out.PYTHONNOUSERSITE = '1';
  return out;
}

export function kebabToPascal(s: string): string {
  return s.split('-').map((p) => p.charAt(0).toUpperCase() + p.slice(1)).join('');
}
