/**
 * What rapport.pdf and the grid show, read back as text (pdftotext): the model's headline ratio (ratioFait), French
 * dates and thousands separators, pilotes of sous-actions / tâches on their mesure, undrawable characters as « ▯ ».
 */
import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { emptyNodeScore, type NodeScore } from '../../../shared/domain';
import { buildPack } from '../../../electron/core/pack/index';
import { countFr, dateShortFr, scoreLineFr, shareFr, sharesOf, showsNiveau, truncatedFraction } from '../../../electron/core/pack/format';
import { MAX_CELL_CHARS, buildGrid, fitCell } from '../../../electron/core/pack/grid';
import { PLACEHOLDER, drawableText } from '../../../electron/core/pack/pdf-text';
import type { PackInput } from '../../../electron/core/pack/types';
import { BYTES, makeInput, score, sha } from './fixture';
import { entryMap } from './zip-read';

const NNBSP = '\u202f';

/** A NodeScore with only the fields the ratios read set (the rest 0 / concerné). */
function ns(p: Partial<NodeScore>): NodeScore {
  return { ...emptyNodeScore(), renseigne: true, ...p };
}

describe('pack ratios follow ratioFait (one headline ratio per model)', () => {
  it('weighted (RGESN): conforme ÷ evaluated weights, non évalué left out; conforme + non conforme = 100 %', () => {
    const s = ns({ pointPotentiel: 20, pointFait: 6, pointPasFait: 2, pointNonRenseigne: 12 });
    expect(sharesOf('weighted', s)).toEqual({ fait: 0.75, programme: 0, pasFait: 0.25 });
    expect(shareFr('weighted', s)).toBe('75,0 %');
    expect(shareFr('weighted', ns({ pointPotentiel: 20, pointNonRenseigne: 20 }))).toBe('non calculable');
    const root = { ...s, score: 0.75, completude: 0.4, niveau: null };
    expect(scoreLineFr('weighted', { ...root, pointReferentiel: 20.5 })).toEqual({
      label: 'Score',
      value: '75,0 % des critères évalués (pondérés) — 6 pts conformes sur 8 évalués, 20,5 au total',
    });
    expect(scoreLineFr('points', { ...root, pointPotentiel: 1111, pointFait: 156 })).toEqual({ label: 'Score global', value: '156 / 1\u202f111 points (14,0 %)' });
  });

  it('tete / points: fait ÷ potentiel; TETE at 0 potentiel judged on its leaves (§2.2); points at 0 potentiel: non concerné', () => {
    expect(sharesOf('points', ns({ pointPotentiel: 30, pointFait: 10, pointProgramme: 5, pointPasFait: 15 }))).toEqual({ fait: 1 / 3, programme: 1 / 6, pasFait: 0.5 });
    const zero = ns({ totalTachesCount: 4, completedTachesCount: 4, faitTachesAvancement: 3, pasFaitTachesAvancement: 1 });
    expect(sharesOf('tete', zero)).toEqual({ fait: 0.75, programme: 0, pasFait: 0.25 });
    expect(shareFr('tete', zero)).toBe('75,0 %');
    expect(sharesOf('points', zero)).toEqual({ fait: null, programme: null, pasFait: null });
    expect(shareFr('points', zero)).toBe('non concerné');
  });

  it('the grid stores % truncated to tenths of a percent, so Excel never shows 35,0 % for 34,99 %', () => {
    expect(truncatedFraction(0.34996)).toBe(0.349);
    expect(truncatedFraction(2 / 3)).toBe(0.666);
    expect(truncatedFraction(0.35)).toBe(0.35);
    expect(truncatedFraction(null)).toBeNull();
  });

  it('an RGESN-like grid: % fait of the Total row and of each node is conforme ÷ évalués', () => {
    const { input } = makeInput();
    const weighted: PackInput = {
      ...input,
      referential: { ...input.referential, model: 'weighted', niveaux: [] },
      score: {
        ...score,
        root: { ...ns({ pointReferentiel: 50, pointPotentiel: 50, pointFait: 12, pointPasFait: 4, pointNonRenseigne: 34 }), score: 0.75, completude: 0.3, niveau: null },
        nodes: { ...score.nodes, t_1: ns({ pointReferentiel: 20, pointPotentiel: 20, pointFait: 1, pointPasFait: 2, pointNonRenseigne: 17 }) },
      },
    };
    const grid = buildGrid(weighted, () => []);
    expect(grid.rows[0]?.values.slice(4, 12)).toEqual([50, 50, 12, 0.75, 0, 0, 4, 0.25]);
    expect(grid.rows[1]?.values.slice(4, 12)).toEqual([20, 20, 1, 0.333, 0, 0, 2, 0.666]);
  });
});

describe('grid cells within Excel\'s 32 767 characters', () => {
  it('cuts a longer text and says where the whole text is', () => {
    const long = 'é'.repeat(40_000);
    const cut = fitCell(long) as string;
    expect(cut).toHaveLength(MAX_CELL_CHARS);
    expect(cut.endsWith('… (texte tronqué, voir audit.json)')).toBe(true);
    expect(fitCell('court')).toBe('court');
    expect(fitCell(12.5)).toBe(12.5);
    const emoji = fitCell('📷'.repeat(20_000)) as string; // never half a surrogate pair
    expect(emoji.length).toBeLessThanOrEqual(MAX_CELL_CHARS);
    expect(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/.test(emoji)).toBe(false);
  });

  it('applies to the explication column of the grid (XLSX and CSV are written from it)', () => {
    const { input } = makeInput();
    const statuts = new Map(input.statuts);
    statuts.set('t_2.1.1.2', { ...statuts.get('t_2.1.1.2')!, explication: 'x'.repeat(50_000) });
    const row = buildGrid({ ...input, statuts }, () => []).rows.find((r) => r.values[0] === '2.1.1.2');
    expect((row?.values[13] as string).length).toBe(MAX_CELL_CHARS);
  });
});

describe('French formats of the report', () => {
  it('shows the seuil de score only for referentials with niveaux, never for TETE te without redistribution', () => {
    const niveaux = [{ rang: 1, nom: '1 étoile', seuil: 0 }];
    expect(showsNiveau({ id: 'cae', niveaux, redistribution: true })).toBe(true);
    expect(showsNiveau({ id: 'te', niveaux, redistribution: false })).toBe(false);
    expect(showsNiveau({ id: 'rgesn', niveaux: [], redistribution: false })).toBe(false);
  });

  it.each([
    ['2027-03-15', '15/03/2027'],
    ['2026-06-30T00:00:00.000Z', '30/06/2026'],
    ['bientôt', 'bientôt'],
  ])('dateShortFr(%j) = %j', (iso, fr) => {
    expect(dateShortFr(iso)).toBe(fr);
  });

  it('counts get the narrow no-break space between thousands', () => {
    expect(countFr(1111)).toBe(`1${NNBSP}111`);
    expect(countFr(156)).toBe('156');
  });
});

describe('drawableText (characters the embedded font cannot draw)', () => {
  // A toy font: ASCII, Latin-1, the placeholder and U+FE0F; no emoji.
  const clean = drawableText((cp) => cp < 0x100 || cp === 0x25af || cp === 0xfe0f);
  it.each([
    ['Photo 📷 chantier.pdf', `Photo ${PLACEHOLDER} chantier.pdf`],
    ['famille 👨‍👩‍👧 (une seule grappe)', `famille ${PLACEHOLDER} (une seule grappe)`],
    ['coche ✅️', `coche ${PLACEHOLDER}`],
    ['e\u0301te\u0301', 'été'], // NFD file name (macOS) → composed
    ['ligne 1\r\nligne 2\tfin\r', 'ligne 1\nligne 2 fin\n'], // tab → space, CR LF → LF
    ['bip\u0007 nul\u0000 fin\u009b', 'bip nul fin'], // control characters dropped
    ['mot\u200bcoupé', 'motcoupé'], // zero-width space: invisible, dropped when the font lacks it
    ['中文', `${PLACEHOLDER}${PLACEHOLDER}`],
  ])('%j → %j', (text, out) => {
    expect(clean(text)).toBe(out);
  });
});

describe.runIf(existsSync('/usr/bin/pdftotext'))('rapport.pdf read back with pdftotext', () => {
  let text = '';
  let raw = '';
  beforeAll(async () => {
    const { input, dir, storePath } = makeInput();
    const photo = Buffer.from('photo du chantier');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(join(storePath(sha(photo)), '..'), { recursive: true });
    writeFileSync(storePath(sha(photo)), photo);
    const report: PackInput = {
      ...input,
      score: { ...input.score, root: { ...input.score.root, completedTachesCount: 156, totalTachesCount: 1111, completude: 156 / 1111 } },
      pilotes: new Map([
        ['t_1.1.1', { personnes: ['Camille Lefèvre'], services: [], echeance: '2026-06-30' }],
        ['t_1.1.1.2', { personnes: ['Élodie Marchand', 'Camille Lefèvre'], services: ['Service urbanisme'], echeance: '2027-03-15' }],
        ['t_1.1.1.2.1', { personnes: ['Élodie Marchand'], services: ['Service urbanisme'], echeance: null }],
        ['t_2.1.1.2', { personnes: ['Noé Dupré'], services: [], echeance: null }],
      ]),
      preuves: [
        ...input.preuves,
        { id: 'p7', kind: 'fichier', titre: 'Photo 📷 chantier.jpg', fileName: 'Photo 📷 chantier.jpg', size: photo.length, sha256: sha(photo), url: null, addedAt: '2026-02-03T09:00:00.000Z', nodeIds: ['t_2.1.1.2'] },
      ],
    };
    const out = join(dir, 'report.zip');
    await buildPack(report, out);
    const pdfPath = join(dir, 'rapport.pdf');
    writeFileSync(pdfPath, (await entryMap(out)).get('rapport.pdf') as Buffer);
    // pdftotext writes the narrow no-break space as a plain space.
    text = execFileSync('pdftotext', ['-layout', pdfPath, '-'], { encoding: 'utf8' }).replace(/[\u202f\u00a0]/g, ' ');
    // -raw: text in drawing order, so a table cell's wrapped lines follow each other.
    raw = execFileSync('pdftotext', ['-raw', pdfPath, '-'], { encoding: 'utf8' }).replace(/[\u202f\u00a0]/g, ' ').replace(/\s+/g, ' ');
  });

  it('writes counts with thousands separators and the score with the headline ratio', () => {
    expect(text).toContain('Complétude : 14,0 % (156 / 1 111 éléments renseignés)');
    expect(text).toContain('Score global : 20 / 50 points (40,0 %)');
    expect(text).toContain('Seuil de score atteint : 2 étoiles');
    expect(text).toContain('(une demande de labellisation exige aussi 100 % de complétude et les critères par mesure)');
    expect(text).toContain('Population : 12 345 habitants');
  });

  it('lists the pilotes of the mesure and of its sous-actions / tâches, each once, and échéances as 15/03/2027', () => {
    expect(raw).toContain('Camille Lefèvre, Élodie Marchand, Service urbanisme Échéance : 30/06/2026 Échéance 1.1.1.2 : 15/03/2027');
    expect(raw.match(/Élodie Marchand/g)).toHaveLength(1);
    expect(raw).toContain('Noé Dupré'); // set on sous-action 2.1.1.2 only
    expect(text.replace('version 2026-01-01', '')).not.toMatch(/\d{4}-\d{2}-\d{2}/); // the referential's version aside, no ISO date
  });

  it('shows an emoji of a file name as « ▯ », never « � » nor a silent gap', () => {
    expect(text).toContain(`Photo ${PLACEHOLDER} chantier.jpg`);
    expect(text).not.toContain('\ufffd');
    expect(text).not.toContain('📷');
  });

  it('still shows the fixture preuves (the emoji file did not push anything out)', () => {
    expect(text).toContain('Rapport manquant (fichier');
    expect(BYTES.deliberation.length).toBeGreaterThan(0);
  });
});
