import { describe, expect, it } from 'vitest';
import { parseGridJson, preuveIdFromNom } from '../../../electron/core/referential/grid';
import { userError } from '../../helpers/errors';

/** A small valid grid: 2 thèmes, 3 critères, 100 points. */
function grid(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 'label-nr',
    version: 'test-1',
    nom: 'Grille de test',
    model: 'points',
    avertissement: 'Grille de test',
    validiteAnnees: 3,
    total: 100,
    niveaux: [
      { rang: 1, nom: 'Niveau 1', seuil: 0.3 },
      { rang: 2, nom: 'Niveau 2', seuil: 0.5 },
    ],
    themes: [
      {
        identifiant: '1',
        nom: 'Stratégie',
        points: 60,
        criteres: [
          { identifiant: '1.2', nom: 'Plan', description: 'Un plan est adopté.', points: 25, preuvesAttendues: ['Plan d’action NR'] },
          {
            identifiant: '1.1',
            nom: 'Engagement',
            description: 'Une délibération est prise.',
            points: 35,
            preuvesAttendues: ['Délibération adoptant la stratégie NR', 'Plan d’action NR'],
            references: { rgesn: ['1.1', '1.3'], 'gbp-nr': ['a.6'] },
          },
        ],
      },
      {
        identifiant: '2',
        nom: 'Leviers externes',
        module: 'Leviers externes des collectivités',
        criteres: [{ identifiant: '2.1', nom: 'Inclusion', description: 'Médiation.', points: 40, preuvesAttendues: ['Délibération adoptant la stratégie NR'] }],
      },
    ],
    ...overrides,
  };
}
const file = (data: unknown, name = 'grille.json') => ({ name, text: typeof data === 'string' ? data : JSON.stringify(data, null, 2) });

describe('parseGridJson', () => {
  it('builds référentiel › thème › critère with summed points, natural order and ids', () => {
    const ref = parseGridJson(file(grid()));
    expect(ref).toMatchObject({ id: 'label-nr', version: 'test-1', model: 'points', actionLevel: 2, redistribution: false, avertissement: 'Grille de test' });
    expect(ref.hierarchie).toEqual(['referentiel', 'theme', 'critere']);
    expect(ref.niveaux).toEqual([
      { rang: 1, nom: 'Niveau 1', seuil: 0.3 },
      { rang: 2, nom: 'Niveau 2', seuil: 0.5 },
    ]);
    expect(ref.nodes.map((n) => [n.id, n.parentId, n.depth, n.type, n.pointReferentiel, n.ordre])).toEqual([
      ['label-nr', null, 0, 'referentiel', 100, 0],
      ['label-nr_1', 'label-nr', 1, 'theme', 60, 0],
      ['label-nr_1.1', 'label-nr_1', 2, 'critere', 35, 0],
      ['label-nr_1.2', 'label-nr_1', 2, 'critere', 25, 1],
      ['label-nr_2', 'label-nr', 1, 'theme', 40, 1],
      ['label-nr_2.1', 'label-nr_2', 2, 'critere', 40, 0],
    ]);
    const c11 = ref.nodes.find((n) => n.id === 'label-nr_1.1');
    expect(c11?.meta).toEqual({ 'references.rgesn': '1.1, 1.3', 'references.gbp-nr': 'a.6' });
    expect(c11?.points).toBe(35);
    expect(ref.nodes.find((n) => n.id === 'label-nr_2')?.meta).toEqual({ module: 'Leviers externes des collectivités' });
    expect(ref.nodes.find((n) => n.id === 'label-nr_2')?.points).toBeNull();
    expect(ref.nodes[0]?.meta.validiteAnnees).toBe('3');
  });

  it('makes one catalogue entry per distinct preuve name, linked to every critère that expects it', () => {
    const ref = parseGridJson(file(grid()));
    expect(ref.preuvesAttendues).toEqual([
      { id: 'deliberation_adoptant_la_strategie_nr', nom: 'Délibération adoptant la stratégie NR', description: null, nodeIds: ['label-nr_1.1', 'label-nr_2.1'] },
      { id: 'plan_d_action_nr', nom: 'Plan d’action NR', description: null, nodeIds: ['label-nr_1.1', 'label-nr_1.2'] },
    ]);
    expect(preuveIdFromNom('Bordereaux de suivi des DEEE (œuvre)')).toBe('bordereaux_de_suivi_des_deee_oeuvre');
  });

  it('rejects a file that is not JSON, naming the line and column', () => {
    const e = userError(() => parseGridJson(file('{\n  "id": "label-nr",\n  "version": }', 'cassé.json')));
    expect(e.code).toBe('REFERENTIAL_INVALID');
    expect(e.message).toMatch(/^cassé\.json n'est pas un JSON valide \(ligne 3, colonne 14/);
    expect(e.location).toMatchObject({ file: 'cassé.json', row: 3 });
  });

  it('rejects a schema violation naming the JSON path and the critère', () => {
    const g = grid();
    const themes = g.themes as Array<{ criteres: Array<Record<string, unknown>> }>;
    themes[0]!.criteres[1]!.points = 'trente-cinq';
    const e = userError(() => parseGridJson(file(g)));
    expect(e.message).toMatch(/^grille\.json, themes\[0\]\.criteres\[1\]\.points \(critère 1\.1\) : .*nombre attendu/);
    expect(e.location.path).toBe('themes[0].criteres[1].points');
  });

  it('rejects a missing required field, an unknown key and a wrong model', () => {
    const { niveaux: _n, ...sansNiveaux } = grid();
    expect(userError(() => parseGridJson(file(sansNiveaux))).message).toMatch(/^grille\.json, niveaux : /);
    expect(userError(() => parseGridJson(file(grid({ couleur: 'vert' })))).message).toMatch(/^grille\.json, \(racine\) : .*couleur/);
    expect(userError(() => parseGridJson(file(grid({ model: 'tete' })))).message).toMatch(/^grille\.json, model : /);
  });

  it('rejects a critère numbered under another thème', () => {
    const g = grid();
    (g.themes as Array<{ criteres: Array<Record<string, unknown>> }>)[1]!.criteres[0]!.identifiant = '3.1';
    expect(userError(() => parseGridJson(file(g))).message).toBe(
      'grille.json, themes[1].criteres[0] (critère 3.1) : le critère 3.1 n\'appartient pas au thème 2.',
    );
  });

  it('rejects a duplicate identifiant naming both places', () => {
    const g = grid();
    (g.themes as Array<{ criteres: Array<Record<string, unknown>> }>)[0]!.criteres[0]!.identifiant = '1.1';
    expect(userError(() => parseGridJson(file(g))).message).toBe(
      'grille.json, themes[0].criteres[1] (critère 1.1) : l\'identifiant 1.1 est en double (déjà utilisé : grille.json, themes[0].criteres[0] (critère 1.1)).',
    );
  });

  it('rejects a thème whose points differ from its critères', () => {
    const g = grid();
    (g.themes as Array<Record<string, unknown>>)[0]!.points = 70;
    const e = userError(() => parseGridJson(file(g)));
    expect(e.message).toBe('grille.json, themes[0] (thème 1) : le thème 1 déclare 70 points mais ses critères en totalisent 60.');
    expect(e.location.nodeId).toBe('label-nr_1');
  });

  it('rejects a declared total different from the sum', () => {
    expect(userError(() => parseGridJson(file(grid({ total: 1000 })))).message).toBe(
      'grille.json : le total déclaré est de 1000 points mais les critères en totalisent 100.',
    );
  });

  it('rejects niveaux that are not in ascending order', () => {
    const niveaux = [
      { rang: 1, nom: 'Niveau 1', seuil: 0.6 },
      { rang: 2, nom: 'Niveau 2', seuil: 0.5 },
    ];
    expect(userError(() => parseGridJson(file(grid({ niveaux })))).message).toBe(
      'grille.json : les niveaux doivent être rangés par rang et seuil croissants (« Niveau 1 » puis « Niveau 2 »).',
    );
  });
});
