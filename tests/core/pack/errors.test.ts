import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isUserError } from '../../../shared/errors';
import { buildPack, verifyPack } from '../../../electron/core/pack/index';
import type { PackInput } from '../../../electron/core/pack/types';
import { BYTES, DIR_1, makeInput, sha } from './fixture';
import { entryMap } from './zip-read';
import { userErrorAsync } from '../../helpers/errors';

async function userError(p: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await p;
  } catch (e) {
    if (isUserError(e)) return { code: e.code, message: e.message };
    throw e;
  }
  throw new Error('aucune erreur levée');
}

function noFileLeft(dir: string): void {
  expect(readdirSync(dir).filter((f) => f.startsWith('pack'))).toEqual([]);
}

describe('buildPack: bad input', () => {
  it.each([
    ['15/03/2026', "La date du jalon « 15/03/2026 » n'est pas une date ISO 8601 valide (entre 1980 et 2107)."],
    ['2026-13-45', "La date du jalon « 2026-13-45 » n'est pas une date ISO 8601 valide (entre 1980 et 2107)."],
    ['1970-01-01', "La date du jalon « 1970-01-01 » n'est pas une date ISO 8601 valide (entre 1980 et 2107)."],
  ])('refuses the jalon date %j', async (date, message) => {
    const { input, dir } = makeInput();
    const e = await userError(buildPack({ ...input, jalon: { ...input.jalon, date } }, join(dir, 'pack.zip')));
    expect(e).toEqual({ code: 'INPUT_INVALID', message });
    noFileLeft(dir);
  });

  it.each<[string, (i: PackInput) => PackInput, { code: string; message: string }]>([
    [
      'a preuve on an unknown node',
      (i) => ({ ...i, preuves: [{ ...(i.preuves[0] as PackInput['preuves'][0]), nodeIds: ['t_9.9'] }] }),
      {
        code: 'NODE_UNKNOWN',
        message: 'La preuve « Délibération PCAET » (p1) est rattachée au nœud « t_9.9 », absent du référentiel t 2026-01-01.',
      },
    ],
    [
      'a fichier without sha256',
      (i) => ({ ...i, preuves: [{ ...(i.preuves[0] as PackInput['preuves'][0]), sha256: null }] }),
      { code: 'PREUVE_INVALID', message: 'La preuve « Délibération PCAET » (p1) est un fichier sans empreinte SHA-256 valide (« absente »).' },
    ],
    [
      'a fichier whose sha256 is a path',
      (i) => ({ ...i, preuves: [{ ...(i.preuves[0] as PackInput['preuves'][0]), sha256: '../../etc/passwd' }] }),
      { code: 'PREUVE_INVALID', message: 'La preuve « Délibération PCAET » (p1) est un fichier sans empreinte SHA-256 valide (« ../../etc/passwd »).' },
    ],
    [
      'a lien without url',
      (i) => ({ ...i, preuves: [{ ...(i.preuves[4] as PackInput['preuves'][0]), url: ' ' }] }),
      { code: 'PREUVE_INVALID', message: 'La preuve « Site de la collectivité » (p5) est un lien sans adresse.' },
    ],
  ])('refuses %s', async (_name, edit, expected) => {
    const { input, dir } = makeInput();
    expect(await userError(buildPack(edit(input), join(dir, 'pack.zip')))).toEqual(expected);
    noFileLeft(dir);
  });

  it('says the same in English, naming the preuve, the node and the jalon date', async () => {
    const { input, dir } = makeInput();
    const unknownNode = { ...input, preuves: [{ ...(input.preuves[0] as PackInput['preuves'][0]), nodeIds: ['t_9.9'] }] };
    await expect(buildPack(unknownNode, join(dir, 'pack.zip'))).rejects.toMatchObject({
      en: 'The evidence “Délibération PCAET” (p1) is attached to the node “t_9.9”, which is not in the referential t 2026-01-01.',
    });
    await expect(buildPack({ ...input, jalon: { ...input.jalon, date: '15/03/2026' } }, join(dir, 'pack.zip'))).rejects.toMatchObject({
      en: 'The milestone date “15/03/2026” is not a valid ISO 8601 date (between 1980 and 2107).',
    });
    noFileLeft(dir);
  });

  it('a complete pack required while a file is missing: PACK_INCOMPLETE in both languages, naming the file', async () => {
    const { input, dir } = makeInput();
    const e = await userErrorAsync(buildPack(input, join(dir, 'pack.zip'), { requireComplete: true }));
    const line = 'preuves/2 Patrimoine de la collectivité/2.1 Bâtiments publics/2.1.1 Rénover les bâtiments ≥ 1 000 m²/rapport (2).pdf — fichier absent du magasin de preuves';
    expect(e.code).toBe('PACK_INCOMPLETE');
    expect(e.message).toBe(
      `Pack complet exigé : 1 fichier de preuve manque ou a changé (${line}). Rajoutez-les, ou exportez sans exiger un pack complet : ils seront listés dans _manifeste/fichiers-manquants.txt.`,
    );
    const lineEn = line.replace('fichier absent du magasin de preuves', 'file absent from the evidence store');
    expect(e.en).toBe(
      `Complete pack required: 1 evidence file is missing or changed (${lineEn}). Add them back, or export without requiring a complete pack: they will be listed in _manifeste/fichiers-manquants.txt.`,
    );
    // The same sentences whatever the pack's language: the error is shown in the interface's.
    const en = await userErrorAsync(buildPack({ ...input, lang: 'en' }, join(dir, 'pack-en.zip'), { requireComplete: true }));
    expect([en.message, en.en]).toEqual([e.message, e.en]);
    noFileLeft(dir);
  });
});

describe('buildPack: abort', () => {
  it('aborted while streaming evidence: rejects and leaves neither the pack nor the .part file', async () => {
    const { input, dir } = makeInput();
    const ac = new AbortController();
    const out = join(dir, 'pack.zip');
    let calls = 0;
    await expect(
      buildPack(input, out, {
        signal: ac.signal,
        onProgress: () => {
          calls += 1;
          ac.abort(new Error('Export annulé par l’utilisateur.'));
        },
      }),
    ).rejects.toThrow('Export annulé par l’utilisateur.');
    expect(calls).toBeGreaterThan(0);
    expect(existsSync(out)).toBe(false);
    expect(existsSync(`${out}.part`)).toBe(false);
  });

  it('already aborted: rejects before writing anything', async () => {
    const { input, dir } = makeInput();
    await expect(buildPack(input, join(dir, 'pack.zip'), { signal: AbortSignal.abort() })).rejects.toThrow();
    noFileLeft(dir);
  });
});

describe('buildPack: damaged evidence store', () => {
  it('skips a file whose size differs from the record and packs, but flags, a file whose bytes changed', async () => {
    const { input, dir, storePath } = makeInput();
    // Same size, different bytes: packed as read, listed, and the manifest records the real hash.
    const changed = Buffer.from(BYTES.deliberation);
    changed[0] = 0x25 ^ 0x01;
    writeFileSync(storePath(sha(BYTES.deliberation)), changed);
    // Different size: skipped.
    writeFileSync(storePath(sha(BYTES.rapportMaj)), Buffer.from('court'));
    const out = join(dir, 'pack.zip');
    expect((await buildPack(input, out)).missing).toBe(3); // one changed, one of another size, one absent
    const entries = await entryMap(out);
    const lines = (entries.get('_manifeste/fichiers-manquants.txt') as Buffer).toString('utf8').trimEnd().split('\n');
    expect(lines).toEqual([
      `${DIR_1}/Délibération_ PCAET été.pdf — contenu différent de l'empreinte enregistrée (SHA-256 lu ${sha(changed)}, attendu ${sha(BYTES.deliberation)}) : fichier inclus tel que lu`,
      `preuves/2 Patrimoine de la collectivité/2.1 Bâtiments publics/2.1.1 Rénover les bâtiments ≥ 1 000 m²/Rapport.PDF — taille 5 octets au lieu des ${BYTES.rapportMaj.length} octets enregistrés`,
      'preuves/2 Patrimoine de la collectivité/2.1 Bâtiments publics/2.1.1 Rénover les bâtiments ≥ 1 000 m²/rapport (2).pdf — fichier absent du magasin de preuves',
    ]);
    expect(entries.get(`${DIR_1}/Délibération_ PCAET été.pdf`)?.equals(changed)).toBe(true);
    expect(await verifyPack(out)).toEqual({ ok: true, entries: 11, problems: [] });
  });
});
