/** TETE importer on the real CSVs (numbers from tete-referentials.md §1.1, §1.4, §1.5, §8) and on tiny inline files. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_TETE_VERSION, parseTeteCsv, teteIdFromFileName } from '../../../electron/core/referential/tete-csv';
import { compareIdentifiants, type Referential } from '../../../shared/domain';
import { DATA, describeWithSharedData } from '../../helpers/shared-data';

const file = (path: string) => ({ name: path.split('/').pop()!, text: readFileSync(path, 'utf8') });
const byId = (r: Referential) => new Map(r.nodes.map((n) => [n.id, n]));
const countByDepth = (r: Referential) => r.nodes.reduce<number[]>((acc, n) => ((acc[n.depth] = (acc[n.depth] ?? 0) + 1), acc), []);

/** Nodes must come root first, depth-first, siblings in natural order with consecutive `ordre`. */
function expectNaturalDepthFirst(r: Referential): void {
  const seen = new Set<string>();
  const lastChild = new Map<string, { ordre: number; identifiant: string }>();
  for (const n of r.nodes) {
    if (n.parentId !== null) expect(seen.has(n.parentId), `${n.id} after its parent`).toBe(true);
    seen.add(n.id);
    const prev = n.parentId === null ? undefined : lastChild.get(n.parentId);
    expect(n.ordre).toBe(prev ? prev.ordre + 1 : 0);
    if (n.parentId !== null) {
      if (prev) expect(compareIdentifiants(prev.identifiant, n.identifiant), `${prev.identifiant} < ${n.identifiant}`).toBeLessThan(0);
      lastChild.set(n.parentId, { ordre: n.ordre, identifiant: n.identifiant });
    }
  }
}

describe('teteIdFromFileName', () => {
  it.each([
    ['referentiel-cae-structure.csv', 'cae'],
    ['/tmp/x/referentiel-eci-structure.csv', 'eci'],
    ['C:\\data\\referentiel-te-structure.csv', 'te'],
    ['referentiel-eci-preuves.csv', 'eci'],
    ['CAE_2026.csv', 'cae'],
    ['referentiel-label-nr.csv', null],
    ['test-structure.csv', null],
    ['cadre.csv', null],
  ])('%s → %s', (name, id) => expect(teteIdFromFileName(name)).toBe(id));
});

describeWithSharedData('parseTeteCsv — real CAE (referentiel-cae-structure.csv + preuves)', () => {
  const cae = parseTeteCsv({ structure: file(DATA.caeStructure), preuves: file(DATA.caePreuves) });
  const n = byId(cae);

  it('has the referential facts of §1.1 and §3', () => {
    expect(cae).toMatchObject({ id: 'cae', nom: 'Climat Air Énergie', version: DEFAULT_TETE_VERSION, model: 'tete', actionLevel: 3, redistribution: true });
    expect(DEFAULT_TETE_VERSION).toBe('2026-04-01');
    expect(cae.hierarchie).toEqual(['referentiel', 'axe', 'sous-axe', 'action', 'sous-action', 'tache']);
    expect(cae.niveaux.map((x) => [x.rang, x.seuil])).toEqual([[1, 0], [2, 0.35], [3, 0.5], [4, 0.65], [5, 0.75]]);
  });

  it('has 1 470 nodes + root: 6 axes, 19 sous-axes, 61 mesures, 325 sous-actions, 1 059 tâches', () => {
    expect(cae.nodes).toHaveLength(1471);
    expect(countByDepth(cae)).toEqual([1, 6, 19, 61, 325, 1059]);
    expect(cae.nodes[0]).toMatchObject({ id: 'cae', parentId: null, identifiant: '', depth: 0, type: 'referentiel', pointReferentiel: 500 });
    expect(n.get('cae_1.1.1.2')).toMatchObject({ parentId: 'cae_1.1.1', depth: 4, type: 'sous-action', categorie: 'mise en œuvre', pourcentage: 5 });
    expect(n.get('cae_1.1.1.2.3')!.type).toBe('tache');
    expectNaturalDepthFirst(cae);
  });

  it('computes pointReferentiel as §1.4: root 500, axes 100/64/94/96/46/100, cae_1.1.1 = 12 split 5/5/10/5/30/10/35 %', () => {
    expect(cae.nodes.filter((x) => x.depth === 1).map((x) => x.pointReferentiel)).toEqual([100, 64, 94, 96, 46, 100]);
    expect(n.get('cae_1.1.1')!.pointReferentiel).toBe(12);
    expect(cae.nodes.filter((x) => x.parentId === 'cae_1.1.1').map((x) => x.pointReferentiel)).toEqual([0.6, 0.6, 1.2, 0.6, 3.6, 1.2, 4.2]);
    expect(cae.nodes.filter((x) => x.parentId === 'cae_1.1.1.7').map((x) => x.pointReferentiel)).toEqual([1.4, 1.4, 1.4]);
    // Explicit 0 % regulatory sous-action, and tâches with written comma decimals (1 + 0,5 × 4 = 30 % of 10).
    expect(n.get('cae_1.1.2.0')).toMatchObject({ pourcentage: 0, pointReferentiel: 0 });
    expect(cae.nodes.filter((x) => x.parentId === 'cae_1.2.3.3').map((x) => [x.points, x.pointReferentiel])).toEqual([[1, 1], [0.5, 0.5], [0.5, 0.5], [0.5, 0.5], [0.5, 0.5]]);
    expect(n.get('cae_1.2.3.3')!.pointReferentiel).toBe(3);
  });

  it('keeps texts and meta: coremeasure, lists, raw personnalisation formulas', () => {
    expect(cae.nodes.filter((x) => x.meta.coremeasure === 'true')).toHaveLength(36);
    const m = n.get('cae_1.2.3')!;
    expect(m.meta.personnalisationQuestions).toBe('dechets_1,dechets_2,dechets_3');
    expect(m.meta['regle.reduction']).toMatch(/^si reponse\(dechets_1, OUI\) et reponse\(dechets_2, OUI\)/);
    expect(m.meta['regle.reduction.description']).toContain('réduit de 25 %');
    expect(m.reductionPotentiel).toContain('<p>'); // HTML kept as is
    expect(n.get('cae_1.1.2.0.1')!.meta['regle.desactivation']).toMatch(/^si identite\(type, commune\) alors VRAI/);
    expect(n.get('cae_3.3.5')!.meta['regle.score']).toBe('min(score(cae_1.2.3), score(cae_3.3.5))');
    expect(n.get('cae_1.2.3.3.1')!.meta.exprScore).toMatch(/^si val\(cae_6\.a\) > limite\(cae_6\.a\)/);
    expect(n.get('cae_1.1.1')!.description).toMatch(/^La collectivité définit une vision/);
    expect(n.get('cae_1.1.1')!.contexte).toContain('\n'); // quoted multi-line field kept whole
    const regles = ['regle.desactivation', 'regle.reduction', 'regle.score'].map((k) => cae.nodes.filter((x) => k in x.meta).length);
    expect(regles.reduce((a, b) => a + b)).toBe(93); // §8: 93 personnalisation rules
  });

  it('reads the 130 expected-preuve definitions (132 links)', () => {
    expect(cae.preuvesAttendues).toHaveLength(130);
    expect(cae.preuvesAttendues.reduce((s, p) => s + p.nodeIds.length, 0)).toBe(132);
    const diag = cae.preuvesAttendues.find((p) => p.id === 'rapport_diag_pcaet')!;
    expect(diag).toMatchObject({ nom: "Rapports diagnostic, stratégie et plan d'actions du PCAET", nodeIds: ['cae_1.1.1.3', 'cae_1.1.2.1'] });
    expect(diag.description).toMatch(/^<p>PCAET avec EES/);
  });
});

describeWithSharedData('parseTeteCsv — real ECi and TE', () => {
  it('ECi: 367 nodes + root, 500 pts (axes 90/80/180/60/90), actionLevel 2, 176 preuves (183 links)', () => {
    const eci = parseTeteCsv({ structure: file(DATA.eciStructure), preuves: file(DATA.eciPreuves) });
    expect(eci).toMatchObject({ id: 'eci', nom: 'Économie circulaire', actionLevel: 2, redistribution: true });
    expect(eci.hierarchie).toEqual(['referentiel', 'axe', 'action', 'sous-action', 'tache']);
    expect(eci.nodes).toHaveLength(368);
    expect(countByDepth(eci)).toEqual([1, 5, 21, 80, 261]);
    expect(eci.nodes[0]!.pointReferentiel).toBe(500);
    expect(eci.nodes.filter((x) => x.depth === 1).map((x) => x.pointReferentiel)).toEqual([90, 80, 180, 60, 90]);
    const n = byId(eci);
    expect(n.get('eci_2.4.0')).toMatchObject({ type: 'sous-action', pointReferentiel: 0 });
    expect(n.get('eci_2.4')).toMatchObject({ type: 'action', pointReferentiel: 20 });
    expect(eci.preuvesAttendues).toHaveLength(176);
    expect(eci.preuvesAttendues.reduce((s, p) => s + p.nodeIds.length, 0)).toBe(183);
    expectNaturalDepthFirst(eci);
  });

  it('TE: 663 nodes + root, letters in identifiants, no redistribution, 550 pts', () => {
    const te = parseTeteCsv({ structure: file(DATA.teStructure) });
    expect(te).toMatchObject({ id: 'te', nom: 'Climat Ressources (TE)', redistribution: false, actionLevel: 3 });
    expect(te.avertissement).toMatch(/évolution/);
    expect(te.nodes).toHaveLength(664);
    expect(countByDepth(te)).toEqual([1, 6, 20, 127, 431, 79]);
    expect(te.nodes[0]!.pointReferentiel).toBe(550);
    const n = byId(te);
    expect(n.get('te_1.1.1alter.1')).toMatchObject({ parentId: 'te_1.1.1alter', type: 'sous-action', points: 3, pointReferentiel: 3 });
    expect(n.get('te_1.1.6.3.a')).toMatchObject({ parentId: 'te_1.1.6.3', type: 'exemple' });
    expect(n.get('te_1.1.1')!.meta.coremeasure).toBe('true');
    expect(n.get('te_1.1.1.1')!.meta.origine).toBe('Cae_1.1.2.2.3');
    expect(te.preuvesAttendues).toEqual([]);
  });
});

const HEADER = 'identifiant,nom,description,points,pourcentage,categorie,Coremeasure';

describe('parseTeteCsv — small inline files', () => {
  it('BOM, quoted multi-line text, comma decimals, equal split, explicit 0, natural order (1.10 after 1.9)', () => {
    const children = Array.from({ length: 10 }, (_, i) => `1.1.${i + 1},Tâche ${i + 1},,,,,`).reverse();
    const text = [
      `\uFEFF${HEADER}`,
      '1,Axe un,"Sur',
      'deux lignes, avec ""guillemets""",,,,x',
      '1.1,Mesure,,"7,5",,,',
      ...children,
      '2,Axe deux,,2,,,',
      '2.1,A,,,0,,',
      '2.2,B,,,,Bases,',
      '2.3,C,,,,,',
    ].join('\r\n');
    const r = parseTeteCsv({ structure: { name: 'referentiel-xyz.csv', text }, id: 'xyz', version: 'v9' });
    expect(r).toMatchObject({ id: 'xyz', version: 'v9', nom: 'Référentiel xyz', actionLevel: 2, hierarchie: ['referentiel', 'axe', 'action', 'sous-action', 'tache'] });
    const n = byId(r);
    expect(n.get('xyz_1')).toMatchObject({ description: 'Sur\ndeux lignes, avec "guillemets"', meta: { coremeasure: 'true' }, pointReferentiel: 7.5 });
    expect(n.get('xyz_1.1')).toMatchObject({ points: 7.5, type: 'action' });
    expect(r.nodes.filter((x) => x.parentId === 'xyz_1.1').map((x) => x.identifiant)).toEqual(Array.from({ length: 10 }, (_, i) => `1.1.${i + 1}`));
    expect(n.get('xyz_1.1.10')).toMatchObject({ ordre: 9, pointReferentiel: 0.75 });
    // 2.1 explicit 0 keeps 0; 2.2 and 2.3 share the 100 % equally → 1 pt each.
    expect(['2.1', '2.2', '2.3'].map((s) => n.get(`xyz_${s}`)!.pointReferentiel)).toEqual([0, 1, 1]);
    expect(n.get('xyz_2.2')!.categorie).toBe('bases');
    expect(r.nodes[0]!.pointReferentiel).toBe(9.5);
    expectNaturalDepthFirst(r);
  });

  it('an unknown id with 5-level identifiants is read like CAE', () => {
    const text = [HEADER, '1,A,,,,,', '1.1,B,,,,,', '1.1.1,C,,4,,,', '1.1.1.1,D,,,,,', '1.1.1.1.1,E,,,,,', '1.1.1.1.2,F,,,,,'].join('\n');
    const r = parseTeteCsv({ structure: { name: 'x.csv', text }, id: 'autre' });
    expect(r).toMatchObject({ actionLevel: 3, redistribution: true });
    expect(r.nodes.map((x) => [x.type, x.pointReferentiel])).toEqual([
      ['referentiel', 4],
      ['axe', 4],
      ['sous-axe', 4],
      ['action', 4],
      ['sous-action', 4],
      ['tache', 2],
      ['tache', 2],
    ]);
  });

  it('the étoiles are fresh copies (editing one referential never changes another)', () => {
    const text = [HEADER, '1,A,,5,,,'].join('\n');
    const a = parseTeteCsv({ structure: { name: 'referentiel-cae-structure.csv', text } });
    a.niveaux[1]!.seuil = 0.9;
    expect(parseTeteCsv({ structure: { name: 'referentiel-cae-structure.csv', text } }).niveaux[1]!.seuil).toBe(0.35);
  });
});
