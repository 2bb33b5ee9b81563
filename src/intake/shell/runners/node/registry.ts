// Package managers' registry commands (`npm publish`, `yarn npm tag remove`, `npm owner rm`): what
// they change on the registry everyone installs from, judged as actions on the package, not as
// local package-manager work. A publish's lifecycle scripts are followed by package-scripts.ts.
import type { PlannedAction } from '../../../types.js';
import { commandEvidence, makeAction, unknownCommand, type RecognisedCommand } from '../../command.js';
import { PUBLISH_DRY_RUN, PUBLISH_NOT_DRY_RUN, READ_WORDS, REGISTRY_COMMANDS, type RegistryEffect } from '../../../../knowledge/package-registries.js';

export type RegistryCli = keyof typeof REGISTRY_COMMANDS;

/** The registry actions of `cli command words...`; undefined when it is not a registry command. */
export function registryActions(rc: RecognisedCommand, cli: RegistryCli, command: string, words: readonly string[], packageName: string | undefined): PlannedAction[] | undefined {
  const known = REGISTRY_COMMANDS[cli][command];
  if (!known) return undefined;
  const said = `${cli} ${command}`;
  if (isEffect(known)) {
    if (command === 'publish' && dryRun(rc)) return [];
    return [registryAction(rc, said, known, words.find((w) => !w.startsWith('-')) ?? packageName)];
  }
  const word = words[0];
  if (word === undefined || READ_WORDS.has(word)) return [];
  const effect = known[word];
  if (!effect) return [unknownCommand(rc, `\`${said} ${word}\` is not a registry command Firebreak knows, so it is not assumed safe`, `${command} ${word}`)];
  return [registryAction(rc, `${said} ${word}`, effect, words.slice(1).find((w) => !w.startsWith('-') && !w.includes(':')) ?? words[1] ?? packageName)];
}

function isEffect(c: RegistryEffect | { readonly [word: string]: RegistryEffect }): c is RegistryEffect {
  return typeof (c as RegistryEffect).operation === 'string' && typeof (c as RegistryEffect).why === 'string';
}

/** `--dry-run` (or npm_config_dry_run) with no later `--no-dry-run`: the publish only reports. */
function dryRun(rc: RecognisedCommand): boolean {
  let dry = /^(true|1)$/i.test(rc.env.npm_config_dry_run ?? rc.env.NPM_CONFIG_DRY_RUN ?? '');
  for (const a of rc.argv.slice(1)) {
    if (a === '--') break;
    if (a === PUBLISH_DRY_RUN || a === '--dry-run=true') dry = true;
    else if (PUBLISH_NOT_DRY_RUN.has(a)) dry = false;
  }
  return dry;
}

function registryAction(rc: RecognisedCommand, said: string, effect: RegistryEffect, target: string | undefined): PlannedAction {
  const evidence = [commandEvidence(`${said} ${effect.why}`, said)];
  return makeAction(rc, {
    operation: effect.operation,
    verb: said,
    tool: rc.argv[0]?.split('/').pop() ?? 'npm',
    target: { type: 'npm:package', id: target ?? '(the package in this folder)' },
    scope: 'resource',
    evidence,
    intrinsic: { reversibility: effect.reversibility, evidence },
  });
}
