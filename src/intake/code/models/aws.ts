// AWS SDK objects (boto3, the JavaScript SDK v2 and v3, the Ruby and PHP SDKs): clients,
// resources and commands -> AWS API calls, classified later through the IAM data like the CLI.
import type { CallSite } from '../evaluate.js';
import { AWS_CLIENT_HELPERS, AWS_S3_TRANSFER_METHODS, BOTO3_RESOURCE_ACTIONS } from '../../../knowledge/code/cloud-sdks.js';
import { obj, str, textOf, UNKNOWN, type Value } from '../values.js';

export type AwsObject = Value & { t: 'obj' };

export interface AwsHints {
  region?: Value;
  profile?: Value;
  endpoint?: Value;
}

export function awsClient(service: Value | undefined, hints: AwsHints, cls = 'aws.client', extra: Record<string, Value> = {}): Value {
  const props: Record<string, Value> = { service: service ?? UNKNOWN, ...extra };
  if (hints.region) props.region = hints.region;
  if (hints.profile) props.profile = hints.profile;
  if (hints.endpoint) props.endpoint = hints.endpoint;
  return obj(cls, props);
}

export function hintsOf(o: AwsObject): AwsHints {
  return { region: o.props.region, profile: o.props.profile, endpoint: o.props.endpoint };
}

/** Parameters from a dict value (`{ Bucket: 'x' }`, `['Bucket' => 'x']`, `bucket: 'x'`). */
export function paramsFromDict(v: Value | undefined): { params: [string, Value][]; unknown?: string } {
  if (!v) return { params: [] };
  if (v.t !== 'dict') return { params: [], unknown: 'the call parameters are computed at run time' };
  const params: [string, Value][] = [];
  let unknown: string | undefined;
  for (const [k, val] of v.entries) {
    if (k === null) unknown = 'a parameter name is computed at run time';
    else params.push([k, val]);
  }
  return { params, ...(unknown ? { unknown } : {}) };
}

export function emitAws(site: CallSite, client: AwsObject, operation: string, params: [string, Value][], unknownParams?: string): void {
  const service = textOf(client.props.service);
  if (service === undefined) {
    site.emit({ kind: 'unknown', why: `calls the AWS API operation ${operation} on a client whose service is computed at run time` });
    return;
  }
  const region = textOf(client.props.region ?? UNKNOWN);
  const profile = textOf(client.props.profile ?? UNKNOWN);
  const endpoint = textOf(client.props.endpoint ?? UNKNOWN);
  site.emit({
    kind: 'aws', service, operation, params,
    ...(unknownParams ? { unknownParams } : {}),
    ...(region ? { region } : {}), ...(profile ? { profile } : {}), ...(endpoint ? { endpoint } : {}),
  });
}

/** A method call on an AWS client: an API operation, a paginator, or a helper. */
export function clientMethod(site: CallSite, client: AwsObject, method: string, params: { params: [string, Value][]; unknown?: string }): Value {
  if (method === 'get_paginator' || method === 'getPaginator') {
    return obj('aws.paginator', { ...client.props, operation: site.args[0] ?? UNKNOWN });
  }
  if (AWS_CLIENT_HELPERS.has(method)) return UNKNOWN;
  const service = (textOf(client.props.service) ?? '').toLowerCase();
  const transfer = AWS_S3_TRANSFER_METHODS[method];
  if (service === 's3' && transfer) {
    const bucket = site.arg(transfer.bucketArg, 'Bucket');
    emitAws(site, client, transfer.operation, bucket ? [['Bucket', bucket]] : params.params, params.unknown);
    return obj('aws.response');
  }
  if (method === 'makeRequest' || method === 'make_request') {
    const op = textOf(site.args[0] ?? UNKNOWN);
    if (op === undefined) {
      site.emit({ kind: 'unknown', why: 'AWS makeRequest with an operation computed at run time' });
      return UNKNOWN;
    }
    const p = paramsFromDict(site.args[1]);
    emitAws(site, client, op, p.params, p.unknown);
    return obj('aws.response');
  }
  emitAws(site, client, method, params.params, params.unknown);
  return obj('aws.response');
}

export function paginatorCall(site: CallSite, paginator: AwsObject, params: { params: [string, Value][]; unknown?: string }): Value {
  const op = textOf(paginator.props.operation ?? UNKNOWN);
  if (op === undefined) {
    site.emit({ kind: 'unknown', why: 'an AWS paginator for an operation computed at run time' });
    return UNKNOWN;
  }
  emitAws(site, paginator, op, params.params, params.unknown);
  return obj('aws.response');
}

// ---------------------------------------------------------------- boto3 resources

/** `s3.Bucket('x')`, `ec2.Instance(id)`: a resource object with its identifiers. */
export function resourceItem(resource: AwsObject, type: string, ids: Value[]): Value {
  return obj('aws.item', { ...resource.props, type: str(type), ids: { t: 'list', items: ids } });
}

/** `bucket.objects`, `ec2.instances`: a collection, under its parent item when there is one. */
export function resourceCollection(parent: AwsObject, name: string): Value {
  const props: Record<string, Value> = { ...parent.props, collection: str(name) };
  if (parent.cls === 'aws.resource') delete props.type;
  return obj('aws.collection', props);
}

const COLLECTION_CHAINING = new Set(['all', 'filter', 'limit', 'page_size']);

export function collectionMethod(site: CallSite, collection: AwsObject, method: string): Value {
  if (COLLECTION_CHAINING.has(method)) {
    const props: Record<string, Value> = { ...collection.props };
    if (method === 'filter') props.filtered = { t: 'lit', v: true };
    return obj('aws.collection', props);
  }
  const service = textOf(collection.props.service) ?? '';
  const parentType = textOf(collection.props.type ?? UNKNOWN);
  const name = textOf(collection.props.collection) ?? '';
  const key = parentType ? `${service}.${parentType}.${name}.${method}` : `${service}.${name}.${method}`;
  const known = BOTO3_RESOURCE_ACTIONS[key];
  const ids = collection.props.ids?.t === 'list' ? collection.props.ids.items : [];
  const params: [string, Value][] = [];
  let operation = known?.operation;
  if (known) known.identifiers.forEach((p, i) => ids[i] && params.push([p, ids[i]]));
  else operation = pascal(method) + pascal(singular(name));
  site.emit({
    kind: 'aws', service, operation: operation!, params,
    unknownParams: `acts on every ${singular(name)} the collection yields${collection.props.filtered ? ' (a filter Firebreak does not evaluate)' : ''}`,
    ...regionHints(collection),
  });
  return UNKNOWN;
}

export function itemMethod(site: CallSite, item: AwsObject, method: string, extra: [string, Value][]): Value {
  const service = textOf(item.props.service) ?? '';
  const type = textOf(item.props.type) ?? '';
  const ids = item.props.ids?.t === 'list' ? item.props.ids.items : [];
  const known = BOTO3_RESOURCE_ACTIONS[`${service}.${type}.${method}`];
  const params: [string, Value][] = [];
  let operation: string;
  if (known) {
    operation = known.operation;
    known.identifiers.forEach((p, i) => {
      if (ids[i]) params.push([p, known.listParameter ? { t: 'list', items: [ids[i]] } : ids[i]]);
    });
  } else {
    operation = pascal(method) + type;
    if (ids[0]) params.push([`${type}Name`, ids[0]], [`${type}Id`, ids[0]]);
  }
  site.emit({ kind: 'aws', service, operation, params: [...params, ...extra], ...regionHints(item) });
  return obj('aws.response');
}

function regionHints(o: AwsObject): { region?: string; profile?: string; endpoint?: string } {
  const region = textOf(o.props.region ?? UNKNOWN);
  const profile = textOf(o.props.profile ?? UNKNOWN);
  const endpoint = textOf(o.props.endpoint ?? UNKNOWN);
  return { ...(region ? { region } : {}), ...(profile ? { profile } : {}), ...(endpoint ? { endpoint } : {}) };
}

export function pascal(s: string): string {
  return s.split(/[_-]/).filter(Boolean).map((w) => w[0].toUpperCase() + w.slice(1)).join('');
}

function singular(s: string): string {
  return s.replace(/ies$/, 'y').replace(/s$/, '');
}

/** `@aws-sdk/client-s3` -> `s3`, `aws-sdk/clients/dynamodb` -> `dynamodb`. */
export function serviceOfPackage(pkg: string): string | undefined {
  const v3 = /^@aws-sdk\/client-(.+)$/.exec(pkg);
  if (v3) return v3[1];
  const v2 = /^aws-sdk\/clients\/(.+)$/.exec(pkg);
  if (v2) return v2[1];
  return undefined;
}
