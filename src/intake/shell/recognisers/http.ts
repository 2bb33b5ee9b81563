// curl / wget / httpie calls. Control-plane hosts (knowledge/control-planes.ts) and GraphQL
// mutation names decide the operation; tokens in headers are evidence (never kept).
import type { Evidence, Operation } from '../../../model.js';
import type { PlannedAction } from '../../types.js';
import { controlPlaneFor, GITHUB_COLLABORATION_MUTATIONS, GITHUB_COLLABORATION_PATH, isLoopbackHost, LOCAL_DATA_STORE_PORTS, messageOrReportHost, type ControlPlane } from '../../../knowledge/control-planes.js';
import { commandEvidence, makeAction, toolName, unknownCommand, type RecognisedCommand, type Recogniser } from '../command.js';
import { parseOptions, type ParsedOptions } from '../options.js';
import { analyseGraphql } from './graphql.js';
import { optionFilesChosenByLine, type ChosenOptionFile } from '../option-files.js';
import { isTuningCommand } from '../wget-commands.js';

interface HttpCall {
  tool: string;
  method: string;
  url: string;
  headers: string[];
  /** Request body when it is visible; undefined when none; null when it comes from a file / run time. */
  body: string | undefined | null;
  bodySource?: string;
  evidence: Evidence[];
}

const CURL_WITH_ARGUMENT = new Set(['-X', '--request', '-d', '--data', '--data-raw', '--data-binary', '--data-urlencode', '--data-ascii', '--json',
  '-F', '--form', '--form-string', '-H', '--header', '-u', '--user', '-o', '--output', '-A', '--user-agent', '-e', '--referer', '-b', '--cookie',
  '-c', '--cookie-jar', '-m', '--max-time', '--connect-timeout', '-w', '--write-out', '-x', '--proxy', '-K', '--config', '--retry', '--retry-delay',
  '--retry-max-time', '--cacert', '--capath', '--cert', '-E', '--key', '-r', '--range', '-T', '--upload-file', '--url', '--resolve', '--connect-to',
  '-U', '--proxy-user', '--oauth2-bearer', '--aws-sigv4', '-z', '--time-cond', '--limit-rate', '-Y', '--speed-limit', '-y', '--speed-time',
  '--max-redirs', '--interface', '--dns-servers', '-Q', '--quote', '--trace', '--trace-ascii', '--stderr', '-D', '--dump-header', '--variable', '--expand-data']);
/** URL schemes curl speaks that send the URL's (or stdin's) bytes as they are, not an HTTP request. */
const RAW_URL_SCHEMES = /^(gophers?|dict|telnet):/i;
const CURL_DATA = new Set(['-d', '--data', '--data-raw', '--data-binary', '--data-urlencode', '--data-ascii', '--json']);

export const curl: Recogniser = (cmd) => {
  const p = parseOptions(cmd.argv.slice(1), { clusters: true, withArgument: CURL_WITH_ARGUMENT });
  const evidence: Evidence[] = [];
  const dataValues = [...CURL_DATA].flatMap((k) => (p.values.get(k) ?? []).map((v) => ({ k, v })));
  const explicit = last(p, '-X', '--request');
  const forms = [...(p.values.get('-F') ?? []), ...(p.values.get('--form') ?? [])];
  const upload = last(p, '-T', '--upload-file');
  let method = explicit?.toUpperCase() ?? (upload ? 'PUT' : dataValues.length || forms.length ? 'POST' : p.values.has('-I') || p.values.has('--head') ? 'HEAD' : 'GET');
  if (p.values.has('-G') || p.values.has('--get')) method = explicit?.toUpperCase() ?? 'GET';
  let body: string | undefined | null;
  let bodySource: string | undefined;
  if (dataValues.length) {
    const fromFile = dataValues.find(({ k, v }) => v.startsWith('@') && k !== '--data-raw');
    const dynamic = dataValues.some(({ v }) => isRunTimeValue(cmd, v));
    if (fromFile) { body = null; bodySource = `file ${fromFile.v.slice(1) || '(stdin)'}`; }
    else if (dynamic) { body = null; bodySource = 'a value computed at run time'; }
    else body = dataValues.map(({ v }) => v).join('&');
  }
  if (forms.length || upload) { body = null; bodySource = upload ? `file ${upload}` : 'form fields'; }
  // A config file can hold any option: another method, an upload, an output file over anything.
  const config = [...(p.values.get('-K') ?? []), ...(p.values.get('--config') ?? [])].filter((f) => f !== '/dev/null');
  if (config.length) return [unknownCommand(cmd, `curl -K ${config[0]} takes more options from a file: the method, the targets and the files it writes are not visible`, '-K')];
  const chosen = optionFilesChosenByLine(cmd, 'curl');
  if (chosen.length) return [chosenOptionFile(cmd, 'curl', chosen[0], '-K')];
  const urls = [...(p.values.get('--url') ?? []), ...p.positionals];
  // `-Q 'DELE f'`, `-Q 'rm /x'`: commands sent to an FTP or SFTP server before or after the transfer.
  const quote = [...(p.values.get('-Q') ?? []), ...(p.values.get('--quote') ?? [])];
  if (quote.length) return [unknownCommand(cmd, `curl -Q '${quote[0]}' sends a command to the server of ${urls[0] ?? 'the URL'} (FTP/SFTP quote commands delete and rename files there)`, '-Q')];
  // gopher://, dict://, telnet:// carry whatever bytes the URL or stdin holds to any port: a raw connection.
  const raw = urls.find((u) => RAW_URL_SCHEMES.test(u));
  if (raw) return [unknownCommand(cmd, `curl ${raw.slice(0, raw.indexOf(':'))}:// sends raw bytes to ${raw.replace(/^[a-z]+:\/\/([^/]*).*$/i, '$1')}: not an HTTP request Firebreak can read (a data store's own protocol, FLUSHALL to Redis...)`, raw.slice(0, raw.indexOf(':')))];
  const headers = [...(p.values.get('-H') ?? []), ...(p.values.get('--header') ?? [])];
  if (p.values.has('-u') || p.values.has('--user')) evidence.push(commandEvidence('sends user credentials (-u)', '-u'));
  if (p.values.has('--oauth2-bearer')) evidence.push(commandEvidence('sends an OAuth bearer token', '--oauth2-bearer'));
  if (p.values.has('--aws-sigv4')) evidence.push(commandEvidence('signs the request with AWS credentials', '--aws-sigv4'));
  return urls.flatMap((url) => classifyCall(cmd, { tool: 'curl', method, url, headers, body, bodySource, evidence }));
};

export const wget: Recogniser = (cmd) => {
  const p = parseOptions(cmd.argv.slice(1), { clusters: true, withArgument: new Set(['-O', '--output-document', '-o', '--output-file', '-P', '--directory-prefix', '-U', '--user-agent', '-T', '--timeout', '-t', '--tries', '-e', '--execute', '--header', '--method', '--body-data', '--body-file', '--post-data', '--post-file', '--user', '--password', '-i', '--input-file', '--config', '-a', '--append-output', '-B', '--base', '-w', '--wait', '-Q', '--quota', '-l', '--level', '-A', '--accept', '-R', '--reject', '-D', '--domains', '-I', '--include-directories', '-X', '--exclude-directories', '-n']) });
  // .wgetrc commands that are options by another name were rewritten into them (wget-commands.ts); what is left must only tune the download.
  const command = [...(p.values.get('-e') ?? []), ...(p.values.get('--execute') ?? [])].find((c) => !isTuningCommand(c));
  if (command !== undefined) return [unknownCommand(cmd, `wget -e '${command}' runs a .wgetrc command Firebreak does not know to only tune the download: it can name files to write, to upload or a program to run`, '-e')];
  const config = (p.values.get('--config') ?? []).find((f) => f !== '/dev/null');
  if (config !== undefined) return [unknownCommand(cmd, `wget --config ${config} takes its commands from a file: the files it writes or uploads and the programs it runs are not visible`, '--config')];
  const chosen = optionFilesChosenByLine(cmd, 'wget');
  if (chosen.length) return [chosenOptionFile(cmd, 'wget', chosen[0], '--config')];
  const postData = last(p, '--post-data', '--body-data');
  const postFile = last(p, '--post-file', '--body-file');
  const method = (last(p, '--method') ?? (postData !== undefined || postFile ? 'POST' : 'GET')).toUpperCase();
  const body = postFile ? null : postData;
  const evidence: Evidence[] = [];
  if (p.values.has('--user') || p.values.has('--password')) evidence.push(commandEvidence('sends user credentials', '--user'));
  const urls = p.positionals;
  if (p.values.has('-i') || p.values.has('--input-file')) evidence.push(commandEvidence('reads URLs from a file: not all targets are visible', '-i'));
  return urls.flatMap((url) => classifyCall(cmd, { tool: 'wget', method, url, headers: p.values.get('--header') ?? [], body, bodySource: postFile ? `file ${postFile}` : undefined, evidence }));
};

/** A variable set on the line points the tool at an option file: as the option that names one outright. */
function chosenOptionFile(cmd: RecognisedCommand, tool: string, chosen: ChosenOptionFile, option: string): PlannedAction {
  const where = chosen.path ? `${chosen.path}, which is there or written earlier in the line` : `a file under ${chosen.value}, which Firebreak cannot locate`;
  return unknownCommand(cmd, `${chosen.variable}=${chosen.value} makes ${tool} read its options from ${where} (as ${tool} ${option} would): the method, the targets and the files it writes are not visible`, chosen.variable);
}

const HTTPIE_METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']);

export const httpie: Recogniser = (cmd) => {
  const p = parseOptions(cmd.argv.slice(1), { withArgument: new Set(['-a', '--auth', '-A', '--auth-type', '-o', '--output', '--session', '--verify', '--cert', '--cert-key', '--proxy', '--timeout', '-p', '--print', '--raw']) });
  let [first, ...rest] = p.positionals;
  let method: string | undefined;
  if (first && HTTPIE_METHODS.has(first.toUpperCase()) && rest.length) { method = first.toUpperCase(); first = rest.shift()!; }
  const url = first ?? '';
  const headers: string[] = [];
  const fields: Record<string, string> = {};
  let dynamic = false;
  for (const item of rest) {
    const m = /^([^:=@]+?)(:=@|=@|@|:=|==|=|:)(.*)$/s.exec(item);
    if (!m) continue;
    const [, key, sep, value] = m;
    if (sep === ':') headers.push(`${key}: ${value}`);
    else if (sep === '=' || sep === ':=') fields[key] = value;
    else if (sep.includes('@')) dynamic = true;
  }
  const raw = last(p, '--raw');
  const hasBody = Object.keys(fields).length > 0 || raw !== undefined || dynamic;
  method ??= hasBody ? 'POST' : 'GET';
  const body = dynamic ? null : raw ?? (Object.keys(fields).length ? JSON.stringify(fields) : undefined);
  const evidence: Evidence[] = [];
  if (p.values.has('-a') || p.values.has('--auth')) evidence.push(commandEvidence('sends credentials (--auth)', '--auth'));
  const fullUrl = /^[a-z]+:\/\//i.test(url) ? url : `${toolName(cmd.argv[0]) === 'https' ? 'https' : 'http'}://${url.replace(/^:/, 'localhost:')}`;
  return classifyCall(cmd, { tool: toolName(cmd.argv[0]), method, url: fullUrl, headers, body, bodySource: dynamic ? 'a file' : undefined, evidence });
};

function classifyCall(cmd: RecognisedCommand, call: HttpCall): PlannedAction[] {
  const parsed = parseUrl(call.url);
  if (!parsed) return [];
  const { host, path, port } = parsed;
  const store = port !== undefined && Object.hasOwn(LOCAL_DATA_STORE_PORTS, port) ? LOCAL_DATA_STORE_PORTS[port] : undefined;
  // The agent's own dev server; but a data store's port on this machine is a database, and what changes it is judged.
  if (isLoopbackHost(host) && (store === undefined || call.method === 'GET' || call.method === 'HEAD')) return [];
  if (store !== undefined && isLoopbackHost(host)) call = { ...call, evidence: [...call.evidence, { kind: 'knowledge', message: `port ${port} on this machine is ${store}'s default: a database, not a dev server`, key: 'port', value: port }] };
  const plane = controlPlaneFor(host);
  const evidence: Evidence[] = [...call.evidence, ...credentialEvidence(call.headers)];
  if (plane) evidence.push({ kind: 'knowledge', message: `${host} is the ${plane.provider} control-plane API: calls to it change infrastructure`, key: 'host', value: host });
  if (call.url.includes('$')) evidence.push(commandEvidence('the URL contains a variable resolved at run time', 'url'));
  const target = { type: 'http:endpoint', id: `${host}${path}` };
  const hints = { endpoint: host };
  const base = { tool: 'http', target, hints, details: { method: call.method, url: redactUrl(call.url), client: call.tool, ...(plane ? { provider: plane.provider } : {}) } };
  const looksGraphql = plane?.api === 'graphql' || /graphql/i.test(path);
  const literalHost = !/[$`]/.test(call.url.replace(/^[a-z]+:\/\//i, '').split('/')[0] ?? '');

  // A message to a chat webhook or a coverage report: what is sent is a post, not a change to infrastructure.
  const report = literalHost && call.method !== 'DELETE' ? messageOrReportHost(host, path) : undefined;
  if (report) return [];
  // GitHub collaboration (a status, a comment, a label, a review): as `gh api` judges it.
  if (plane?.provider === 'github' && literalHost && ['POST', 'PATCH', 'PUT'].includes(call.method)) {
    if (GITHUB_COLLABORATION_PATH.test(path)) return [];
    if (/^\/graphql\/?$/.test(path) && typeof call.body === 'string') {
      const ops = analyseGraphql(call.body);
      if (ops?.length && ops.every((op) => op.kind !== 'mutation' ? op.operation === 'read' : GITHUB_COLLABORATION_MUTATIONS.has(op.field))) return [];
    }
  }

  if (call.body === null && (call.method !== 'GET' && call.method !== 'HEAD')) {
    return [makeAction(cmd, { ...base, operation: 'unknown', verb: call.method, scope: 'unknown',
      evidence: [...evidence, commandEvidence(`the request body comes from ${call.bodySource ?? 'a file'}: what it does is not visible`, 'data')] })];
  }
  if (looksGraphql && typeof call.body === 'string') {
    const g = analyseGraphql(call.body);
    if (g) return g.map((op) => makeAction(cmd, {
      ...base,
      operation: op.operation,
      verb: op.field,
      target: op.noun && plane ? { type: `${plane.provider}:${op.noun}`, id: op.id ?? `${host}${path}#${op.field}`, ...(op.id ? { names: [op.id] } : {}) } : { type: 'http:endpoint', id: `${host}${path}#${op.field}` },
      scope: op.id ? 'resource' : 'unknown',
      evidence: [...evidence, commandEvidence(op.why, 'graphql', op.field)],
      details: { ...base.details, graphqlOperation: op.kind, field: op.field, ...(op.id ? { id: op.id } : {}) },
    }));
  }
  const operation = methodOperation(call.method, plane);
  return [makeAction(cmd, {
    ...base,
    operation,
    verb: call.method,
    scope: operation === 'read' ? 'resource' : plane ? 'resource' : 'unknown',
    evidence: [...evidence, commandEvidence(`HTTP ${call.method} ${host}${path}`, 'method', call.method)],
    details: { ...base.details, ...(operation === 'unknown' && !plane ? { note: 'HTTP call with side effects to a host Firebreak does not know' } : {}) },
  })];
}

function methodOperation(method: string, plane: ControlPlane | undefined): Operation {
  switch (method) {
    case 'GET': case 'HEAD': case 'OPTIONS': return 'read';
    case 'DELETE': return 'delete';
    case 'PUT': case 'PATCH': return plane ? 'update' : 'unknown';
    default: return 'unknown';
  }
}

const CREDENTIAL_HEADERS = /^(authorization|proxy-authorization|x-api-key|api-key|x-auth-token|private-token|x-vault-token|cookie|x-goog-api-key|x-amz-security-token)\s*:/i;

function credentialEvidence(headers: string[]): Evidence[] {
  return headers.filter((h) => CREDENTIAL_HEADERS.test(h)).map((h) => {
    const name = h.slice(0, h.indexOf(':')).trim();
    const scheme = /^authorization\s*:\s*(\w+)/i.exec(h)?.[1];
    return commandEvidence(`sends a credential in the ${name} header${scheme ? ` (${scheme})` : ''}: the call runs with that token's rights`, name);
  });
}

function parseUrl(url: string): { host: string; path: string; port?: string } | undefined {
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(url) ? url : `http://${url}`;
  const m = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/?#]*@)?(\[[^\]]+\]|[^/:?#]+)(?::(\d+))?([^?#]*)/i.exec(withScheme);
  if (!m || !m[1]) return undefined;
  return { host: m[1].toLowerCase(), path: m[3] || '/', ...(m[2] ? { port: m[2] } : {}) };
}

function redactUrl(url: string): string {
  return url.replace(/(:\/\/[^:/@]+:)[^@]+@/, '$1***@').replace(/([?&](?:token|access_token|api_key|key|password|secret)=)[^&]+/gi, '$1***');
}

function last(p: ParsedOptions, ...names: string[]): string | undefined {
  let v: string | undefined;
  for (const n of names) { const list = p.values.get(n); if (list?.length) v = list[list.length - 1]; }
  return v;
}

function isRunTimeValue(cmd: RecognisedCommand, value: string): boolean {
  const w = cmd.words.find((x) => x.value === value);
  return !!w && w.dynamic && (w.substitutions.length > 0 || /\$\{?[A-Za-z_]/.test(w.raw.replace(/'[^']*'/g, '')));
}
