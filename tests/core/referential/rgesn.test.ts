import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseRgesnJson, RGESN_WEIGHTS } from '../../../electron/core/referential/rgesn-json';
import { DATA, describeWithSharedData } from '../../helpers/shared-data';
import { userError } from '../../helpers/errors';

function critere(numero: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    numero,
    thematique: numero.startsWith('1.') ? 'Stratégie' : 'Spécifications',
    critere: `Question ${numero} ?`,
    difficulte: 'Moyen',
    priorite: 'Prioritaire',
    cible: 'Applicable à tous les services',
    metiers: 'Porteur de projet',
    objectif: 'Objectif.',
    miseEnOeuvre: 'Mise en œuvre.',
    controle: 'Contrôle.',
    ...overrides,
  };
}
const file = (data: unknown, name = 'rgesn.json') => ({ name, text: typeof data === 'string' ? data : JSON.stringify(data) });

describe('parseRgesnJson on small inputs', () => {
  it('builds thématiques from the first segment of numero, critères weighted by priorité', () => {
    const ref = parseRgesnJson(
      file([
        critere('2.1', { priorite: 'Modéré' }),
        critere('1.10', { priorite: 'Recommandé' }),
        critere('1.2'),
      ]),
    );
    expect(ref).toMatchObject({ id: 'rgesn', version: '2024', model: 'weighted', actionLevel: 2, redistribution: false, niveaux: [] });
    expect(ref.hierarchie).toEqual(['referentiel', 'thematique', 'critere']);
    expect(ref.nodes.map((n) => [n.id, n.parentId, n.type, n.pointReferentiel, n.ordre])).toEqual([
      ['rgesn', null, 'referentiel', 3.75, 0],
      ['rgesn_1', 'rgesn', 'thematique', 2.75, 0],
      ['rgesn_1.2', 'rgesn_1', 'critere', 1.5, 0],
      ['rgesn_1.10', 'rgesn_1', 'critere', 1.25, 1],
      ['rgesn_2', 'rgesn', 'thematique', 1, 1],
      ['rgesn_2.1', 'rgesn_2', 'critere', 1, 0],
    ]);
    const c = ref.nodes.find((n) => n.id === 'rgesn_1.2');
    expect(c).toMatchObject({
      nom: 'Question 1.2 ?',
      description: 'Objectif.\n\n**Mise en œuvre**\n\nMise en œuvre.',
      perimetreEvaluation: 'Contrôle.',
      meta: { thematique: 'Stratégie', difficulte: 'Moyen', priorite: 'Prioritaire', cible: 'Applicable à tous les services', metiers: 'Porteur de projet' },
    });
    expect(ref.nodes[1]?.nom).toBe('Stratégie');
  });

  it('uses the id given', () => {
    expect(parseRgesnJson(file([critere('1.1')]), 'rgesn-v2').nodes.map((n) => n.id)).toEqual(['rgesn-v2', 'rgesn-v2_1', 'rgesn-v2_1.1']);
  });

  it.each([
    ['not JSON', '[{"numero": "1.1",]', /^rgesn\.json n'est pas un JSON valide \(ligne 1, colonne 19, position 18\)/],
    ['not an array', { criteres: [] }, /^rgesn\.json : un tableau de critères RGESN est attendu à la racine du JSON\.$/],
    ['an empty array', [], /^rgesn\.json : le tableau de critères est vide\.$/],
    ['a non-object critère', [critere('1.1'), 'x'], /^rgesn\.json, critère n° 2 \(index 1\) : un objet est attendu\.$/],
    ['a missing field', [critere('1.1'), critere('1.2', { controle: undefined })], /^rgesn\.json, critère n° 2 \(index 1\), critère 1\.2 : le champ « controle » est absent\.$/],
    ['a non-text field', [critere('1.1', { priorite: 3 })], /^rgesn\.json, critère n° 1 \(index 0\), critère 1\.1 : le champ « priorite » doit être un texte\.$/],
    ['an unknown priorité', [critere('1.1', { priorite: 'Urgent' })], /^rgesn\.json, critère n° 1 \(index 0\), critère 1\.1 : priorité « Urgent » inconnue \(attendu : Prioritaire, Recommandé, Modéré\)\.$/],
    ['a malformed numéro', [critere('1.1'), critere('1-2')], /^rgesn\.json, critère n° 2 \(index 1\), critère 1-2 : le numéro « 1-2 » n'a pas la forme « 1\.1 »\.$/],
    ['a duplicate numéro', [critere('1.1'), critere('1.1')], /^rgesn\.json, critère n° 2 \(index 1\), critère 1\.1 : le numéro 1\.1 est déjà utilisé par le critère d'index 0\.$/],
    ['a thématique inconsistent with its numéro', [critere('1.1'), critere('1.2', { thematique: 'Backend' })], /^rgesn\.json, critère n° 2 \(index 1\), critère 1\.2 : la thématique « Backend » ne correspond pas à « Stratégie » des autres critères 1\.x\.$/],
    ['one thématique under two numbers', [critere('1.1'), critere('2.1', { thematique: 'Stratégie' })], /^rgesn\.json : la thématique « Stratégie » porte deux numéros \(1 et 2\)\.$/],
  ])('rejects %s with a message naming the critère', (_case, data, message) => {
    const e = userError(() => parseRgesnJson(file(data)));
    expect(e.code).toBe('REFERENTIAL_INVALID');
    expect(e.message).toMatch(message);
    expect(e.location.file).toBe('rgesn.json');
  });

  it('says the same in English, naming the critère', () => {
    expect(userError(() => parseRgesnJson(file([critere('1.1', { priorite: 'Urgent' })]))).en).toBe(
      'rgesn.json, criterion no. 1 (index 0), criterion 1.1: unknown priorité “Urgent” (expected: Prioritaire, Recommandé, Modéré).',
    );
    expect(userError(() => parseRgesnJson(file([critere('1.1'), critere('1.2', { controle: undefined })]))).en).toBe(
      'rgesn.json, criterion no. 2 (index 1), criterion 1.2: the field “controle” is missing.',
    );
    expect(userError(() => parseRgesnJson(file('[{"numero": "1.1",]'))).en).toMatch(/^rgesn\.json is not valid JSON \(line 1, column 19, position 18\): /);
  });
});

describeWithSharedData('parseRgesnJson on the real RGESN 2024 file', () => {
  const ref = parseRgesnJson({ name: 'referentiel-ecoconception.json', text: readFileSync(DATA.rgesn, 'utf8') });
  const criteres = ref.nodes.filter((n) => n.depth === 2);

  it('has 78 critères in 9 thématiques, in file order', () => {
    expect(criteres).toHaveLength(78);
    expect(ref.nodes.filter((n) => n.depth === 1).map((n) => `${n.identifiant} ${n.nom}`)).toEqual([
      '1 Stratégie',
      '2 Spécifications',
      '3 Architecture',
      '4 UX/UI',
      '5 Contenus',
      '6 Frontend',
      '7 Backend',
      '8 Hébergement',
      '9 Algorithmie',
    ]);
    expect(ref.nodes).toHaveLength(1 + 9 + 78);
  });

  it('weighs 30 Prioritaires, 29 Recommandés and 19 Modérés: 100.25 in total', () => {
    const count = (p: string) => criteres.filter((c) => c.meta.priorite === p).length;
    expect([count('Prioritaire'), count('Recommandé'), count('Modéré')]).toEqual([30, 29, 19]);
    expect(30 * RGESN_WEIGHTS.Prioritaire! + 29 * RGESN_WEIGHTS.Recommandé! + 19 * RGESN_WEIGHTS.Modéré!).toBe(100.25);
    expect(ref.nodes[0]?.pointReferentiel).toBe(100.25);
  });

  it('sums each thématique (Stratégie: 5 Prioritaires, 4 Recommandés, 1 Modéré = 13.5; 10 critères)', () => {
    const t1 = ref.nodes.find((n) => n.id === 'rgesn_1');
    expect(t1?.pointReferentiel).toBe(13.5);
    expect(criteres.filter((c) => c.parentId === 'rgesn_1')).toHaveLength(10);
    expect(ref.nodes.filter((n) => n.depth === 1).reduce((s, t) => s + t.pointReferentiel, 0)).toBe(100.25);
    expect(ref.nodes.find((n) => n.id === 'rgesn_4.15')?.ordre).toBe(14);
  });
});
