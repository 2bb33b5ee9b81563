// People (who log in to the page and decide) and tokens (what machines and auditors present).
// The two never mix: a token cannot log in or decide, a person's session cannot post requests.
import type { Database } from '../db/database.js';
import { checkPassword, hashPassword, newPassword, newToken, parseToken, randomId, randomSecret, sameText, sha256 } from '../auth/secrets.js';
import { ServiceError, type Person, type Principal } from './types.js';

export const USER_NAME = /^[a-z0-9][a-z0-9._@-]{0,63}$/;
export const TEAM_NAME = /^[a-z0-9][a-z0-9_-]{0,39}$/;
export const TOKEN_NAME = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,99}$/;
export const SESSION_MS = 12 * 3600_000;

export async function ensureTeam(db: Database, team: string, now = new Date()): Promise<void> {
  if (!TEAM_NAME.test(team)) throw new ServiceError(400, 'bad-team', `team names are lowercase letters, digits, - and _ (got "${team}")`);
  await db.run('INSERT INTO teams (id, created_at) VALUES (?, ?) ON CONFLICT DO NOTHING', [team, now.toISOString()]);
}

export async function addUser(db: Database, o: { name: string; role: 'approver' | 'viewer'; team: string; password?: string }, now = new Date()): Promise<{ password: string }> {
  if (!USER_NAME.test(o.name)) throw new ServiceError(400, 'bad-name', `user names are lowercase letters, digits and . _ @ - (got "${o.name}")`);
  const password = o.password ?? newPassword();
  if (password.length < 12) throw new ServiceError(400, 'weak-password', 'passwords need at least 12 characters');
  await ensureTeam(db, o.team, now);
  const hash = await hashPassword(password);
  const changed = await db.run('INSERT INTO users (id, team_id, name, role, password_hash, created_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING', [randomId('u-'), o.team, o.name, o.role, hash, now.toISOString()]);
  if (!changed) throw new ServiceError(409, 'exists', `there is already a user "${o.name}" (firebreak server user password ${o.name} sets a new password)`);
  return { password };
}

export async function setPassword(db: Database, name: string, password: string = newPassword()): Promise<{ password: string }> {
  if (password.length < 12) throw new ServiceError(400, 'weak-password', 'passwords need at least 12 characters');
  const changed = await db.tx(async (q) => {
    const n = await q.run('UPDATE users SET password_hash = ? WHERE name = ?', [await hashPassword(password), name]);
    await q.run('DELETE FROM sessions WHERE user_id IN (SELECT id FROM users WHERE name = ?)', [name]);
    return n;
  });
  if (!changed) throw new ServiceError(404, 'no-user', `no user "${name}"`);
  return { password };
}

export async function listUsers(db: Database): Promise<{ name: string; team_id: string; role: string; created_at: string; disabled_at: string | null }[]> {
  return db.all('SELECT name, team_id, role, created_at, disabled_at FROM users ORDER BY name');
}

export async function addToken(db: Database, o: { name: string; kind: 'machine' | 'auditor'; team: string; owner?: string }, now = new Date()): Promise<{ id: string; token: string }> {
  if (!TOKEN_NAME.test(o.name)) throw new ServiceError(400, 'bad-name', `token names are letters, digits and . _ @ - (got "${o.name}")`);
  await ensureTeam(db, o.team, now);
  if (o.owner && !(await db.get('SELECT id FROM users WHERE name = ?', [o.owner]))) throw new ServiceError(404, 'no-user', `no user "${o.owner}" to own this token`);
  const t = newToken();
  await db.run('INSERT INTO tokens (id, team_id, name, kind, owner, secret_hash, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)', [t.id, o.team, o.name, o.kind, o.owner ?? null, t.hash, now.toISOString()]);
  return { id: t.id, token: t.token };
}

export async function revokeToken(db: Database, nameOrId: string, now = new Date()): Promise<number> {
  return db.run('UPDATE tokens SET revoked_at = ? WHERE (id = ? OR name = ?) AND revoked_at IS NULL', [now.toISOString(), nameOrId, nameOrId]);
}

export async function listTokens(db: Database): Promise<{ id: string; name: string; kind: string; team_id: string; owner: string | null; created_at: string; revoked_at: string | null; last_used_at: string | null }[]> {
  return db.all('SELECT id, name, kind, team_id, owner, created_at, revoked_at, last_used_at FROM tokens ORDER BY created_at');
}

interface TokenRow {
  id: string;
  team_id: string;
  name: string;
  kind: 'machine' | 'auditor';
  owner: string | null;
  secret_hash: string;
  revoked_at: string | null;
  last_used_at: string | null;
}

/** The principal behind `Authorization: Bearer fbt_...`, or undefined (unknown, wrong, revoked). */
export async function authenticateToken(db: Database, bearer: string, now = new Date()): Promise<Principal | undefined> {
  const parsed = parseToken(bearer);
  if (!parsed) return undefined;
  const row = await db.get<TokenRow>('SELECT id, team_id, name, kind, owner, secret_hash, revoked_at, last_used_at FROM tokens WHERE id = ?', [parsed.id]);
  if (!row || !sameText(row.secret_hash, sha256(parsed.secret)) || row.revoked_at) return undefined;
  // Record use at most once a minute: a write per hook call would cost more than the call.
  if (!row.last_used_at || Date.parse(row.last_used_at) < now.getTime() - 60_000) {
    await db.run('UPDATE tokens SET last_used_at = ? WHERE id = ?', [now.toISOString(), row.id]).catch(() => undefined);
  }
  if (row.kind === 'machine') return { kind: 'machine', tokenId: row.id, team: row.team_id, name: row.name, ...(row.owner ? { owner: row.owner } : {}) };
  return { kind: 'auditor', tokenId: row.id, team: row.team_id, name: row.name };
}

interface UserRow {
  id: string;
  team_id: string;
  name: string;
  role: 'approver' | 'viewer';
  password_hash: string;
  disabled_at: string | null;
}

// A real hash to compare against when the user does not exist, so timing does not tell.
let decoy: Promise<string> | undefined;

export async function login(db: Database, name: string, password: string, now = new Date()): Promise<{ cookie: string; csrf: string; person: Person } | undefined> {
  const row = await db.get<UserRow>('SELECT id, team_id, name, role, password_hash, disabled_at FROM users WHERE name = ?', [name]);
  decoy ??= hashPassword(randomSecret());
  const ok = await checkPassword(password, row?.password_hash ?? (await decoy));
  if (!row || !ok || row.disabled_at) return undefined;
  const cookie = randomSecret(32);
  const csrf = randomSecret(24);
  await db.run('DELETE FROM sessions WHERE expires_at <= ?', [now.toISOString()]);
  await db.run('INSERT INTO sessions (id, user_id, csrf, created_at, expires_at) VALUES (?, ?, ?, ?, ?)', [sha256(cookie), row.id, csrf, now.toISOString(), new Date(now.getTime() + SESSION_MS).toISOString()]);
  return { cookie, csrf, person: { kind: 'person', userId: row.id, team: row.team_id, name: row.name, role: row.role } };
}

export async function sessionFor(db: Database, cookie: string, now = new Date()): Promise<{ person: Person; csrf: string } | undefined> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(cookie)) return undefined;
  const row = await db.get<UserRow & { csrf: string; expires_at: string }>(
    'SELECT u.id, u.team_id, u.name, u.role, u.disabled_at, s.csrf, s.expires_at FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id = ?',
    [sha256(cookie)],
  );
  if (!row || row.disabled_at || row.expires_at <= now.toISOString()) return undefined;
  return { person: { kind: 'person', userId: row.id, team: row.team_id, name: row.name, role: row.role }, csrf: row.csrf };
}

export async function logout(db: Database, cookie: string): Promise<void> {
  await db.run('DELETE FROM sessions WHERE id = ?', [sha256(cookie)]);
}

export async function setWebhook(db: Database, team: string, webhook: { url: string; format: 'json' | 'slack' } | undefined): Promise<void> {
  if (webhook) {
    let u: URL;
    try {
      u = new URL(webhook.url);
    } catch {
      throw new ServiceError(400, 'bad-url', `not a URL: ${webhook.url}`);
    }
    if (u.protocol !== 'https:' && u.protocol !== 'http:') throw new ServiceError(400, 'bad-url', 'webhooks are http(s) URLs');
  }
  await ensureTeam(db, team);
  await db.run('UPDATE teams SET webhook_url = ?, webhook_format = ? WHERE id = ?', [webhook?.url ?? null, webhook?.format ?? null, team]);
}
