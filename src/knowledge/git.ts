// Facts about git refs used to judge pushes (src/intake/shell/recognisers/git.ts).

/** Branches others build on: rewriting or deleting them loses their work, and deploys follow them. */
export const SHARED_BRANCH = /^(main|master|trunk|develop|development|dev|next|stable|staging|stage|production|prod|live|gh-pages|HEAD|release|releases|hotfix)$|^(release|releases|hotfix|prod|production|stable|support|maintenance)[/-]|^v?\d+\.\d+(\.x)?$/;

/** Ref names that are release tags by their form (`v1.2.3`, `1.4.0-rc.1`, `cli/v2.0.0`). */
export const TAG_NAME = /^([a-z0-9._-]+\/)?v?\d+\.\d+(\.\d+)?([-+.][0-9A-Za-z.-]+)?$/;
