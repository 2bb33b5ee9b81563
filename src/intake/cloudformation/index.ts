// CloudFormation intake: templates (JSON / YAML with short-form tags), template diffs,
// stack deletion and saved change sets. @aws-cdk/* is loaded only inside diffTemplates.
export { parseTemplate } from './parse-template.js';
export { readTemplate } from './read-template.js';
export { diffTemplates, type TemplateText } from './diff-templates.js';
export { deleteStackActions, deleteStack } from './delete-stack.js';
export { readChangeSet } from './change-set.js';
export { effectiveDeletionPolicy, effectiveUpdateReplacePolicy } from './policies.js';
export type { Template, TemplateResource } from './template.js';
