/**
 * A read-only data folder (issue 7 item 3), made so with chmod and opened by a process that cannot bypass file
 * permissions (tests run as root here: the child drops CAP_DAC_OVERRIDE through `setpriv`, so the chmod holds):
 * a first start, a whole workspace, only the evidence folder, only the backups folder. Each is a French message
 * naming the folder or file, and nothing is half-written: no file created, the database byte-for-byte unchanged,
 * no preuve row.
 */
import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupsDir } from '../../electron/core/backup/files';
import { createCore } from '../../electron/core/core';
import { workspacePaths } from '../../electron/core/paths';
import { tempDir } from './helpers/context';

const ROOT = resolve(__dirname, '../..');
const t = tempDir('label-audit-read-only-');
const WS = 'ma-collectivite';

/** chmod of `path` and everything under it: `dirMode` on folders, `fileMode` on files. */
function chmodTree(path: string, dirMode: number, fileMode: number): void {
  if (statSync(path).isDirectory()) {
    for (const name of readdirSync(path)) chmodTree(join(path, name), dirMode, fileMode);
    chmodSync(path, dirMode);
  } else chmodSync(path, fileMode);
}

/** Every path under `dir` with its size and SHA-256: the "byte-for-byte unchanged" fingerprint. */
function fingerprint(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const d of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    const p = join(d.parentPath, d.name);
    out[p.slice(dir.length)] = d.isFile() ? createHash('sha256').update(readFileSync(p)).digest('hex') : 'dossier';
  }
  return out;
}

function workspace(name: string): string {
  const dataDir = join(t.dir, name);
  createCore({ dataDir, demo: false, user: 'Camille', log: () => undefined }).close();
  return dataDir;
}

const isRoot = process.getuid?.() === 0;
const setpriv = ['/usr/bin/setpriv', '/bin/setpriv'].find((p) => existsSync(p));
const canDrop = !isRoot || setpriv !== undefined;
if (!canDrop) console.warn('[skipped] read-only data folder: root without setpriv cannot make a folder read-only to itself');

const dirs = { first: join(t.dir, 'premier'), whole: '', evidence: '', backups: '' };
let before: Record<string, Record<string, string>> = {};
let results: Record<string, { code?: string; message?: string; ok?: boolean; detail?: Record<string, unknown> }> = {};

beforeAll(() => {
  if (!canDrop) return;
  mkdirSync(dirs.first);
  chmodSync(dirs.first, 0o555);
  dirs.whole = workspace('entier');
  chmodTree(dirs.whole, 0o555, 0o444);
  dirs.evidence = workspace('preuves');
  mkdirSync(workspacePaths(dirs.evidence, WS).evidence, { mode: 0o555 });
  chmodSync(workspacePaths(dirs.evidence, WS).evidence, 0o555);
  dirs.backups = workspace('sauvegardes');
  mkdirSync(backupsDir(dirs.backups, WS), { recursive: true });
  chmodSync(backupsDir(dirs.backups, WS), 0o555);
  before = Object.fromEntries(Object.entries(dirs).map(([k, d]) => [k, fingerprint(d)]));
  const node = [process.execPath, '--import', 'tsx', join(ROOT, 'tests/core/helpers/readonly-child.ts'), JSON.stringify(dirs)];
  const cmd = isRoot ? [setpriv!, '--bounding-set=-dac_override,-dac_read_search,-fowner', '--', ...node] : node;
  const r = spawnSync(cmd[0]!, cmd.slice(1), { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
  if (r.status !== 0) throw new Error(`processus sans droits en échec (${r.status}) : ${r.stderr}`);
  results = JSON.parse(r.stdout) as typeof results;
}, 150_000);

afterAll(() => {
  for (const d of Object.values(dirs)) if (d && existsSync(d)) chmodTree(d, 0o755, 0o644);
  t.cleanup();
});

describe.runIf(canDrop)('a read-only data folder', () => {
  it('first start in a read-only folder: refused naming the folder it cannot create, nothing created', () => {
    expect(results.first).toEqual({
      code: 'FILE_UNREADABLE',
      message: `Accès refusé à ${dirs.first} : Label Audit doit pouvoir lire et écrire dans son dossier de données (droits insuffisants).`,
    });
    expect(readdirSync(dirs.first)).toEqual([]);
  });

  it('a whole workspace read-only: refused naming the database, every file byte-for-byte unchanged', () => {
    const db = workspacePaths(dirs.whole, WS).db;
    expect(results.whole).toEqual({
      code: 'FILE_UNREADABLE',
      message: `La base ${db} est en lecture seule : Label Audit doit pouvoir écrire dans ce fichier et dans son dossier.`,
    });
    expect(fingerprint(dirs.whole)).toEqual(before.whole);
  });

  it('only the evidence folder read-only: the preuve is refused naming it, no row, no file', () => {
    const evidence = workspacePaths(dirs.evidence, WS).evidence;
    expect(results.evidence).toEqual({
      code: 'FILE_UNREADABLE',
      message: `Accès refusé à ${evidence} : Label Audit doit pouvoir lire et écrire dans son dossier de données (droits insuffisants). La preuve n'a pas été enregistrée.`,
    });
    expect(readdirSync(evidence)).toEqual([]);
    const db = new Database(workspacePaths(dirs.evidence, WS).db, { readonly: true });
    expect(db.prepare('SELECT COUNT(*) AS n FROM preuve').get()).toEqual({ n: 0 });
    db.close();
  });

  it('only the backups folder read-only: the app opens (daily backup failure shown), a backup or an import is refused', () => {
    const dir = backupsDir(dirs.backups, WS);
    const denied = `La sauvegarde n'a pas pu être écrite : Label Audit ne peut pas écrire dans ${dir} (droits insuffisants ou support en lecture seule).`;
    const detail = results.backups?.detail as {
      backup: { code: string; message: string };
      imported: { code: string; message: string };
      referentials: string[];
      lastError: string;
    };
    expect(results.backups?.ok).toBe(true);
    expect(detail.lastError).toBe(denied);
    expect(detail.backup).toEqual({ code: 'FILE_UNREADABLE', message: denied });
    expect(detail.imported).toEqual({ code: 'FILE_UNREADABLE', message: `${denied} L'import n'a pas été fait.` });
    expect(detail.referentials).toEqual(['label-nr']);
    expect(readdirSync(dir)).toEqual([]);
  });
});
