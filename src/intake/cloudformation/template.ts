/** A CloudFormation template as read from a file, intrinsics in their long (JSON) form. */
export interface Template {
  file: string;
  format: 'json' | 'yaml';
  /** The whole template; short-form tags rewritten to long form (what cloudformation-diff expects). */
  body: Record<string, unknown>;
  /** Resources in file order (`Fn::ForEach::*` loops are left out, with a warning). */
  resources: TemplateResource[];
  /** Logical ids of Parameters: `Ref` to one of them is not a resource dependency. */
  parameters: string[];
  /** Template path (`Resources.Db`, `Resources.Db.Properties.Engine`) -> 1-based line. */
  lines: Record<string, number>;
  warnings: string[];
}

export interface TemplateResource {
  logicalId: string;
  type: string;
  properties: Record<string, unknown>;
  /** As written: usually a string; an intrinsic object under AWS::LanguageExtensions. */
  deletionPolicy?: unknown;
  updateReplacePolicy?: unknown;
  dependsOn: string[];
  condition?: string;
  /** The resource's Metadata as written (CDK paths, firebreak accepts). */
  metadata?: unknown;
  /** Facts other resources of the template establish about this one (`AutoDeleteObjects`). */
  facts?: Record<string, unknown>;
  line?: number;
}

/** `Resources.X` for a logical id. */
export function resourcePath(logicalId: string): string {
  return `Resources.${logicalId}`;
}
