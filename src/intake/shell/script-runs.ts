// A build tool running one file (or inline code) of a language Firebreak does not read: `mix run x.exs`,
// `mix run -e CODE`, `dart run x.dart`, `dotnet run app.cs`, `cargo -Zscript x.rs` (wave 17). The runtime's
// own spelling (`elixir x.exs`, `dart x.dart`) was already unknown (OPAQUE_RUNTIMES); the build tool's passed
// as its `run` of the project. Here it is unknown too. The tools' other commands are judged as before.
import { TOOLCHAIN_SCRIPT_RUNS } from '../../knowledge/code/interpreters.js';
import type { PlannedAction } from '../types.js';
import { toolName, unknownCommand, type RecognisedCommand } from './command.js';

/** What the command runs when it is a script file or inline code of an unread language; undefined otherwise. */
export function toolchainScriptRun(rc: RecognisedCommand): PlannedAction | undefined {
  const tool = toolName(rc.argv[0] ?? '');
  const spec = TOOLCHAIN_SCRIPT_RUNS[tool];
  if (!spec) return undefined;
  let args = rc.argv.slice(1);
  // `mix do compile, run x.exs` (or `+`): each task of the list in turn.
  if (tool === 'mix' && args[0] === 'do') {
    for (const part of args.slice(1).join(' ').split(/\s*[,+]\s*|\s+\+\s+/)) {
      const found = toolchainScriptRun({ ...rc, argv: [rc.argv[0]!, ...part.split(/\s+/).filter(Boolean)] });
      if (found) return found;
    }
    return undefined;
  }
  const flagged = spec.flags ? args.some((a) => spec.flags!.test(a)) : false;
  let sub = spec.subcommands.size === 0;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') break;
    if (a.startsWith('-')) {
      const [option, inline] = a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
      const value = inline ?? args[i + 1];
      if (sub && spec.codeOptions?.has(option)) return found(rc, tool, spec.language, `\`${tool} ${option}\` runs the ${spec.language} code it is given`);
      if ((sub || flagged) && (spec.fileOptions?.has(option) || (flagged && option === '--manifest-path')) && value !== undefined && spec.file.test(value)) {
        return found(rc, tool, spec.language, `\`${tool} ${option} ${value}\` runs the ${spec.language} file ${value}`);
      }
      continue;
    }
    if (a.startsWith('+')) continue; // `cargo +nightly`: a toolchain, not a command
    if (!sub) {
      if (!spec.subcommands.has(a)) return undefined;
      sub = true;
      continue;
    }
    // The first operand after the subcommand: a script file, or the project's own target (`dart run build_runner`).
    if (spec.file.test(a) && (spec.subcommands.size > 0 || flagged)) return found(rc, tool, spec.language, `\`${tool}\` runs the ${spec.language} file ${a}`);
    if (spec.subcommands.size > 0) return undefined;
  }
  return undefined;
}

function found(rc: RecognisedCommand, tool: string, language: string, what: string): PlannedAction {
  return unknownCommand(rc, `${what}, as its runtime would: Firebreak does not read ${language}, so what it does is not visible`, 'run code');
}
