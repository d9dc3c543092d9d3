import { describe, expect, it } from 'vitest';
import { formatBytes, formatPercent, formatPoints, formatScoreText, toCliScore } from '../../electron/cli/format';
import { emptyNodeTexts, emptyNodeScore, type NodeScore, type Referential, type ReferentialNode, type ScoreResult } from '../../shared/domain';

function nodeScore(p: Partial<NodeScore>): NodeScore {
  return { ...emptyNodeScore(), totalTachesCount: 1, ...p };
}

function node(id: string, identifiant: string, depth: number, type: string, nom: string): ReferentialNode {
  return {
    id,
    parentId: depth === 0 ? null : 'x',
    identifiant,
    depth,
    type,
    nom,
    ...emptyNodeTexts(),
    pointReferentiel: 0,
    ordre: 0,
  };
}

// A two-axe referential of 100 points: axe 1 (60 points) with 21 fait and 9 programmé, axe 2 (40 points) non concerné.
const result: ScoreResult = {
  referential: { id: 'x', version: '2026' },
  root: {
    ...nodeScore({ pointReferentiel: 100, pointPotentiel: 60, pointFait: 21, pointProgramme: 9, pointPasFait: 0, pointNonRenseigne: 30, totalTachesCount: 4, completedTachesCount: 3 }),
    score: 0.35,
    completude: 0.75,
    niveau: { rang: 2, nom: '2 étoiles', seuil: 0.35 },
  },
  nodes: {
    x_1: nodeScore({ pointReferentiel: 60, pointPotentiel: 60, pointFait: 21, pointProgramme: 9, pointNonRenseigne: 30.0004, totalTachesCount: 2, completedTachesCount: 1 }),
    x_2: nodeScore({ pointReferentiel: 40, pointPotentiel: 0, concerne: false, statut: 'non_concerne', totalTachesCount: 2, completedTachesCount: 2 }),
  },
};

describe('toCliScore', () => {
  it('maps the root to the six point fields, score, completude and the niveau nom', () => {
    const cli = toCliScore(result);
    expect(cli.referential).toEqual({ id: 'x', version: '2026' });
    expect(cli.root).toEqual({
      pointReferentiel: 100,
      pointPotentiel: 60,
      pointFait: 21,
      pointProgramme: 9,
      pointPasFait: 0,
      pointNonRenseigne: 30,
      statut: null,
      concerne: true,
      desactive: false,
      pointPotentielPerso: null,
      totalTachesCount: 4,
      completedTachesCount: 3,
      faitTachesAvancement: 0,
      programmeTachesAvancement: 0,
      pasFaitTachesAvancement: 0,
      pasConcerneTachesAvancement: 0,
      score: 0.35,
      completude: 0.75,
      niveau: '2 étoiles',
    });
  });

  it('maps every node with its points rounded to 3 decimals, statut and counts', () => {
    const cli = toCliScore(result);
    expect(Object.keys(cli.nodes)).toEqual(['x_1', 'x_2']);
    expect(cli.nodes.x_1?.pointNonRenseigne).toBe(30);
    expect(cli.nodes.x_2).toEqual({
      pointReferentiel: 40,
      pointPotentiel: 0,
      pointFait: 0,
      pointProgramme: 0,
      pointPasFait: 0,
      pointNonRenseigne: 0,
      statut: 'non_concerne',
      concerne: false,
      desactive: false,
      pointPotentielPerso: null,
      totalTachesCount: 2,
      completedTachesCount: 2,
      faitTachesAvancement: 0,
      programmeTachesAvancement: 0,
      pasFaitTachesAvancement: 0,
      pasConcerneTachesAvancement: 0,
    });
  });

  it('gives niveau null when none is reached', () => {
    expect(toCliScore({ ...result, root: { ...result.root, niveau: null } }).root.niveau).toBeNull();
  });
});

describe('French number formatting', () => {
  it.each([
    [61.5, '61,5'],
    [500, '500'],
    [1000, '1000'],
    [0.3, '0,3'],
    [12.3456, '12,346'],
  ])('formatPoints(%d) = %s', (x, text) => expect(formatPoints(x)).toBe(text));

  it('never rounds a percentage up past a threshold (34,99 % stays under 35 %)', () => {
    expect(formatPercent(0.3499)).toBe('34,9 %');
    expect(formatPercent(0.35)).toBe('35,0 %');
    expect(formatPercent(1)).toBe('100,0 %');
    expect(formatPercent(null)).toBe('non calculable');
  });

  it('formats bytes', () => {
    expect(formatBytes(512)).toBe('512 octets');
    expect(formatBytes(1536)).toBe('1,5 Ko');
    expect(formatBytes(5 * 1024 * 1024)).toBe('5 Mo');
  });
});

describe('formatScoreText', () => {
  it('labels levels in French and uses the weighted ratio for RGESN-like referentials', () => {
    const referential: Referential = {
      id: 'w',
      version: '2024',
      nom: 'Pondéré',
      model: 'weighted',
      hierarchie: ['referentiel', 'thematique', 'critere'],
      actionLevel: 1,
      redistribution: false,
      niveaux: [],
      avertissement: null,
      nodes: [node('w', '', 0, 'referentiel', 'Pondéré'), node('w_1', '1', 1, 'thematique', 'Stratégie'), node('w_2', '2', 1, 'thematique', 'Contenus')],
      preuvesAttendues: [],
    };
    // Thématique 1: conforme 1.5 (prioritaire) + non conforme 1.25 (recommandé) → 1.5 / 2.75 = 54.54 % → "54,5 %".
    const weighted: ScoreResult = {
      referential: { id: 'w', version: '2024' },
      root: { ...nodeScore({ pointReferentiel: 5, pointPotentiel: 5, pointFait: 1.5, pointPasFait: 1.25, pointNonRenseigne: 2.25 }), score: 1.5 / 2.75, completude: 0.5, niveau: null },
      nodes: {
        w_1: nodeScore({ pointReferentiel: 2.75, pointPotentiel: 2.75, pointFait: 1.5, pointPasFait: 1.25 }),
        w_2: nodeScore({ pointReferentiel: 2.25, pointPotentiel: 2.25, pointNonRenseigne: 2.25 }),
      },
    };
    const lines = formatScoreText(referential, weighted).split('\n');
    expect(lines[1]).toBe('Score : 54,5 %');
    expect(lines[5]).toBe('Thématique 1 Stratégie : 54,5 % — fait 1,5 · programmé 0 · pas fait 1,25 · non renseigné 0 / potentiel 2,75 points');
    expect(lines[6]).toBe('Thématique 2 Contenus : non calculable — fait 0 · programmé 0 · pas fait 0 · non renseigné 2,25 / potentiel 2,25 points');
  });

  it('prints the root summary then one line per axe', () => {
    const referential: Referential = {
      id: 'x',
      version: '2026',
      nom: 'Référentiel X',
      model: 'tete',
      hierarchie: ['referentiel', 'axe'],
      actionLevel: 1,
      redistribution: true,
      niveaux: [
        { rang: 1, nom: '1 étoile', seuil: 0 },
        { rang: 2, nom: '2 étoiles', seuil: 0.35 },
      ],
      avertissement: null,
      nodes: [node('x', '', 0, 'referentiel', 'Référentiel X'), node('x_1', '1', 1, 'axe', 'Planifier'), node('x_2', '2', 1, 'axe', 'Mobilité')],
      preuvesAttendues: [],
    };
    expect(formatScoreText(referential, result).split('\n')).toEqual([
      'Référentiel X (x, version 2026)',
      'Score : 35,0 % — seuil de score atteint : 2 étoiles',
      'Complétude : 75,0 % (une demande de labellisation exige aussi 100 % de complétude et les critères par mesure)',
      'Points : fait 21 · programmé 9 · pas fait 0 · non renseigné 30 / potentiel 60 points',
      '',
      'Axe 1 Planifier : 35,0 % — fait 21 · programmé 9 · pas fait 0 · non renseigné 30 / potentiel 60 points',
      'Axe 2 Mobilité : non concerné — fait 0 · programmé 0 · pas fait 0 · non renseigné 0 / potentiel 0 points',
    ]);
  });
});
