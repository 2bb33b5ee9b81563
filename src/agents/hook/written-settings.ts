// Settings an agent writes with a file tool into files that decide what runs later: guard variables
// in .env/.envrc (intake/shell/env-files.ts), and a package manager's script-shell, node-options or
// yarnPath in .npmrc/.yarnrc/.yarnrc.yml (intake/shell/package-config.ts). Judged as the same text
// written by the shell is.
import type { PlannedAction } from '../../intake/types.js';
import type { RecognisedCommand } from '../../intake/shell/command.js';
import type { HookCall } from '../protocol/types.js';
import type { ToolFile } from '../protocol/tools.js';
import { writtenText } from './written-code.js';

export async function writtenSettingsActions(call: HookCall, file: ToolFile, rc: RecognisedCommand): Promise<PlannedAction[]> {
  if (file.access !== 'write' && file.access !== 'edit') return [];
  const [envFiles, packageConfig] = await Promise.all([import('../../intake/shell/env-files.js'), import('../../intake/shell/package-config.js')]);
  const environment = envFiles.isEnvironmentFile(file.path);
  if (!environment && !packageConfig.isPackageConfigFile(file.path)) return [];
  const written = writtenText(call, file);
  const how = `the text ${call.tool} writes`;
  if (!written) {
    // A payload whose text this does not find is not a pass: the file may get anything.
    const hidden = `text the ${call.tool} call does not show`;
    return [environment ? envFiles.envFileAction(rc, file.path, ['(text not shown)'], hidden) : packageConfig.hiddenPackageConfigWrite(rc, file.path, hidden)];
  }
  if (environment) {
    const names = envFiles.guardVariablesSet(written.text);
    return names.length ? [envFiles.envFileAction(rc, file.path, names, how)] : [];
  }
  return packageConfig.packageConfigWrites(rc, [{ path: file.path, text: written.text }], () => written.text);
}
