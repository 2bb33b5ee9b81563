// Inline accepts for `firebreak check`: from the .tf files beside a plan, the templates and
// the script files given. Never from --command text (that is what the agent wrote), and the
// agent hook never reads them.
import { dirname, join, resolve } from 'node:path';
import type { IntakeResult } from '../intake/types.js';
import type { RiskException } from '../model.js';
import { ACCEPT_MARKER, acceptsInScript, acceptsInTemplate, acceptsInTerraform, type InlineAccepts } from './inline-accepts.js';

export interface AcceptSources {
  /** Folders whose .tf files are read (the plan's folder, the working folder). */
  terraformDirs: string[];
  templates: string[];
  scripts: string[];
}

export function acceptSourcesOf(given: IntakeResult[], extraTemplates: string[], cwd: string): AcceptSources {
  const plans = given.filter((r) => r.kind === 'terraform-plan' && r.file);
  return {
    terraformDirs: plans.length ? [...new Set([resolve(cwd), ...plans.map((r) => dirname(r.file!))])] : [],
    templates: [...new Set([...extraTemplates, ...given.filter((r) => r.kind === 'cloudformation-template' && r.file).map((r) => r.file!)])],
    scripts: given.filter((r) => r.kind === 'shell' && r.file).map((r) => r.file!),
  };
}

export async function collectAccepts(sources: AcceptSources): Promise<{ accepts: RiskException[]; warnings: string[] }> {
  const found: InlineAccepts[] = [];
  if (!sources.terraformDirs.length && !sources.scripts.length && !sources.templates.length) return { accepts: [], warnings: [] };
  // Loaded here: node:fs/promises brings the stream modules, which a hook call (nothing to read) does without.
  const { readFile, readdir } = await import('node:fs/promises');
  const text = async (file: string) => {
    const content = await readFile(file, 'utf8').catch(() => '');
    return content.includes(ACCEPT_MARKER) || content.includes('firebreak') ? content : undefined;
  };
  for (const dir of sources.terraformDirs) {
    const names = await readdir(dir).catch(() => [] as string[]);
    for (const name of names.filter((n) => n.endsWith('.tf')).sort()) {
      const content = await text(join(dir, name));
      if (content?.includes(ACCEPT_MARKER)) found.push(acceptsInTerraform(content, join(dir, name)));
    }
  }
  for (const file of sources.scripts) {
    const content = await text(file);
    if (content?.includes(ACCEPT_MARKER)) found.push(acceptsInScript(content, file));
  }
  for (const file of sources.templates) {
    const content = await text(file);
    if (content) found.push(await templateAccepts(content, file));
  }
  return { accepts: found.flatMap((f) => f.accepts), warnings: found.flatMap((f) => f.problems.map((p) => p.message)) };
}

export async function templateAccepts(content: string, file: string): Promise<InlineAccepts> {
  const { parseTemplate } = await import('../intake/cloudformation/parse-template.js');
  try {
    return acceptsInTemplate(parseTemplate(content, file).resources, file);
  } catch {
    return { accepts: [], problems: [] }; // an unreadable template is reported by its own intake
  }
}
