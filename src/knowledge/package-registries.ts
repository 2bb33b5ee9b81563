// What package managers' registry commands do to the registry everyone installs from. A package
// manager's own subcommands are otherwise local (knowledge/shell-commands.ts) or run the project's
// scripts (src/intake/shell/runners/node/package-scripts.ts); these act on the shared registry.
import type { Operation, Reversibility } from '../model.js';

export interface RegistryEffect {
  operation: Operation;
  reversibility: Reversibility;
  /** What it does to the registry, and how to undo it. */
  why: string;
}

/** A command's effect, or per second word (`dist-tag rm`); a second word not listed is a read when
 *  it is one of READ_WORDS, otherwise unknown. */
export type RegistryCommand = RegistryEffect | { readonly [word: string]: RegistryEffect };

export const READ_WORDS: ReadonlySet<string> = new Set(['ls', 'list', 'get', 'info', 'view', 'whoami', 'audit', 'check']);

const PUBLISH: RegistryEffect = {
  operation: 'update',
  // Recoverable at a cost, like other releases (docker push, gh release create): a person decides.
  reversibility: 'recoverable',
  why: 'publishes the package to the registry: everyone who installs it gets this version, and its version number can never be published again (undo: deprecate it, or unpublish within 72 hours)',
};
const TAG_MOVE: RegistryEffect = { operation: 'update', reversibility: 'reversible', why: 'moves a dist-tag that every install of PACKAGE@TAG follows (undo: set the tag back to the version it named)' };
const TAG_REMOVE: RegistryEffect = { operation: 'delete', reversibility: 'reversible', why: 'removes a dist-tag that installs of PACKAGE@TAG follow (undo: add it again on the version it named)' };
const OWNERS: RegistryEffect = { operation: 'permissions', reversibility: 'reversible', why: 'changes who may publish the package (undo: the opposite owner command, by a remaining owner)' };
const TEAM_CHANGE: RegistryEffect = { operation: 'permissions', reversibility: 'reversible', why: 'changes an organisation team on the registry, and with it who may publish' };
const TEAM_DESTROY: RegistryEffect = { operation: 'delete', reversibility: 'irreversible', why: 'deletes an organisation team on the registry with its package access' };

const NPM_OWNER = { add: OWNERS, rm: OWNERS, remove: OWNERS };
const NPM_TEAM = { create: TEAM_CHANGE, add: TEAM_CHANGE, rm: TEAM_CHANGE, remove: TEAM_CHANGE, destroy: TEAM_DESTROY };

const NPM_REGISTRY: Readonly<Record<string, RegistryCommand>> = {
  publish: PUBLISH,
  unpublish: { operation: 'delete', reversibility: 'irreversible', why: 'removes the package or version from the registry for everyone who depends on it; its version numbers can never be published again' },
  deprecate: { operation: 'update', reversibility: 'reversible', why: "shows every installer a deprecation warning (undo: npm deprecate PACKAGE@VERSION '')" },
  'dist-tag': { add: TAG_MOVE, set: TAG_MOVE, rm: TAG_REMOVE, remove: TAG_REMOVE },
  owner: NPM_OWNER,
  author: NPM_OWNER,
  access: {
    public: OWNERS, restricted: OWNERS, grant: OWNERS, revoke: OWNERS, set: OWNERS,
    '2fa-required': OWNERS, '2fa-not-required': OWNERS,
  },
  team: NPM_TEAM,
  org: { set: TEAM_CHANGE, rm: TEAM_CHANGE },
  token: { create: { operation: 'permissions', reversibility: 'reversible', why: 'creates a registry token that can publish as you' }, revoke: { operation: 'delete', reversibility: 'irreversible', why: 'revokes a registry token: whatever publishes with it (CI) stops working' } },
  hook: { add: { operation: 'create', reversibility: 'reversible', why: 'adds a registry hook that calls a URL on every publish' }, update: { operation: 'update', reversibility: 'recoverable', why: 'changes a registry hook' }, rm: { operation: 'delete', reversibility: 'recoverable', why: 'removes a registry hook (undo: add it again with its URL and secret)' } },
};

export const REGISTRY_COMMANDS: Readonly<Record<'npm' | 'yarn' | 'yarn npm' | 'pnpm', Readonly<Record<string, RegistryCommand>>>> = {
  npm: NPM_REGISTRY,
  // Yarn 1
  yarn: {
    publish: PUBLISH,
    owner: NPM_OWNER,
    tag: { add: TAG_MOVE, remove: TAG_REMOVE, rm: TAG_REMOVE },
    team: NPM_TEAM,
  },
  // Yarn 2+ (`yarn npm publish`, `yarn npm tag add`)
  'yarn npm': {
    publish: PUBLISH,
    tag: { add: TAG_MOVE, remove: TAG_REMOVE },
  },
  // pnpm hands npm's registry commands to npm (https://pnpm.io/cli/publish and the commands it passes through).
  pnpm: { publish: PUBLISH, ...Object.fromEntries(['unpublish', 'deprecate', 'dist-tag', 'owner', 'access', 'team', 'token'].map((c) => [c, NPM_REGISTRY[c]!])) },
};

/** Options that make a publish only report what it would send: the last of each pair wins. */
export const PUBLISH_DRY_RUN = '--dry-run';
export const PUBLISH_NOT_DRY_RUN: ReadonlySet<string> = new Set(['--no-dry-run', '--dry-run=false']);
