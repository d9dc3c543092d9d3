/**
 * The checks the crash harness runs after each kill (harness.ts; issue 7 item 1): the store reopened as the app
 * does, then its integrity, its evidence files against their hashes, its preuves against their files, every
 * acknowledged change by its tag, the order of statuts, and every backup file. Never throws: what it finds is
 * returned as French sentences.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { BACKUP_KEEP } from '../../electron/core/backup/names';
import { BACKUP_TEMP_PREFIX, backupsDir, listBackups } from '../../electron/core/backup/files';
import { createCore } from '../../electron/core/core';
import { SCHEMA_VERSION } from '../../electron/core/db/migrations';
import { APPLICATION_ID, openDatabase } from '../../electron/core/db/open';
import { EVIDENCE_TEMP_PREFIX } from '../../electron/core/evidence/store';
import { workspacePaths } from '../../electron/core/paths';
import { CRASH_GRID_ID, tagSeq, type Ack } from './ops';

/** The workspace the harness creates (createCore without demo). */
export const WORKSPACE = 'ma-collectivite';

/** Checks cached between verifications (evidence files are immutable once named; backups too). */
export interface VerifyCache {
  evidence: Map<string, string>;
  backups: Set<string>;
}

/** What one verification found. */
export interface Verification {
  corrupt: string[];
  lost: string[];
  /** Temp files left by killed processes (paths relative to the data dir). */
  leftovers: string[];
}

const sha256Of = (file: string): string => createHash('sha256').update(readFileSync(file)).digest('hex');

/**
 * Reopens the workspace of `dataDir` as the app does and checks it against the acknowledged changes `acks`
 * (see the file docstring). Never throws: a store that cannot be opened is a corruption.
 */
export function verifyStore(dataDir: string, acks: readonly Ack[], cache: VerifyCache = { evidence: new Map(), backups: new Set() }): Verification {
  const corrupt: string[] = [];
  const lost: string[] = [];
  const leftovers: string[] = [];
  const paths = workspacePaths(dataDir, WORKSPACE);
  let db: Database.Database;
  try {
    db = openDatabase(paths.db);
  } catch (e) {
    return { corrupt: [`base illisible après le crash : ${(e as Error).message}`], lost: [], leftovers };
  }
  try {
    const integrity = (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check);
    if (integrity.join() !== 'ok') corrupt.push(`integrity_check : ${integrity.join(' ; ')}`);
    const fk = db.pragma('foreign_key_check') as unknown[];
    if (fk.length > 0) corrupt.push(`foreign_key_check : ${fk.length} ligne(s) orpheline(s)`);

    // Evidence store: every file under its hash, nothing else but temp files.
    const stored = new Map<string, number>();
    const root = paths.evidence;
    for (const sub of existsSync(root) ? readdirSync(root).sort() : []) {
      if (sub.startsWith(EVIDENCE_TEMP_PREFIX)) {
        leftovers.push(`evidence/${sub}`);
        continue;
      }
      if (!/^[0-9a-f]{2}$/.test(sub)) {
        corrupt.push(`fichier inattendu dans le dépôt des preuves : ${sub}`);
        continue;
      }
      for (const name of readdirSync(join(root, sub)).sort()) {
        const file = join(root, sub, name);
        const hash = sub + name;
        if (!/^[0-9a-f]{64}$/.test(hash)) {
          corrupt.push(`fichier inattendu dans le dépôt des preuves : ${sub}/${name}`);
          continue;
        }
        const st = statSync(file);
        const key = `${st.size}:${st.mtimeMs}:${st.ino}`;
        if (cache.evidence.get(file) !== key) {
          if (sha256Of(file) !== hash) {
            corrupt.push(`preuve altérée : ${sub}/${name} ne correspond plus à son empreinte`);
            continue;
          }
          cache.evidence.set(file, key);
        }
        stored.set(hash, st.size);
      }
    }
    for (const p of db.prepare("SELECT titre, sha256, size FROM preuve WHERE kind = 'fichier'").all() as { titre: string; sha256: string; size: number }[]) {
      const size = stored.get(p.sha256);
      if (size === undefined) corrupt.push(`la preuve « ${p.titre} » n'a pas son fichier (${p.sha256})`);
      else if (size !== p.size) corrupt.push(`la preuve « ${p.titre} » : ${size} octets stockés au lieu de ${p.size}`);
    }

    // Acknowledged changes, by their tags.
    const statutTags = new Set((db.prepare("SELECT json_extract(after, '$.explication') AS t FROM history WHERE action = 'statut.set'").all() as { t: string }[]).map((r) => r.t));
    const files = new Map((db.prepare("SELECT titre, sha256 FROM preuve WHERE kind = 'fichier'").all() as { titre: string; sha256: string }[]).map((r) => [r.titre, r.sha256]));
    const links = new Set((db.prepare("SELECT url FROM preuve WHERE kind = 'lien'").all() as { url: string }[]).map((r) => r.url));
    const linked = db.prepare('SELECT 1 FROM preuve p JOIN preuve_node l ON l.preuve_id = p.id WHERE p.titre = ? AND l.node_id = ?');
    const imports = new Set(
      (db.prepare("SELECT json_extract(after, '$.version') AS v FROM history WHERE action = 'referential.import' AND referential_id = ?").all(CRASH_GRID_ID) as { v: string }[]).map((r) => r.v),
    );
    const manual = listBackups(backupsDir(dataDir, WORKSPACE));
    const lastAcked = new Map<string, number>();
    for (const a of acks) {
      switch (a.k) {
        case 'statut':
          if (!statutTags.has(a.t)) lost.push(`statut ${a.t} sur ${a.n}`);
          lastAcked.set(a.n, Math.max(lastAcked.get(a.n) ?? -1, a.s));
          break;
        case 'fichier':
          if (files.get(a.t) !== a.sha256 || !linked.get(a.t, a.n)) lost.push(`preuve fichier ${a.t} sur ${a.n}`);
          break;
        case 'lien':
          if (!links.has(a.url) || !linked.get(a.t, a.n)) lost.push(`preuve lien ${a.t} sur ${a.n}`);
          break;
        case 'import':
          if (!imports.has(a.t)) lost.push(`import ${a.t}`);
          break;
        case 'sauvegarde': {
          const kept = manual.filter((b) => b.kind === 'manuelle').length;
          if (!manual.some((b) => b.name === a.name) && kept < BACKUP_KEEP.manuelle) lost.push(`sauvegarde ${a.name}`);
          break;
        }
      }
    }
    // Final state: no acknowledged statut overwritten by an older write; rows agree with their last history event.
    const row = db.prepare("SELECT explication FROM statut WHERE referential_id = 'label-nr' AND node_id = ?");
    const lastEvent = db.prepare(
      "SELECT json_extract(after, '$.explication') AS t FROM history WHERE action = 'statut.set' AND referential_id = 'label-nr' AND node_id = ? ORDER BY id DESC LIMIT 1",
    );
    for (const [nodeId, s] of lastAcked) {
      const current = (row.get(nodeId) as { explication: string | null } | undefined)?.explication ?? null;
      const seq = tagSeq(current);
      if (seq === null || seq < s) lost.push(`statut de ${nodeId} revenu à un état antérieur (${current ?? 'aucun'})`);
      const event = (lastEvent.get(nodeId) as { t: string } | undefined)?.t ?? null;
      if (event !== current) corrupt.push(`statut de ${nodeId} (${current}) différent du dernier événement de l'historique (${event})`);
    }
    const version = (db.prepare('SELECT version FROM referential WHERE id = ?').get(CRASH_GRID_ID) as { version: string } | undefined)?.version;
    const lastImport = (
      db.prepare("SELECT json_extract(after, '$.version') AS v FROM history WHERE action = 'referential.import' AND referential_id = ? ORDER BY id DESC LIMIT 1").get(CRASH_GRID_ID) as
        | { v: string }
        | undefined
    )?.v;
    if (version !== lastImport) corrupt.push(`référentiel ${CRASH_GRID_ID} en version ${version} mais dernier import ${lastImport}`);

    // Backups: complete, intact, self-contained.
    const dir = backupsDir(dataDir, WORKSPACE);
    const named = new Set(manual.map((b) => b.name));
    for (const name of existsSync(dir) ? readdirSync(dir).sort() : []) {
      if (name.startsWith(BACKUP_TEMP_PREFIX)) {
        leftovers.push(`sauvegardes/${name}`);
        continue;
      }
      if (!named.has(name)) {
        corrupt.push(`fichier inattendu dans les sauvegardes : ${name}`);
        continue;
      }
      if (cache.backups.has(name)) continue;
      const problem = checkBackup(join(dir, name));
      if (problem) corrupt.push(`sauvegarde ${name} : ${problem}`);
      else cache.backups.add(name);
    }
  } finally {
    db.close();
  }
  return { corrupt, lost, leftovers };
}

/** Null when `file` is a complete backup (journal DELETE, our id and schema, intact), else the problem. */
function checkBackup(file: string): string | null {
  let b: Database.Database | undefined;
  try {
    b = new Database(file, { readonly: true, fileMustExist: true });
    const facts = [
      b.pragma('journal_mode', { simple: true }),
      b.pragma('application_id', { simple: true }),
      b.pragma('user_version', { simple: true }),
      b.pragma('integrity_check', { simple: true }),
    ];
    const expected = ['delete', APPLICATION_ID, SCHEMA_VERSION, 'ok'];
    return facts.every((f, i) => f === expected[i]) ? null : `attendu ${expected.join('/')}, trouvé ${facts.join('/')}`;
  } catch (e) {
    return (e as Error).message;
  } finally {
    b?.close();
  }
}

/** Null when the data folder of a killed first start opens (seeded, intact) as the app would, else the problem. */
export function checkFirstStart(dataDir: string): string | null {
  try {
    const core = createCore({ dataDir, demo: false, user: 'crash', log: () => undefined });
    try {
      const ids = core.referentials.list().map((r) => r.id);
      const integrity = core.ctx.db.pragma('integrity_check', { simple: true });
      return ids.includes('label-nr') && integrity === 'ok' ? null : `référentiels ${ids.join(', ')}, integrity_check ${String(integrity)}`;
    } finally {
      core.close();
    }
  } catch (e) {
    return `l'espace de travail ne s'ouvre plus : ${(e as Error).message}`;
  }
}
