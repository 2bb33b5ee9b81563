import { InputError } from '../errors.js';
import type { InputKind } from '../model.js';

export type DetectedKind = Extract<
  InputKind,
  'terraform-plan' | 'terraform-state' | 'cloudformation-template' | 'cloudformation-changeset' | 'aws-api-calls' | 'inventory' | 'shell'
>;

const SHELL_EXTENSIONS = /\.(sh|bash|zsh|command)$/i;
const JSON_OR_YAML_EXTENSIONS = /\.(json|ya?ml|template)$/i;

/**
 * Which kind of input a file is, from its content (keys present), not its name. Works on the
 * raw text so a 100 MB plan is not parsed twice.
 */
export function detectKind(text: string, file: string): DetectedKind {
  const head = text.trimStart();
  const has = (key: string) => text.includes(`"${key}"`);
  if (head.startsWith('{') || head.startsWith('[')) {
    if (has('format_version') && (has('resource_changes') || has('planned_values'))) return 'terraform-plan';
    if (has('format_version') && has('values')) return 'terraform-state';
    if (has('terraform_version') && has('resources') && /"version"\s*:\s*4\b/.test(head.slice(0, 4096))) return 'terraform-state';
    if (has('Changes') && (has('ChangeSetId') || has('ChangeSetName'))) return 'cloudformation-changeset';
    if (has('takenAt') && has('items')) return 'inventory';
    if (has('Resources') || has('AWSTemplateFormatVersion')) return 'cloudformation-template';
    if (has('operation') && has('service')) return 'aws-api-calls';
    throw new InputError(
      'JSON input of unknown kind: expected a Terraform plan or state (terraform show -json), a CloudFormation template or change set, an AWS API call list or a firebreak discover inventory',
      file,
    );
  }
  if (/^(AWSTemplateFormatVersion|Resources|Transform|Description)\s*:/m.test(text) && /^Resources\s*:/m.test(text)) {
    return 'cloudformation-template';
  }
  if (SHELL_EXTENSIONS.test(file) || head.startsWith('#!')) return 'shell';
  if (JSON_OR_YAML_EXTENSIONS.test(file)) {
    throw new InputError('not a recognised input: a YAML/JSON file without CloudFormation Resources or Terraform plan/state keys', file);
  }
  return 'shell';
}
