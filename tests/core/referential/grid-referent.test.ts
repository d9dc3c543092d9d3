/**
 * The grid JSON key `referent` of a critère (a role its pilote holds, checked before a demande by shared/readiness.ts):
 * kept in the critère's meta; an empty one is refused naming the JSON path.
 */
import { describe, expect, it } from 'vitest';
import { parseGridJson } from '../../../electron/core/referential/grid';
import { loadBuiltinLabelNr } from '../../../electron/core/referential/builtin';
import { userError } from '../../helpers/errors';

function grid(referent: unknown): string {
  return JSON.stringify({
    id: 'nr',
    version: 't',
    nom: 'Grille',
    model: 'points',
    avertissement: null,
    niveaux: [{ rang: 1, nom: 'Niveau 1', seuil: 0.3 }],
    themes: [
      {
        identifiant: '1',
        nom: 'Gouvernance',
        criteres: [
          { identifiant: '1.1', nom: 'Engagement', description: 'Délibération.', points: 60, preuvesAttendues: ['Délibération'] },
          { identifiant: '1.2', nom: 'Référent', description: 'Un référent est nommé.', points: 40, preuvesAttendues: ['Lettre de mission'], referent },
        ],
      },
    ],
  });
}

describe('grid critère « referent »', () => {
  it('is kept in the critère meta, and only there', () => {
    const ref = parseGridJson({ name: 'g.json', text: grid('Référent·e numérique responsable') });
    expect(ref.nodes.find((n) => n.id === 'nr_1.2')?.meta).toEqual({ referent: 'Référent·e numérique responsable' });
    expect(ref.nodes.find((n) => n.id === 'nr_1.1')?.meta).toEqual({});
  });

  it('an empty referent is refused, naming the path and the critère', () => {
    const e = userError(() => parseGridJson({ name: 'g.json', text: grid('  ') }));
    expect(e.code).toBe('REFERENTIAL_INVALID');
    expect(e.location).toEqual({ file: 'g.json', path: 'themes[0].criteres[1].referent' });
    expect(e.message).toMatch(/^g\.json, themes\[0\]\.criteres\[1\]\.referent \(critère 1\.2\) : /);
  });

  it('the built-in Label NR grid asks for a référent NR on critère 1.2 only', () => {
    const nr = loadBuiltinLabelNr();
    expect(nr.nodes.filter((n) => n.meta.referent).map((n) => [n.id, n.meta.referent])).toEqual([['label-nr_1.2', 'Référent·e numérique responsable']]);
  });
});
