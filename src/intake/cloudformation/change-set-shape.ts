import { InputError } from '../../errors.js';

/** The parts of a DescribeChangeSet response that decide anything, validated. */
export interface ChangeSetDocument {
  stackName?: string;
  changeSetName?: string;
  changes: { path: string; change: ResourceChange }[];
}

export interface ResourceChange {
  Action: string;
  LogicalResourceId: string;
  PhysicalResourceId?: string;
  ResourceType?: string;
  Replacement?: string;
  Scope: string[];
  Details: ChangeDetail[];
  PolicyAction?: string;
  BeforeContext?: string;
  AfterContext?: string;
}

export interface ChangeDetail {
  Target?: { Attribute?: string; Name?: string; RequiresRecreation?: string; Path?: string };
  Evaluation?: string;
  ChangeSource?: string;
  CausingEntity?: string;
}

/**
 * Checks the shape of a saved `aws cloudformation describe-change-set` response.
 * Errors name the JSON path (`Changes[2].ResourceChange.Action`) and, when known, the line.
 */
export function readChangeSetShape(value: unknown, file: string, lines: Record<string, number>): ChangeSetDocument {
  const fail = (path: string, message: string): never => {
    const line = lines[path] ?? lines[path.replace(/\.[^.[\]]+$/, '')];
    throw new InputError(message, file, line ? `${path} (line ${line})` : path);
  };
  const root = object(value, '', fail, 'a DescribeChangeSet response (a JSON object with Changes)');
  if (!Array.isArray(root.Changes)) fail('Changes', 'not a change set: Changes must be a list (describe-change-set output)');
  const changes = (root.Changes as unknown[]).flatMap((entry, i) => {
    const path = `Changes[${i}]`;
    const item = object(entry, path, fail, 'a change');
    if (item.Type !== undefined && item.Type !== 'Resource') return [];
    const rc = object(item.ResourceChange, `${path}.ResourceChange`, fail, 'a ResourceChange');
    const at = (key: string) => `${path}.ResourceChange.${key}`;
    const change: ResourceChange = {
      Action: string(rc.Action, at('Action'), fail, true)!,
      LogicalResourceId: string(rc.LogicalResourceId, at('LogicalResourceId'), fail, true)!,
      PhysicalResourceId: string(rc.PhysicalResourceId, at('PhysicalResourceId'), fail),
      ResourceType: string(rc.ResourceType, at('ResourceType'), fail, rc.Action !== 'Dynamic'),
      Replacement: string(rc.Replacement, at('Replacement'), fail),
      Scope: stringList(rc.Scope, at('Scope'), fail),
      Details: details(rc.Details, at('Details'), fail),
      PolicyAction: string(rc.PolicyAction, at('PolicyAction'), fail),
      BeforeContext: string(rc.BeforeContext, at('BeforeContext'), fail),
      AfterContext: string(rc.AfterContext, at('AfterContext'), fail),
    };
    return [{ path, change }];
  });
  return {
    stackName: string(root.StackName, 'StackName', fail),
    changeSetName: string(root.ChangeSetName, 'ChangeSetName', fail),
    changes,
  };
}

type Fail = (path: string, message: string) => never;

function object(value: unknown, path: string, fail: Fail, what: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(path || '$', `expected ${what}, found ${kind(value)}`);
  return value as Record<string, unknown>;
}

function string(value: unknown, path: string, fail: Fail, required = false): string | undefined {
  if (value === undefined || value === null) return required ? fail(path, `${path.split('.').pop()} is required`) : undefined;
  if (typeof value !== 'string') fail(path, `expected a string, found ${kind(value)}`);
  return value as string;
}

function stringList(value: unknown, path: string, fail: Fail): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) fail(path, `expected a list of strings, found ${kind(value)}`);
  return (value as unknown[]).map((v, i) => string(v, `${path}[${i}]`, fail, true)!);
}

function details(value: unknown, path: string, fail: Fail): ChangeDetail[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) fail(path, `expected a list, found ${kind(value)}`);
  return (value as unknown[]).map((entry, i) => {
    const detail = object(entry, `${path}[${i}]`, fail, 'a change detail');
    const target = detail.Target === undefined ? undefined : object(detail.Target, `${path}[${i}].Target`, fail, 'a Target');
    const at = (key: string) => `${path}[${i}].Target.${key}`;
    return {
      Target: target && {
        Attribute: string(target.Attribute, at('Attribute'), fail),
        Name: string(target.Name, at('Name'), fail),
        RequiresRecreation: string(target.RequiresRecreation, at('RequiresRecreation'), fail),
        Path: string(target.Path, at('Path'), fail),
      },
      Evaluation: string(detail.Evaluation, `${path}[${i}].Evaluation`, fail),
      ChangeSource: string(detail.ChangeSource, `${path}[${i}].ChangeSource`, fail),
      CausingEntity: string(detail.CausingEntity, `${path}[${i}].CausingEntity`, fail),
    };
  });
}

function kind(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  return `a ${typeof value}`;
}
