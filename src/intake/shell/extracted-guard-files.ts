// An archive extracted into the workspace can bring the guard's own files with it: a hook
// registration (`.claude/settings.json` with no hooks), Firebreak's config or approvals, a program
// named firebreak. An archive that can be listed is listed (the real tar/unzip, read-only, with the
// limits of unpacked-files.ts) and every member is matched where it lands against what the guard
// depends on (guarded-paths.ts). One that cannot be listed (downloaded or written by the line,
// piped in, corrupt, a format Firebreak does not list, members renamed as they land) brings names
// nobody knows: that matters where guard files live (the workspace root, the home folder or one
// above it, a folder holding or named like a guarded one), not in build/, vendor/ or a temp folder.
import { readdirSync } from 'node:fs';
import { basename, dirname, join, normalize, relative } from 'node:path';
import type { Evidence } from '../../model.js';
import { commandEvidence, toolName, type RecognisedCommand } from './command.js';
import { guardHits, type Access, type GuardHit, type GuardSet } from './guarded-paths.js';
import { isWithin, resolvePathWord, type PathContext } from './path-resolve.js';
import type { SimpleCommand } from './syntax.js';
import { archiveExtraction, memberMatches, type Extraction, type Member } from './unpacked-files.js';

export interface ExtractedGuardHit { hit: GuardHit; access: Access; why: Evidence[] }

/** Guard files an extraction by this command writes, or may write. */
export function extractedGuardHits(cmd: SimpleCommand, rc: RecognisedCommand, set: GuardSet, ctx: PathContext): ExtractedGuardHit[] {
  if (!rc.argv.length) return [];
  const extraction = archiveExtraction(toolName(rc.argv[0]), rc.argv, cmd, { files: rc.files, ...(rc.cwd !== undefined ? { cwd: rc.cwd } : {}), ...(rc.workspace !== undefined ? { workspace: rc.workspace } : {}) });
  if (!extraction) return [];
  const destWord = extraction.dest ?? '.';
  const dest = resolvePathWord(destWord, ctx);
  const unknown = (why: string): ExtractedGuardHit[] => unknownDestination(destWord, dest.paths, !!dest.unknown, set, ctx, why);
  const { source, reader } = extraction;
  // Members named on the line are all that is extracted: their names decide, whatever the archive holds.
  if (extraction.named.length) return namedHits(extraction, destWord, set, ctx, unknown);
  if ('why' in source) {
    // Nothing of that name is there and nothing earlier in the line could make it: the command fails.
    if (source.absent !== undefined && rc.firstToTouchFiles === true && !onDiskNow(source.absent, ctx)) return [];
    return unknown(`it extracts ${source.why}, whose members nobody can list now`);
  }
  if (!reader) return unknown(`it extracts ${basename(source.file)}, an archive Firebreak does not list`);
  if (extraction.renamed) return unknown(`it renames the members of ${basename(source.file)} as they land`);
  if (dest.unknown || !dest.paths.length) return unknown(`it extracts into ${destWord}, a folder known only at run time`);
  const listed = reader.list(source.file);
  if ('why' in listed) return unknown(`it extracts ${basename(source.file)}, which could not be listed (${listed.why})`);
  return listedHits(extraction, listed.members, dest.paths[0], source.file, set, ctx);
}

/** Where each listed member lands (after --strip-components, `..` and absolute names as written) and what that touches. */
function listedHits(e: Extraction, members: Member[], dest: string, archive: string, set: GuardSet, ctx: PathContext): ExtractedGuardHit[] {
  const out: ExtractedGuardHit[] = [];
  const shown = basename(archive);
  for (const m of members) {
    if (e.named.length && !e.named.some((n) => memberMatches(m.name, n))) continue;
    const parts = m.name.split('/').filter((p) => p && p !== '.');
    if (parts.length <= e.strip) continue;
    const rest = parts.slice(e.strip).join('/');
    // tar and unzip drop a leading `/` and refuse or drop `..` parts; with -P or an old unzip they
    // do not. Both places count.
    const landings = new Set([normalize(join(dest, rest)), normalize(join(dest, parts.slice(e.strip).filter((p) => p !== '..').join('/')))]);
    if (m.name.startsWith('/') && e.strip === 0) landings.add(normalize(m.name));
    const access: Access = m.kind === 'link' ? 'link' : 'write';
    if (m.kind === 'dir') continue;
    for (const landing of landings) {
      const why = [commandEvidence(`${shown} holds ${m.name}, which lands at ${landing}`, 'archive member', m.name)];
      for (const hit of guardHits({ written: landing, paths: [landing] }, access, set)) out.push({ hit, access, why });
      // A link member pointing at a guard file: a later member written through it, or a tool
      // writing the link, changes the guard file.
      if (m.kind === 'link' && m.target !== undefined) {
        const to = m.target.startsWith('/') ? m.target : join(dirname(landing), m.target);
        for (const hit of guardHits(resolvePathWord(to, ctx), 'move', set)) {
          out.push({ hit, access: 'link', why: [commandEvidence(`${shown} holds ${m.name}, a link to ${m.target}`, 'archive member', m.name)] });
        }
      }
    }
  }
  return out;
}

/** `tar xf a.tgz bin/tool`, `--wildcards NAME`: only these names land; a guarded name among their parts is a guard change. */
function namedHits(e: Extraction, destWord: string, set: GuardSet, ctx: PathContext, unknown: (why: string) => ExtractedGuardHit[]): ExtractedGuardHit[] {
  const guardedNames = new Set([...set.patterns.flatMap((p) => p.segments), ...set.entries.map((en) => basename(en.path))]);
  const out: ExtractedGuardHit[] = [];
  for (const n of e.named) {
    const parts = n.split('/').filter((p) => p && p !== '.');
    const rest = parts.slice(e.strip);
    const glob = rest.some((p) => /[*?[]/.test(p));
    if (rest.some((p) => guardedNames.has(p) || /firebreak/i.test(p))) {
      const word = join(destWord, rest.join('/'));
      out.push({ hit: { touched: word, guarded: word, what: 'a member named like a guarded file or folder (hook registrations, Firebreak\'s config, state or program)', relation: 'may-be' }, access: 'write', why: [commandEvidence(`it extracts ${n}, a name the guard depends on`, 'archive member', n)] });
      continue;
    }
    if (!rest.length || glob && /[*?[]/.test(rest[rest.length - 1])) {
      out.push(...unknown(`it extracts ${n}, a member pattern that may match a guarded file`));
      continue;
    }
    if (glob) continue;
    const landing = resolvePathWord(join(destWord, rest.join('/')), ctx);
    for (const hit of guardHits(landing, 'move', set)) out.push({ hit, access: 'write', why: [commandEvidence(`it extracts ${n} to ${landing.written}`, 'archive member', n)] });
  }
  return out;
}

/** A file of this name, or of a name its run-time parts (`$V`, `${V}`, globs) may take, in its folder now. */
function onDiskNow(word: string, ctx: PathContext): boolean {
  const glob = word.replace(/\$\{[^}]*\}|\$\([^)]*\)|\$\w+|`[^`]*`/g, '*').replace(/^["']|["']$/g, '');
  const dir = dirname(glob);
  if (/[*?[]/.test(dir)) return true;
  const folder = resolvePathWord(dir, ctx).paths[0];
  if (!folder) return true;
  const re = new RegExp(`^${basename(glob).replace(/[.+^${}()|\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
  try {
    return readdirSync(folder).some((f) => re.test(f));
  } catch {
    return false;
  }
}

/**
 * An archive nobody can list, extracted into `dest`: a guard change when guard files live there.
 * The workspace root is where agents load their project hook registrations and Firebreak its
 * config; the home folder (or one above it) holds user registrations; a folder that is, holds, or lies in a
 * guarded file or folder; a folder named as the first part of a guarded path (`.claude`, `.gemini`).
 */
function unknownDestination(word: string, paths: string[], dynamic: boolean, set: GuardSet, ctx: PathContext, why: string): ExtractedGuardHit[] {
  const evidence = [commandEvidence(`${word === '.' ? 'the current folder' : word}: ${why}`, 'archive', word)];
  const hit = (folder: string, guarded: string, what: string): ExtractedGuardHit => ({ hit: { touched: `what the archive puts in ${folder}`, guarded, what, relation: 'may-be' }, access: 'write', why: evidence });
  if (dynamic || !paths.length) return [hit(word, word, 'a folder known only at run time, which may hold hook registrations or Firebreak files')];
  const out: ExtractedGuardHit[] = [];
  const home = ctx.env.HOME;
  for (const d of paths) {
    // The workspace root, not every folder above it: agents load project hook registrations from
    // the folder they start in, and a temp or projects folder above a workspace is routine ground.
    if (d === ctx.workspace || d === '/') { out.push(hit(d, d, 'the workspace root, where agents load hook registrations and Firebreak its config')); continue; }
    if (home && isWithin(home, d)) { out.push(hit(d, d, 'the home folder (or a folder above it), which holds agents\' user hook registrations and Firebreak\'s per-user folder')); continue; }
    const direct = guardHits({ written: d, paths: [d] }, 'move', set);
    if (direct.length) { out.push(...direct.map((h) => ({ hit: { ...h, relation: 'may-be' as const, touched: `what the archive puts in ${d}` }, access: 'write' as const, why: evidence }))); continue; }
    // A guarded file a level or two below (~/.claude/settings.json from ~/.claude, ~/.config/firebreak
    // from ~/.config): an archive's names reach that far without any odd member; deeper ones need
    // the names a listed archive would show.
    const entry = set.entries.find((e) => isWithin(e.path, d) && e.path !== d && relative(d, e.path).split('/').length <= 2);
    if (entry) { out.push(hit(d, entry.path, entry.what)); continue; }
    const parts = d.split('/');
    const pattern = set.patterns.find((p) => p.segments.length > 1 && !p.accesses && p.segments.some((_, k) => k > 0 && parts.slice(-k).join('/') === p.segments.slice(0, k).join('/')));
    if (pattern) out.push(hit(d, join(d, pattern.segments.slice(pattern.segments.findIndex((_, k) => k > 0 && parts.slice(-k).join('/') === pattern.segments.slice(0, k).join('/'))).join('/')), pattern.what));
  }
  return out;
}
