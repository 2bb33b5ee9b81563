// PyGithub and go-github: objects carry their kind (repo, pull, git_ref...) or service, and what a
// method does on GitHub is decided by the rule in src/knowledge/code/github-client.ts.
import type { CallSite } from '../evaluate.js';
import {
  GO_GITHUB_COLLABORATION, GO_GITHUB_LOCAL_VALUES, GO_GITHUB_READ, PYGITHUB_CLIENTS, PYGITHUB_COLLABORATION, PYGITHUB_COLLABORATION_EDIT_KEYWORDS, PYGITHUB_EDITABLE_KINDS, PYGITHUB_KINDS,
  PYGITHUB_LOCAL_VALUES, PYGITHUB_SEGMENTS, PYGITHUB_WRITE,
} from '../../../knowledge/code/github-client.js';
import { concatValues, obj, str, textOf, UNKNOWN, type Value } from '../values.js';

export const GITHUB_OBJECT = 'github';
/** Evaluator state key: the code made a PyGithub client, so a lost object may be one of its. */
const USES_PYGITHUB = 'pygithub';
const API = 'https://api.github.com/';

/** `Github(token)`, `Auth.Token(t)`: the client, or a value built here; undefined for any other call. */
export function pygithubCall(site: CallSite, path: string): Value | undefined {
  if (PYGITHUB_CLIENTS.has(path)) {
    site.evaluator.state.set(USES_PYGITHUB, true);
    return githubObject('client', str(''));
  }
  if (PYGITHUB_LOCAL_VALUES.test(path)) return UNKNOWN;
  return undefined;
}

/** `pr.head`, `repo.owner`: an attribute of a GitHub object is a GitHub object (or plain data); a
 *  method's name (`getattr(repo, 'delete')`) is the method, undefined here. */
export function pygithubMember(receiver: Value & { t: 'obj' }, name: string): Value | undefined {
  if (PYGITHUB_WRITE.test(name) || /^(?:get|as|search)_/.test(name)) return undefined;
  return githubObject(kindOf(name), receiver.props.path ?? UNKNOWN);
}

/** A method on a GitHub object. */
export function pygithubMethod(site: CallSite, receiver: Value & { t: 'obj' }, method: string): Value {
  const kind = textOf(receiver.props.kind) ?? '';
  const path = receiver.props.path ?? UNKNOWN;
  const via = `${kind}.${method}`;
  if (!PYGITHUB_WRITE.test(method)) return readResult(site, method, path);
  if (method === 'edit' ? PYGITHUB_EDITABLE_KINDS.has(kind) : PYGITHUB_COLLABORATION.has(method)) return childResult(method, path, site);
  if (method === 'delete' || method.startsWith('delete_')) {
    const noun = method.slice(7);
    const url = method === 'delete' || kindOf(noun) === kind ? path : childPath(path, noun, site.arg(0));
    site.emit({ kind: 'http', method: 'DELETE', url: concatValues([str(API), url]), via: `PyGithub ${via}` });
    return UNKNOWN;
  }
  site.emit({ kind: 'unknown', why: notCollaboration(via, kind) });
  return UNKNOWN;
}

/**
 * A PyGithub write on an object Firebreak lost track of (picked out of a comprehension, passed through
 * a function it does not follow) in code that makes a PyGithub client: collaboration by its name, or an
 * `edit` with only an issue's or pull request's fields, passes; any other write is unknown.
 * Returns false when the method is not a PyGithub write, or the code makes no client.
 */
export function lostPygithubWrite(site: CallSite, receiverText: string, method: string): boolean {
  if (!site.evaluator.state.has(USES_PYGITHUB) || !PYGITHUB_WRITE.test(method)) return false;
  if (method === 'delete' || method.startsWith('delete_')) return false; // a destructive name: judged as one already
  if (PYGITHUB_COLLABORATION.has(method)) return true;
  if (method === 'edit' && site.args.length <= 1 && [...site.kwargs.keys()].every((k) => PYGITHUB_COLLABORATION_EDIT_KEYWORDS.has(k)) && !site.call.spread) return true;
  site.emit({ kind: 'unknown', why: notCollaboration(`${receiverText}.${method}`, 'an object Firebreak cannot resolve') });
  return true;
}

function notCollaboration(via: string, kind: string): string {
  return `calls ${via} (PyGithub) on ${kind === 'client' ? 'the GitHub client' : kind}: a write to GitHub that is not collaboration on an issue or pull request (merging, refs, files, releases, settings, secrets), so what it changes is not known`;
}

function githubObject(kind: string, path: Value): Value {
  return obj(GITHUB_OBJECT, { kind: str(kind), path });
}

/** `get_repo('o/r')` -> repo at repos/o/r; `get_pulls()` -> pull; anything else: its result is a GitHub object too. */
function readResult(site: CallSite, method: string, path: Value): Value {
  const noun = /^(?:get|as|search|create)_(.+)$/.exec(method)?.[1];
  if (noun === undefined) return githubObject('value', path);
  return childResult(method, path, site, noun);
}

function childResult(method: string, path: Value, site: CallSite, noun = /^(?:get|as|search|create)_(.+)$/.exec(method)?.[1] ?? method): Value {
  const kind = kindOf(noun);
  return githubObject(kind, childPath(path, noun, site.arg(0)));
}

function kindOf(noun: string): string {
  return PYGITHUB_KINDS[noun] ?? noun.replace(/s$/, '');
}

function childPath(parent: Value, noun: string, id: Value | undefined): Value {
  const kind = kindOf(noun);
  const segment = PYGITHUB_SEGMENTS[kind] ?? `${kind}s`;
  const parentText = textOf(parent);
  const head = parentText === '' ? [str(segment)] : [parent, str(`/${segment}`)];
  return concatValues(id === undefined ? head : [...head, str('/'), id]);
}

// ---------------------------------------------------------------- go-github

export const GO_GITHUB_OBJECT = 'go-github';

/** `github.NewClient(nil)`, `github.String("x")`, `github.IssueRequest{...}`: undefined for any other member. */
export function goGithubCall(member: string): Value | undefined {
  if (member === 'NewClient' || member === 'NewEnterpriseClient' || member === 'NewTokenClient') return obj(GO_GITHUB_OBJECT, { service: str('') });
  if (GO_GITHUB_LOCAL_VALUES.test(member)) return UNKNOWN;
  return undefined;
}

/** `client.Issues`: a service of the client. */
export function goGithubMember(receiver: Value & { t: 'obj' }, name: string): Value | undefined {
  return textOf(receiver.props.service) === '' && /^[A-Z]/.test(name) ? obj(GO_GITHUB_OBJECT, { service: str(name) }) : undefined;
}

/** A method of the client (`WithAuthToken` gives the client back) or of one of its services. */
export function goGithubMethod(site: CallSite, receiver: Value & { t: 'obj' }, method: string): Value {
  const service = textOf(receiver.props.service) ?? '';
  if (service === '') return goGithubClientMethod(site, receiver, method);
  const via = `${service}.${method}`;
  if (GO_GITHUB_READ.test(method) || GO_GITHUB_COLLABORATION[service]?.has(method)) return UNKNOWN;
  if (/^Delete/.test(method)) {
    // (ctx, owner, repo, ...): the target as the API path would name it, for the report.
    const target = site.args.slice(1).flatMap((a, i) => (i ? [str('/'), a] : [a]));
    site.emit({ kind: 'http', method: 'DELETE', url: concatValues([str(`${API}${service.toLowerCase()}/`), ...target]), via: `go-github ${via}` });
    return UNKNOWN;
  }
  site.emit({ kind: 'unknown', why: notCollaboration(via, 'the GitHub client').replace('(PyGithub)', '(go-github)') });
  return UNKNOWN;
}

const GO_GITHUB_REQUEST = 'go-github.request';

/** The client's own methods: `With*` give it back; `NewRequest(method, url, body)` builds a request that
 *  `Do`/`BareDo` send (judged as that HTTP call on the API: a GET reads); a request Firebreak did not
 *  see built is unknown. */
function goGithubClientMethod(site: CallSite, receiver: Value & { t: 'obj' }, method: string): Value {
  if (/^With[A-Z]/.test(method)) return receiver;
  if (method === 'NewRequest' || method === 'NewFormRequest' || method === 'NewUploadRequest') {
    const verb = method === 'NewRequest' ? site.args[0] : str('POST');
    const url = method === 'NewRequest' ? site.args[1] : site.args[0];
    return obj(GO_GITHUB_REQUEST, { method: verb ?? UNKNOWN, url: url ?? UNKNOWN });
  }
  if (method === 'Do' || method === 'BareDo') {
    const req = site.args[1];
    const verb = req?.t === 'obj' && req.cls === GO_GITHUB_REQUEST ? textOf(req.props.method) : undefined;
    if (verb === undefined || req?.t !== 'obj') {
      site.emit({ kind: 'unknown', why: `go-github client.${method} sends a request Firebreak did not see built: what it changes on GitHub is not known` });
      return UNKNOWN;
    }
    if (/^(GET|HEAD)$/i.test(verb)) return UNKNOWN;
    site.emit({ kind: 'http', method: verb.toUpperCase(), url: concatValues([str(API), req.props.url ?? UNKNOWN]), via: `go-github client.${method}` });
    return UNKNOWN;
  }
  return UNKNOWN;
}
