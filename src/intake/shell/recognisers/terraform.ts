// terraform / tofu / terragrunt subcommands.
import type { Evidence } from '../../../model.js';
import type { PlannedAction } from '../../types.js';
import { commandEvidence, makeAction, toolName, unknownCommand, type RecognisedCommand, type Recogniser } from '../command.js';
import { optionValue, optionValues, parseOptions, type ParsedOptions } from '../options.js';
import { resolve } from 'node:path';
import { workspaceOf } from '../../terraform/workspaces.js';

const READ_SUBCOMMANDS = new Set(['plan', 'show', 'validate', 'init', 'output', 'fmt', 'providers', 'graph', 'version', 'console',
  'get', 'test', 'login', 'logout', 'metadata', 'modules', 'render-json', 'hclfmt', 'terragrunt-info', 'validate-inputs', 'graph-dependencies', 'output-module-groups', 'info', 'find', 'list', 'dag', 'hcl', 'render']);
const WITH_ARGUMENT = new Set(['-target', '-replace', '-var', '-var-file', '-state', '-state-out', '-backup', '-lock-timeout', '-parallelism', '-chdir', '-out',
  '--terragrunt-working-dir', '--working-dir']);
const RUN_ALL = new Set(['run-all', 'destroy-all', 'apply-all']);

export const terraform: Recogniser = (cmd) => {
  const tool = toolName(cmd.argv[0]);
  let args = cmd.argv.slice(1);
  const globals: string[] = [];
  while (args.length && args[0].startsWith('-')) globals.push(args.shift()!);
  const chdir = globals.find((g) => g.startsWith('-chdir='))?.slice(7);
  let runAll = false;
  if (tool === 'terragrunt' && args[0] && RUN_ALL.has(args[0])) {
    runAll = true;
    if (args[0] === 'run-all') args = args.slice(1);
    else args = [args[0].replace('-all', ''), ...args.slice(1)];
  }
  if (tool === 'terragrunt' && args[0] === 'run') {
    runAll = args.includes('--all') || args.includes('-all');
    args = args.slice(1).filter((a) => a !== '--all' && a !== '-all' && a !== '--');
  }
  const sub = args[0];
  if (!sub) return [];
  if (args.some((a) => a === '-help' || a === '--help' || a === '-h') || globals.some((g) => g === '-help' || g === '--help' || g === '-h' || g === '-version' || g === '--version')) return [];
  const p = parseOptions(args.slice(1), { withArgument: WITH_ARGUMENT });
  const dir = chdir ?? optionValue(p, '--terragrunt-working-dir', '--working-dir') ?? cmd.cwd;
  // Else the workspace `terraform workspace select` left in the folder it runs in (.terraform/environment).
  const workspace = cmd.env.TF_WORKSPACE || cmd.hints.workspace || workspaceOf(resolve(cmd.workspace ?? process.cwd(), dir ?? '.'))?.name || 'default';
  const t = new TerraformCommand(cmd, tool, sub, p, workspace, dir, runAll);

  // `init -migrate-state -force-copy` copies state into the new backend over whatever state is there, without asking.
  if (sub === 'init' && args.some((a) => /^-(migrate-state|force-copy)(=true)?$/.test(a))) {
    return [t.whole('update', 'init', [commandEvidence('init -migrate-state/-force-copy copies the state into the configured backend, over the state already there', args.find((a) => a.startsWith('-force-copy')) ? '-force-copy' : '-migrate-state')])];
  }
  if (READ_SUBCOMMANDS.has(sub)) return [t.read()];
  switch (sub) {
    case 'destroy': return t.destroy([]);
    case 'apply': return t.apply();
    case 'refresh': return [t.whole('update', 'refresh', [commandEvidence('refresh rewrites state from real infrastructure', 'refresh')], 'reversible')];
    case 'state': return t.state(args[1], p.positionals.slice(1));
    case 'import': return [t.resource('update', 'import', p.positionals[0], [commandEvidence('import adds an existing resource to state; Terraform will manage (and may change) it from now on', 'import')], 'reversible')];
    case 'taint': return [t.resource('replace', 'taint', p.positionals[0], [commandEvidence('taint forces the resource to be destroyed and recreated on the next apply', 'taint')])];
    case 'untaint': return [t.resource('update', 'untaint', p.positionals[0], [], 'reversible')];
    case 'workspace': return t.workspaceCommand(args[1], p.positionals.slice(1));
    case 'force-unlock': return [t.whole('update', 'force-unlock', [commandEvidence('force-unlock removes the state lock: a concurrent run can corrupt state', 'force-unlock', p.positionals[0])])];
    default: return [unknownCommand(cmd, `${tool} ${sub} is not a subcommand Firebreak recognises`, sub)];
  }
};

class TerraformCommand {
  constructor(
    private readonly cmd: RecognisedCommand,
    private readonly tool: string,
    private readonly sub: string,
    private readonly p: ParsedOptions,
    private readonly workspace: string,
    private readonly dir: string | undefined,
    private readonly runAll: boolean,
  ) {}

  private get hints() {
    // The root module directory names the stack (envs/prod): kept as stackName for matching.
    return { workspace: this.workspace, ...(this.dir ? { stackName: this.dir } : {}) };
  }

  private get baseEvidence(): Evidence[] {
    const e: Evidence[] = [];
    if (this.p.values.has('-auto-approve') || this.p.values.has('--auto-approve') || this.p.values.has('--terragrunt-non-interactive') || this.p.values.has('--non-interactive')) {
      e.push(commandEvidence('-auto-approve: runs without showing the plan for review', '-auto-approve'));
    }
    if (this.runAll) e.push(commandEvidence('terragrunt run-all: runs in every module below the working directory', 'run-all'));
    if (this.dir) e.push(commandEvidence(`runs in ${this.dir}`, '-chdir', this.dir));
    for (const f of optionValues(this.p, '-var-file')) e.push(commandEvidence(`variables from ${f}`, '-var-file', f));
    return e;
  }

  read(): PlannedAction {
    return makeAction(this.cmd, {
      operation: 'read', verb: this.sub, tool: this.tool, target: this.stateTarget(), scope: 'environment', hints: this.hints, evidence: this.baseEvidence,
    });
  }

  destroy(extra: Evidence[]): PlannedAction[] {
    const targets = optionValues(this.p, '-target', '--target');
    const evidence = [...this.baseEvidence, ...extra];
    if (targets.length && !this.runAll) {
      return targets.map((addr) => makeAction(this.cmd, {
        operation: 'delete', verb: this.verb('destroy'), tool: this.tool, target: { type: 'terraform:resource', id: addr, address: addr }, scope: 'resource',
        hints: { ...this.hints, terraformAddress: addr }, evidence: [...evidence, commandEvidence(`-target limits the destroy to ${addr} (and what depends on it)`, '-target', addr)],
      }));
    }
    return [makeAction(this.cmd, {
      operation: 'delete', verb: this.verb('destroy'), tool: this.tool, target: this.stateTarget(), scope: 'environment', hints: this.hints,
      evidence: [...evidence, commandEvidence(`destroys every resource in the ${this.runAll ? 'modules' : `workspace ${this.workspace}`} state`, 'destroy')],
    })];
  }

  apply(): PlannedAction[] {
    if (this.p.values.has('-destroy') || this.p.values.has('--destroy')) return this.destroy([commandEvidence('apply -destroy is a destroy', '-destroy')]);
    const replaces = optionValues(this.p, '-replace');
    const planFile = this.p.positionals[0];
    if (replaces.length) {
      return replaces.map((addr) => this.resource('replace', this.verb('apply -replace'), addr, [commandEvidence(`-replace forces ${addr} to be destroyed and recreated`, '-replace', addr)]));
    }
    const evidence = [...this.baseEvidence];
    if (planFile) {
      evidence.push(commandEvidence(`applies the saved plan ${planFile}: its changes are not visible in the command; give Firebreak \`terraform show -json ${planFile}\``, 'planfile', planFile));
    } else if (this.p.values.has('-auto-approve') || this.p.values.has('--auto-approve')) {
      evidence.push(commandEvidence('applies without a saved plan and without review: the changes are not visible; run `terraform plan -out=tfplan && terraform show -json tfplan` and give Firebreak the JSON', '-auto-approve'));
    } else {
      evidence.push(commandEvidence('applies changes that are not visible in the command; give Firebreak the plan JSON (`terraform show -json tfplan`)', 'apply'));
    }
    if (this.p.values.has('-refresh-only')) return [this.whole('update', this.verb('apply -refresh-only'), evidence, 'reversible')];
    return [makeAction(this.cmd, {
      operation: 'unknown', verb: this.verb('apply'), tool: this.tool, target: this.stateTarget(), scope: 'unknown', hints: this.hints, evidence,
      details: planFile ? { planFile } : { needsPlanJson: true },
    })];
  }

  state(action: string | undefined, operands: string[]): PlannedAction[] {
    switch (action) {
      case 'list': case 'show': case 'pull': case 'identities': return [this.read()];
      case 'rm': return operands.filter((a) => !a.startsWith('-')).map((addr) => this.resource('update', 'state rm', addr,
        [commandEvidence(`state rm forgets ${addr} without destroying it: the real resource keeps running, orphaned; a later apply may create a duplicate`, 'state rm', addr)],
        'recoverable', { stateOnly: true, orphaned: true }));
      case 'mv': return [this.resource('update', 'state mv', operands[0], [commandEvidence(`state mv moves ${operands[0]} to ${operands[1]} in state`, 'state mv')], 'reversible', { stateOnly: true, to: operands[1] })];
      case 'replace-provider': return [this.whole('update', 'state replace-provider', [], 'reversible')];
      case 'push': return [this.whole('update', 'state push', [commandEvidence('state push overwrites the remote state with a local file', 'state push')])];
      default: return [unknownCommand(this.cmd, `${this.tool} state ${action ?? ''} is not recognised`, `state ${action ?? ''}`)];
    }
  }

  workspaceCommand(action: string | undefined, operands: string[]): PlannedAction[] {
    if (action !== 'delete') return [];
    const name = operands.filter((a) => !a.startsWith('-')).pop() ?? '';
    const force = this.p.values.has('-force');
    return [makeAction(this.cmd, {
      operation: 'delete', verb: 'workspace delete', tool: this.tool, target: { type: 'terraform:state', id: name }, scope: 'environment',
      hints: { workspace: name }, evidence: force ? [commandEvidence('-force deletes the workspace even if its state still tracks resources: they become orphaned', '-force')] : [commandEvidence('refuses to delete a workspace whose state is not empty (no -force)', 'workspace delete')],
      intrinsic: force ? { reversibility: 'irreversible', evidence: [commandEvidence('the workspace state is discarded (-force)')] } : undefined,
    })];
  }

  resource(operation: 'update' | 'replace' | 'delete', verb: string, addr: string | undefined, evidence: Evidence[], reversibility?: 'reversible' | 'recoverable', details?: Record<string, unknown>): PlannedAction {
    const id = addr ?? '(no address)';
    return makeAction(this.cmd, {
      operation, verb, tool: this.tool, target: { type: 'terraform:resource', id, address: id }, scope: addr ? 'resource' : 'unknown',
      hints: { ...this.hints, ...(addr ? { terraformAddress: addr } : {}) }, evidence: [...this.baseEvidence, ...evidence],
      intrinsic: reversibility ? { reversibility, evidence } : undefined, details,
    });
  }

  whole(operation: 'update', verb: string, evidence: Evidence[], reversibility?: 'reversible'): PlannedAction {
    return makeAction(this.cmd, {
      operation, verb, tool: this.tool, target: this.stateTarget(), scope: 'environment', hints: this.hints, evidence: [...this.baseEvidence, ...evidence],
      intrinsic: reversibility ? { reversibility, evidence } : undefined,
    });
  }

  private stateTarget() {
    return { type: 'terraform:state', id: this.runAll ? 'run-all' : this.workspace };
  }

  private verb(v: string): string {
    return this.runAll ? `run-all ${v}` : v;
  }
}
