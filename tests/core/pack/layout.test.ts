import { describe, expect, it } from 'vitest';
import { isHttpUrl, nodeFolders, planEvidence } from '../../../electron/core/pack/layout';
import type { PackPreuve } from '../../../electron/core/pack/types';
import { DIR_1, DIR_2, referential } from './fixture';

const SHA_A = 'a'.repeat(64);
const SHA_B = 'b'.repeat(64);

function fichier(id: string, fileName: string, sha256: string, nodeIds: string[]): PackPreuve {
  return { id, kind: 'fichier', titre: fileName, fileName, size: 10, sha256, url: null, addedAt: '2026-01-01', nodeIds };
}
function lien(id: string, titre: string, url: string, nodeIds: string[]): PackPreuve {
  return { id, kind: 'lien', titre, fileName: null, size: null, sha256: null, url, addedAt: '2026-01-01', nodeIds };
}
const ok = () => ({ ok: true as const, size: 10 });
const store = (sha: string) => `/store/${sha}`;

describe('nodeFolders', () => {
  it('names folders "identifiant nom" down to the mesure level only', () => {
    const f = nodeFolders(referential);
    expect(f.get('t')).toBe('preuves');
    expect(f.get('t_1')).toBe('preuves/1 Planification territoriale');
    expect(f.get('t_1.1.1')).toBe(DIR_1);
    expect(f.get('t_2.1.1')).toBe(DIR_2);
    expect(f.has('t_1.1.1.1')).toBe(false);
  });
});

describe('planEvidence', () => {
  it('puts a preuve on an axe in the axe folder, on a tâche in its mesure folder, unattached ones apart', () => {
    const plan = planEvidence(
      referential,
      [fichier('a', 'axe.pdf', SHA_A, ['t_1']), fichier('b', 'tache.pdf', SHA_B, ['t_1.1.1.2.2']), fichier('c', 'orpheline.pdf', 'c'.repeat(64), [])],
      ok,
      store,
    );
    expect(plan.files.map((f) => f.path)).toEqual([
      'preuves/1 Planification territoriale/1.1 Stratégie globale/1.1.1 Définir la stratégie « climat » de l’œuvre/tache.pdf',
      'preuves/1 Planification territoriale/axe.pdf',
      'preuves/Non rattachées/orpheline.pdf',
    ]);
    expect(plan.files[0]?.source).toBe(`/store/${SHA_B}`);
  });

  it('places a preuve once per folder even when attached to several nodes of the same mesure', () => {
    const plan = planEvidence(referential, [fichier('a', 'plan.pdf', SHA_A, ['t_1.1.1.1', 't_1.1.1.2', 't_1.1.1'])], ok, store);
    expect(plan.files.map((f) => f.path)).toEqual([`${DIR_1}/plan.pdf`]);
    expect(plan.shared).toEqual([]);
    expect(plan.paths.get('a')).toEqual([`${DIR_1}/plan.pdf`]);
  });

  it('renames a user file called liens.csv in a folder that holds links, and a file named like a sub-folder', () => {
    const plan = planEvidence(
      referential,
      [
        fichier('a', 'LIENS.csv', SHA_A, ['t_1.1.1']),
        lien('l', 'Site', 'https://example.fr', ['t_1.1.1']),
        fichier('b', '1.1 Stratégie globale', SHA_B, ['t_1']),
      ],
      ok,
      store,
    );
    // UTF-8 byte order: ' ' (0x20) sorts before '/' (0x2F).
    expect(plan.files.map((f) => f.path)).toEqual(['preuves/1 Planification territoriale/1.1 Stratégie globale (2)', `${DIR_1}/LIENS (2).csv`]);
    expect(plan.liens).toEqual([{ path: `${DIR_1}/liens.csv`, rows: [['Site', 'https://example.fr', 'Rattaché à : 1.1.1']] }]);
  });

  it('lists every placement of unavailable bytes with the reason, and nothing in files', () => {
    const plan = planEvidence(referential, [fichier('a', 'x.pdf', SHA_A, ['t_1.1.1', 't_2.1.1'])], () => ({ ok: false, reason: { fr: 'fichier illisible (EACCES)', en: 'file unreadable (EACCES)' } }), store);
    expect(plan.files).toEqual([]);
    expect(plan.missing).toEqual([`${DIR_1}/x.pdf — fichier illisible (EACCES)`, `${DIR_2}/x.pdf — fichier illisible (EACCES)`]);
  });
});

describe('isHttpUrl', () => {
  it.each([
    ['https://example.fr/a?b=c', true],
    ['http://example.fr', true],
    ['javascript:alert(1)', false],
    ['file:///etc/passwd', false],
    ['data:text/html,<script>', false],
    ['example.fr', false],
    ['', false],
  ])('%j → %s', (url, expected) => {
    expect(isHttpUrl(url)).toBe(expected);
  });
});
