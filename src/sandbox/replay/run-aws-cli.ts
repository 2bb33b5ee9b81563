import { execFile } from 'node:child_process';
import type { CallLog } from '../call-log.js';
import type { EngineEndpoint } from '../engines.js';
import { routeService } from '../routing.js';
import { findAwsCli } from './aws-cli-binary.js';
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
  return new Promise((resolve) => {
    execFile(aws, argv, { env: opts.env, cwd: opts.cwd, timeout: opts.timeoutMs ?? 120_000, maxBuffer: 16 * 1024 * 1024, shell: false }, (err, stdout, stderr) => {
      const exitCode = err ? (typeof (err as { code?: unknown }).code === 'number' ? ((err as { code: number }).code) : 1) : 0;
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
      resolve(result);
    });
  });
}

export function kebabToPascal(s: string): string {
  return s.split('-').map((p) => p.charAt(0).toUpperCase() + p.slice(1)).join('');
}
