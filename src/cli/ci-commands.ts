// `firebreak ci`: commander wiring only. The work is in src/ci (intake, gate) and src/report.
import { Command, Option } from 'commander';
import { InputError } from '../errors.js';
import { resolve } from 'node:path';
import { checkWritable, writeOutput } from './output.js';
import { addVerbosityOptions, globalFlags, textOptions } from './conventions.js';

interface CiFlags {
  base?: string;
  head?: string;
  plan?: string;
  policy?: string;
  agentPolicy?: string;
  config?: string;
  workspace?: string;
  environment?: string;
  failOn: 'escalate' | 'block';
  format: 'text' | 'json' | 'markdown' | 'sarif' | 'html';
  json?: string;
  markdown?: string;
  sarif?: string;
  html?: string;
  comment: boolean;
  repo?: string;
  pr?: string;
  apiUrl?: string;
  reportUrl?: string;
  agentBot: string[];
  agentLabel: string[];
  agentBranch: string[];
  approver: string[];
  approverTeam: string[];
  approvalLabel?: string;
  fetch: boolean;
  cwd?: string;
  timings?: boolean;
  annotations?: boolean;
  jobSummary?: string | boolean;
  githubOutput?: string | boolean;
  quiet?: boolean;
  verbose?: boolean;
}

const collect = (value: string, previous: string[]) => [...previous, ...value.split(',').map((v) => v.trim()).filter(Boolean)];

export function registerCiCommands(program: Command): void {
  addVerbosityOptions(program
    .command('ci'))
    .summary('gate a pull request: what the change between two git revisions does to infrastructure')
    .description(
      'Compares two revisions of the repository: Terraform (a plan JSON when given, else the .tf sources block by block),\n' +
        'CloudFormation / SAM / cdk.out templates, and destructive commands added to scripts, Makefiles, package.json\n' +
        'scripts and CI workflows. Runs the same pipeline as `check`, then writes the PR comment, SARIF and HTML.\n' +
        'Exit codes: 0 pass (or approved, or below --fail-on), 1 escalate, 2 block, 3 bad input or setup.',
    )
    .option('--base <rev>', 'base revision (default: the pull request base from GITHUB_EVENT_PATH)')
    .option('--head <rev>', 'head revision (default: the pull request head, else HEAD)')
    .option('--plan <file>', 'Terraform plan JSON for the head revision (preferred over comparing .tf sources)')
    .option('--policy <file>', 'policy YAML (default: the shipped tiers)')
    .option('--agent-policy <file>', 'policy YAML used instead when the pull request is agent-authored')
    .option('--config <file>', 'firebreak.yaml')
    .option('--workspace <name>', 'Terraform workspace the --plan was made in (default: TF_WORKSPACE, else .terraform/environment)')
    .option('--environment <name>', 'environment the change goes to, from firebreak.yaml')
    .addOption(new Option('--fail-on <level>', 'which verdict fails the check').choices(['escalate', 'block']).default('escalate'))
    .addOption(new Option('-f, --format <format>', 'what to print on stdout').choices(['text', 'json', 'markdown', 'sarif', 'html']).default('text'))
    .option('--json <file>', 'write the JSON report here')
    .option('--markdown <file>', 'write the PR comment (Markdown) here')
    .option('--sarif <file>', 'write SARIF 2.1.0 here (for code scanning upload)')
    .option('--html <file>', 'write the self-contained HTML report here')
    .option('--comment', 'post or update the sticky PR comment (needs GITHUB_TOKEN)', false)
    .option('--repo <owner/name>', 'repository (default: GITHUB_REPOSITORY)')
    .option('--pr <number>', 'pull request number (default: from GITHUB_EVENT_PATH)')
    .option('--api-url <url>', 'GitHub API URL (default: GITHUB_API_URL or https://api.github.com)')
    .option('--report-url <url>', 'link to the full report, shown when the comment is shortened')
    .option('--agent-bot <login>', 'agent account login / author glob (repeatable, comma-separated)', collect, [])
    .option('--agent-label <label>', 'label that marks an agent-authored PR (repeatable)', collect, [])
    .option('--agent-branch <glob>', 'branch pattern of agent-authored PRs (repeatable)', collect, [])
    .option('--approver <login>', 'user whose approving review on the head commit approves an escalation (repeatable)', collect, [])
    .option('--approver-team <org/team>', 'team whose members approve (repeatable)', collect, [])
    .option('--approval-label <label>', 'label that approves an escalation when applied after the head commit')
    .option('--no-fetch', 'never fetch a missing base revision (shallow checkouts fail with a clear error)')
    .option('--cwd <dir>', 'repository directory (default: the current directory)')
    .option('--timings', 'print the time each stage took on stderr')
    .option('--annotations', 'print GitHub annotations (workflow commands) per finding (default: on in GitHub Actions)')
    .option('--no-annotations', 'never print GitHub annotations')
    .option('--job-summary [file]', 'append the summary to the job summary (default: GITHUB_STEP_SUMMARY in GitHub Actions)')
    .option('--no-job-summary', 'never write the job summary')
    .option('--github-output [file]', 'write step outputs (verdict, decision, counts, report paths) in GITHUB_OUTPUT format (default: $GITHUB_OUTPUT)')
    .action(async (flags: CiFlags, command: Command) => {
      for (const file of [flags.json, flags.markdown, flags.sarif, flags.html]) if (file) await checkWritable(resolve(file), file);
      const { readEvent } = await import('../ci/event.js');
      const event = readEvent();
      const base = flags.base ?? event.baseSha ?? (process.env.GITHUB_BASE_REF ? `origin/${process.env.GITHUB_BASE_REF}` : undefined);
      if (!base) throw new InputError('firebreak ci needs --base <rev> (or run it in a pull_request workflow)');
      const head = flags.head ?? event.headSha ?? 'HEAD';
      const [owner, repo] = (flags.repo ?? (event.owner && event.repo ? `${event.owner}/${event.repo}` : '')).split('/');
      const pr = flags.pr ? Number(flags.pr) : event.pr;
      const token = process.env.GITHUB_TOKEN ?? process.env.INPUT_GITHUB_TOKEN;
      const wantsGitHub = flags.comment || flags.approver.length > 0 || flags.approverTeam.length > 0 || !!flags.approvalLabel;
      if (wantsGitHub && (!token || !owner || !repo || !pr || Number.isNaN(pr))) {
        throw new InputError('--comment and approvals need GITHUB_TOKEN, --repo owner/name and --pr N (or a pull_request event)');
      }
      const github = wantsGitHub ? { token: token!, owner, repo, pr: pr!, apiUrl: flags.apiUrl ?? process.env.GITHUB_API_URL } : undefined;

      const { runCi } = await import('../ci/gate.js');
      const result = await runCi({
        cwd: flags.cwd ?? process.cwd(),
        base,
        head,
        ...(flags.plan ? { plan: flags.plan } : {}),
        ...(flags.policy ? { policy: flags.policy } : {}),
        ...(flags.agentPolicy ? { agentPolicy: flags.agentPolicy } : {}),
        ...(flags.config ? { config: flags.config } : {}),
        ...(flags.workspace ? { workspace: flags.workspace } : {}),
        ...(flags.environment ? { environment: flags.environment } : {}),
        failOn: flags.failOn,
        agentRules: { bots: flags.agentBot, labels: flags.agentLabel, branches: flags.agentBranch },
        ...(flags.approver.length || flags.approverTeam.length || flags.approvalLabel
          ? { approvalRules: { users: flags.approver, teams: flags.approverTeam, ...(flags.approvalLabel ? { label: flags.approvalLabel } : {}) } }
          : {}),
        pullRequest: { author: event.author, labels: event.labels, branch: event.branch },
        ...(github ? { github } : {}),
        noFetch: !flags.fetch,
      });

      const { renderReportAsync } = await import('../report/render.js');
      const repositoryUrl = owner && repo ? `${process.env.GITHUB_SERVER_URL ?? 'https://github.com'}/${owner}/${repo}` : undefined;
      const options = { ci: result.ci, ...(flags.reportUrl ? { fullReportUrl: flags.reportUrl } : {}), ...(repositoryUrl ? { repositoryUrl } : {}) };
      const outputs: [string | undefined, 'json' | 'markdown' | 'sarif' | 'html'][] = [
        [flags.json, 'json'],
        [flags.markdown, 'markdown'],
        [flags.sarif, 'sarif'],
        [flags.html, 'html'],
      ];
      const start = performance.now();
      for (const [file, format] of outputs) if (file) await writeOutput(await renderReportAsync(result.report, format, options), file);
      if (flags.comment && github) {
        const { connect, upsertStickyComment } = await import('../ci/github.js');
        await upsertStickyComment(await connect(github), github, await renderReportAsync(result.report, 'markdown', options));
      }
      result.timings.render = Math.round((performance.now() - start) * 10) / 10;
      const text = textOptions({ ...globalFlags(command), ...flags });
      const stdout = flags.format === 'text' || flags.quiet ? await textWithCi(result, text, !!flags.quiet) : await renderReportAsync(result.report, flags.format, { ...options, ...text });
      await writeOutput(stdout);
      const inActions = process.env.GITHUB_ACTIONS === 'true';
      if (flags.annotations ?? inActions) {
        const { annotations } = await import('../ci/annotations.js');
        // Workflow commands on stdout, unless stdout carries a machine format (then stderr, which the runner also reads).
        const lines = `${annotations(result.report, { cwd: flags.cwd ?? process.cwd() }).join('\n')}\n`;
        if (flags.format === 'text') await writeOutput(lines);
        else process.stderr.write(lines);
      }
      const summaryFile = typeof flags.jobSummary === 'string' ? flags.jobSummary : flags.jobSummary !== false ? process.env.GITHUB_STEP_SUMMARY : undefined;
      if (summaryFile) {
        const { writeJobSummary } = await import('../ci/annotations.js');
        await writeJobSummary(await renderReportAsync(result.report, 'markdown', options), summaryFile);
      }

      const outputFile = typeof flags.githubOutput === 'string' ? flags.githubOutput : flags.githubOutput ? process.env.GITHUB_OUTPUT : undefined;
      if (flags.githubOutput && !outputFile) throw new InputError('--github-output needs a file (GITHUB_OUTPUT is not set)');
      if (outputFile) {
        const { stepOutputs, formatStepOutputs } = await import('../ci/step-outputs.js');
        const { appendFile } = await import('node:fs/promises');
        const values = stepOutputs(result.report, result.ci.decision, result.exitCode, { json: flags.json, markdown: flags.markdown, sarif: flags.sarif, html: flags.html });
        await appendFile(outputFile, formatStepOutputs(values));
      }

      if (flags.timings) process.stderr.write(`timings (ms): ${JSON.stringify(result.timings)}\n`);
      process.exitCode = result.exitCode;
    });
}

async function textWithCi(
  result: Awaited<ReturnType<typeof import('../ci/gate.js').runCi>>,
  text: { color: boolean; verbose: boolean; width?: number },
  quiet: boolean,
): Promise<string> {
  const { renderText } = await import('../report/text.js');
  const { ci } = result;
  const { summaryLine } = await import('../report/summary.js');
  const verdict = `${ci.decision.toUpperCase()}  ${summaryLine(result.report)}`;
  if (quiet) return `${verdict}\n`;
  const head = [
    `${ci.from.slice(0, 7)}..${ci.head.slice(0, 7)}: ${ci.changedFiles.length} changed file(s)`,
    ci.agent.agent ? `agent-authored: ${ci.agent.signals.join('; ')}` : 'not recognised as agent-authored',
    ...(ci.approval ? [`approval: ${ci.approval.detail}`] : []),
    ...(ci.decision !== result.report.verdict ? [`decision after approval: ${ci.decision.toUpperCase()} (the report's verdict: ${result.report.verdict.toUpperCase()})`] : []),
    ...ci.notes.map((n) => `note: ${n}`),
  ];
  // The report opens with its verdict and its counts; the gate's decision replaces the verdict.
  const [, counts, ...rest] = renderText(result.report, text).split('\n');
  return [verdict, counts, ...head, ...rest].join('\n');
}
