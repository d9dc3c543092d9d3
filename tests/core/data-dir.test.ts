/**
 * The data folder in force (LABEL_AUDIT_DATA_DIR, then <userData>/data-dir.json, then userData) and moving the data
 * (core/data-dir.ts), on real workspaces made by createCore: a statut and an evidence file written before the move
 * are read back from the new folder through the core.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore } from '../../electron/core/core';
import { copyDataDir, DATA_DIR_ENV, removeDataDirPointer, resolveDataDir, writeDataDirPointer } from '../../electron/core/data-dir';
import { userError, userErrorAsync } from '../helpers/errors';
import { tempDir } from './helpers/context';

const temps: Array<() => void> = [];
function temp(): string {
  const t = tempDir('label-audit-datadir-');
  temps.push(t.cleanup);
  return t.dir;
}
afterEach(() => temps.splice(0).forEach((c) => c()));

describe('resolveDataDir', () => {
  it('default: the per-user folder itself', () => {
    const userData = temp();
    expect(resolveDataDir(userData, {})).toEqual({ dataDir: userData, source: 'default', pointerFile: join(userData, 'data-dir.json') });
  });

  it('the pointer file, written atomically, then removed by reset', () => {
    const userData = temp();
    const target = temp();
    const file = writeDataDirPointer(userData, target);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ dataDir: target });
    expect(resolveDataDir(userData, {})).toMatchObject({ dataDir: target, source: 'pointer' });
    expect(readdirSync(userData)).toEqual(['data-dir.json']);
    expect(removeDataDirPointer(userData)).toBe(true);
    expect(removeDataDirPointer(userData)).toBe(false);
    expect(resolveDataDir(userData, {}).source).toBe('default');
  });

  it('LABEL_AUDIT_DATA_DIR wins over the pointer; a relative value is refused naming the variable', () => {
    const userData = temp();
    writeDataDirPointer(userData, temp());
    const envDir = join(temp(), 'pas-encore-créé');
    expect(resolveDataDir(userData, { [DATA_DIR_ENV]: envDir })).toMatchObject({ dataDir: envDir, source: 'env' });
    expect(resolveDataDir(userData, { [DATA_DIR_ENV]: '  ' }).source).toBe('pointer');
    const e = userError(() => resolveDataDir(userData, { [DATA_DIR_ENV]: 'donnees/audit' }));
    expect(e.code).toBe('INPUT_INVALID');
    expect(e.message).toBe('La variable LABEL_AUDIT_DATA_DIR doit donner un chemin absolu (reçu « donnees/audit »).');
    expect(e.en).toBe('The variable LABEL_AUDIT_DATA_DIR must give an absolute path (received “donnees/audit”).');
  });

  it('a pointer to an absent folder (unplugged network drive) is refused, saying how to go back', () => {
    const userData = temp();
    const gone = join(temp(), 'lecteur-reseau', 'Label Audit');
    writeFileSync(join(userData, 'data-dir.json'), JSON.stringify({ dataDir: gone }));
    const e = userError(() => resolveDataDir(userData, {}));
    expect(e.code).toBe('FILE_NOT_FOUND');
    expect(e.message).toBe(
      `Le dossier de données ${gone}, indiqué par ${join(userData, 'data-dir.json')}, est introuvable : le lecteur réseau ou le profil itinérant est-il connecté ? Pour revenir au dossier par défaut (${userData}), supprimez ${join(userData, 'data-dir.json')} (ou lancez label-audit data-dir --reset).`,
    );
    expect(e.en).toBe(
      `The data folder ${gone}, given by ${join(userData, 'data-dir.json')}, cannot be found: is the network drive or the roaming profile connected? To go back to the default folder (${userData}), delete ${join(userData, 'data-dir.json')} (or run label-audit data-dir --reset).`,
    );
    expect(existsSync(gone)).toBe(false);
  });

  it.each([
    ['{ "dataDir": ', /ce n'est pas du JSON/],
    ['{ "dossier": "/x" }', /il doit contenir \{ "dataDir": "<chemin absolu du dossier>" \}/],
    ['{ "dataDir": "relatif/dossier" }', /« relatif\/dossier » n'est pas un chemin absolu/],
  ])('a malformed pointer file %s is refused naming the file', (text, why) => {
    const userData = temp();
    writeFileSync(join(userData, 'data-dir.json'), text);
    const e = userError(() => resolveDataDir(userData, {}));
    expect(e.code).toBe('FILE_UNREADABLE');
    expect(e.message).toMatch(why);
    expect(e.message.startsWith(`Le fichier ${join(userData, 'data-dir.json')} est invalide : `)).toBe(true);
  });

  it('a pointer to a file instead of a folder is refused', () => {
    const userData = temp();
    const file = join(temp(), 'fichier.txt');
    writeFileSync(file, 'x');
    writeDataDirPointer(userData, file);
    expect(userError(() => resolveDataDir(userData, {})).message).toContain(`${file} n'est pas un dossier`);
  });
});

/** A data dir with one empty workspace holding one statut and one evidence file, plus an export. */
async function filledDataDir(): Promise<{ dir: string; nodeId: string }> {
  const dir = join(temp(), 'Label Audit');
  const core = createCore({ dataDir: dir, demo: false, user: 'Alice', log: () => undefined });
  try {
    const ref = core.referentials.get('label-nr');
    const leaf = ref.nodes.find((n) => !ref.nodes.some((c) => c.parentId === n.id))!;
    core.statuts.set({ referentialId: 'label-nr', nodeId: leaf.id, statut: 'fait', explication: 'Délibération du 3 mars' });
    core.preuves.addFile({ referentialId: 'label-nr', nodeId: leaf.id, fileName: 'deliberation.pdf', bytes: new TextEncoder().encode('%PDF-1.4 délibération') });
    mkdirSync(join(dir, 'exports'), { recursive: true });
    writeFileSync(join(dir, 'exports', 'ancien-paquet.zip'), 'zip');
    // Electron's own files in the per-user folder are not ours to move.
    mkdirSync(join(dir, 'GPUCache'));
    writeFileSync(join(dir, 'GPUCache', 'data_0'), 'cache');
    return { dir, nodeId: leaf.id };
  } finally {
    core.close();
  }
}

describe('copyDataDir', () => {
  it('copies the workspace (online backup), evidence, exports and settings; the copy opens with the same data', async () => {
    const { dir, nodeId } = await filledDataDir();
    const to = join(temp(), 'profil itinérant', 'Label Audit');
    const copy = await copyDataDir(dir, to);
    expect(copy).toEqual({ workspaces: ['ma-collectivite'], files: 3, bytes: expect.any(Number) });
    expect(readdirSync(to).sort()).toEqual(['exports', 'settings.json', 'workspaces']);
    const core = createCore({ dataDir: to, log: () => undefined });
    try {
      expect(core.workspaceId).toBe('ma-collectivite');
      const statut = core.statuts.list('label-nr').find((s) => s.nodeId === nodeId);
      expect(statut).toMatchObject({ statut: 'fait', explication: 'Délibération du 3 mars' });
      const [preuve] = core.preuves.list('label-nr');
      expect(readFileSync(core.preuves.file(preuve!.id).path, 'utf8')).toBe('%PDF-1.4 délibération');
    } finally {
      core.close();
    }
    // The original is left as it was.
    expect(existsSync(join(dir, 'workspaces', 'ma-collectivite', 'label-audit.sqlite'))).toBe(true);
  });

  it('refuses a non-empty target, a target inside the source, and a source without workspace', async () => {
    const { dir } = await filledDataDir();
    const busy = temp();
    writeFileSync(join(busy, 'autre.txt'), 'x');
    expect((await userErrorAsync(copyDataDir(dir, busy))).message).toBe(`Le nouveau dossier de données ${busy} doit être un dossier vide ou absent.`);
    const inside = join(dir, 'copie');
    const e = await userErrorAsync(copyDataDir(dir, inside));
    expect(e.code).toBe('INPUT_INVALID');
    expect(e.message).toContain('ne peut pas être');
    expect(existsSync(inside)).toBe(false);
    const empty = temp();
    expect((await userErrorAsync(copyDataDir(empty, join(temp(), 'x')))).message).toBe(`Aucun espace de travail dans ${empty} : rien à déplacer.`);
  });
});
