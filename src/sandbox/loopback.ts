// The sandbox only ever talks to emulators on this machine.

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname.toLowerCase());
}

/** Throws unless `url` points at the loopback interface. */
export function assertLoopbackUrl(url: string, what: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`${what}: ${JSON.stringify(url)} is not a URL (expected http://127.0.0.1:<port>)`);
  }
  if (!isLoopbackHost(parsed.hostname)) {
    throw new Error(`${what}: ${url} is not on 127.0.0.1; the sandbox only talks to local emulators`);
  }
  return url.replace(/\/+$/, '');
}
