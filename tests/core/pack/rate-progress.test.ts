/**
 * RGAA (rate) and the guide NR (progress) packs: the CLI, grille.csv / grille.xlsx, rapport.pdf and audit.json say
 * the same thing, a taux just under 50 % is never « Partiellement conforme », and audit.json stays valid.
 */
import Ajv from 'ajv';
import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatScoreText } from '../../../electron/cli/format';
import type { Core } from '../../../electron/core/core';
import { axeColumnTitles } from '../../../electron/core/pack/report-pdf';
import { countOf, leafCountsFr, leafTotalFr, niveauHeading, scoreLineFr, shareFr, sharesOf } from '../../../electron/core/pack/format';
import { emptyNodeScore, type NodeScore, type RootScore } from '../../../shared/domain';
import { DATA, describeWithSharedData } from '../../helpers/shared-data';
import { memoryCore } from '../helpers/context';
import { entryMap } from './zip-read';

const score = (over: Partial<NodeScore>): NodeScore => ({ ...emptyNodeScore(), ...over });
const root = (over: Partial<RootScore>): RootScore => ({ ...emptyNodeScore(), score: null, completude: 0, niveau: null, ...over });

describe('pack wording of the rate and progress models', () => {
  it('shares: rate over conformes + non conformes, progress over fait + programmé + pas fait; nothing evaluated → null', () => {
    // 3 conformes, 1 non conforme, 2 non évalués: 75 % / 25 %.
    expect(sharesOf('rate', score({ pointFait: 3, pointPasFait: 1, pointNonRenseigne: 2, pointPotentiel: 6 }))).toEqual({ fait: 0.75, programme: 0, pasFait: 0.25 });
    // 2 faites, 1 programmée, 1 pas faite (4 renseignées), 5 non renseignées: 50 / 25 / 25 %.
    expect(sharesOf('progress', score({ pointFait: 2, pointProgramme: 1, pointPasFait: 1, pointNonRenseigne: 5, pointPotentiel: 9 }))).toEqual({ fait: 0.5, programme: 0.25, pasFait: 0.25 });
    expect(sharesOf('progress', score({ pointNonRenseigne: 5, pointPotentiel: 5 }))).toEqual({ fait: null, programme: null, pasFait: null });
    expect(shareFr('rate', score({ pointNonRenseigne: 2, pointPotentiel: 2 }))).toBe('non calculable');
    expect(shareFr('progress', score({ concerne: false }))).toBe('non calculable');
  });

  it('score line, counts, headings and column titles in the model’s words (singular up to 1)', () => {
    const r = root({ pointFait: 1, pointPasFait: 2, pointPotentiel: 5, pointNonRenseigne: 2, pointReferentiel: 6, totalTachesCount: 6, completedTachesCount: 4,
      faitTachesAvancement: 1, pasFaitTachesAvancement: 2, pasConcerneTachesAvancement: 1 });
    expect(scoreLineFr('rate', { ...r, score: 1 / 3 })).toEqual({ label: 'Taux de conformité', value: '33,3 % des critères applicables évalués — 1 conforme sur 3 (6 critères, 1 non applicable)' });
    expect(leafCountsFr('rate', r)).toBe('1 conforme · 2 non conformes · 2 non évalués · 1 non applicable');
    expect(leafCountsFr('progress', r)).toBe('1 faite · 0 programmée · 2 pas faites · 2 non renseignées · 1 non concernée');
    expect(leafCountsFr('points', r)).toBeNull();
    expect(scoreLineFr('progress', root({ totalTachesCount: 59, pointPotentiel: 59, pointNonRenseigne: 59 }))).toEqual({
      label: 'Avancement',
      value: 'non calculable, aucune pratique applicable renseignée (59 pratiques, 0 non concernée)',
    });
    expect(niveauHeading('rate').label).toBe('Conformité RGAA');
    expect(niveauHeading('tete').label).toBe('Seuil de score atteint');
    expect(axeColumnTitles('rate')).toEqual(['Applicables', 'Conformes', '% conforme (évalués)', 'Programmé', 'Non conformes']);
    expect(axeColumnTitles('progress')[2]).toBe('% fait (renseignées)');
    expect(axeColumnTitles('weighted')[2]).toBe('% conforme (évalués)');
    expect([leafTotalFr('rate', 106), leafTotalFr('progress', 1), leafTotalFr('points', 1000)]).toEqual(['106 critères', '1 pratique', null]);
    expect(countOf(0, 'non conforme', 'non conformes')).toBe('0 non conforme');
  });
});

describeWithSharedData('RGAA pack: 52 conformes of 105 applicables (49,5 %) is « Non conforme » everywhere', () => {
  let core: Core;
  let cleanup: () => void;
  let entries: Map<string, Buffer>;
  let dir = '';
  beforeAll(async () => {
    ({ core, cleanup } = memoryCore());
    dir = core.ctx.dataDir;
    core.referentials.import([DATA.rgaa]);
    // 1.1 non applicable; of the 105 others (file order), 52 conformes then 53 non conformes: 52 / 105 = 49,52 %.
    const criteres = core.referentials.get('rgaa').nodes.filter((n) => n.depth === 2);
    criteres.forEach((c, i) => core.statuts.set({ referentialId: 'rgaa', nodeId: c.id, statut: i === 0 ? 'non_applicable' : i <= 52 ? 'conforme' : 'non_conforme' }));
    entries = await entryMap((await core.pack.export('rgaa')).path);
  }, 60_000);
  afterAll(() => cleanup());

  it('CLI: 49,5 %, « Non conforme », the counts', () => {
    const s = core.scores.get('rgaa');
    expect(s.root.score).toBe(52 / 105);
    const text = formatScoreText(core.referentials.get('rgaa'), s).split('\n');
    expect(text.slice(0, 5)).toEqual([
      'RGAA 4.1.2 — accessibilité numérique (rgaa, version 4.1.2)',
      'Taux de conformité : 49,5 % des critères applicables évalués — 52 conformes sur 105 (106 critères, 1 non applicable)',
      'Conformité RGAA : Non conforme',
      'Complétude : 100,0 %',
      'Critères : 52 conformes · 53 non conformes · 0 non évalué · 1 non applicable',
    ]);
    // Images: 1.1 non applicable, 1.2 … 1.9 conformes (8 of 8).
    expect(text[6]).toBe('Thématique 1 Images : 100,0 % — 8 conformes · 0 non conforme · 0 non évalué · 1 non applicable');
  });

  it('grille.csv / grille.xlsx: 49,5 on the Total row; audit.json valid, model rate, niveau « Non conforme »', async () => {
    const csv = (entries.get('grille.csv') as Buffer).toString('utf8').split('\r\n');
    expect(csv.find((l) => l.startsWith('Total;'))?.split(';').slice(4, 12)).toEqual(['106', '105', '52', '49,5', '0', '0', '53', '50,4']);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(entries.get('grille.xlsx') as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('Grille');
    const totalRow = sheet?.getColumn(1).values.findIndex((v) => v === 'Total') ?? -1;
    expect(sheet?.getRow(totalRow).getCell(8).value).toBe(0.495);
    const audit = JSON.parse((entries.get('audit.json') as Buffer).toString('utf8'));
    const ajv = new Ajv({ allErrors: true, strict: false });
    ajv.validate(JSON.parse((entries.get('audit.schema.json') as Buffer).toString('utf8')), audit);
    expect(ajv.errors ?? []).toEqual([]);
    expect(audit.referential.model).toBe('rate');
    expect(audit.score.niveau).toEqual({ rang: 1, nom: 'Non conforme', seuil: 0 });
  });

  it('rapport.pdf: the taux, « Conformité RGAA : Non conforme », never « Partiellement conforme » reached', () => {
    if (!existsSync('/usr/bin/pdftotext')) return;
    const pdfPath = join(dir, 'rapport-rgaa.pdf');
    writeFileSync(pdfPath, entries.get('rapport.pdf') as Buffer);
    const text = execFileSync('pdftotext', ['-layout', pdfPath, '-'], { encoding: 'utf8' }).replace(/[\u202f\u00a0]/g, ' ');
    expect(text).toContain('Taux de conformité : 49,5 % des critères applicables évalués — 52 conformes sur 105 (106 critères, 1 non applicable)');
    expect(text).toContain('Conformité RGAA : Non conforme');
    expect(text).not.toContain('Conformité RGAA : Partiellement');
    expect(text).not.toContain('Seuil de score');
    expect(text).toContain('Critères : 52 conformes · 53 non conformes · 0 non évalué · 1 non applicable');
    expect(text).toMatch(/1\s+Images\s+8\s+8\s+100,0 %/);
  });
  it('rapport.pdf in English: the score line, the counts and the niveau label without a French word (issue 8 item 2)', async () => {
    if (!existsSync('/usr/bin/pdftotext')) return;
    const pdfPath = join(dir, 'rapport-rgaa-en.pdf');
    writeFileSync(pdfPath, (await entryMap((await core.pack.export('rgaa', { lang: 'en' })).path)).get('rapport.pdf') as Buffer);
    const text = execFileSync('pdftotext', ['-layout', pdfPath, '-'], { encoding: 'utf8' }).replace(/[\u202f\u00a0]/g, ' ');
    expect(text).toContain('Criteria: 52 compliant · 53 not compliant · 0 not evaluated · 1 not applicable');
    expect(text).toContain('RGAA compliance: Non conforme');
    expect(text).not.toMatch(/Critères :|\d conformes|non évalué|calculée sur|Taux de conformité|Conformité RGAA/);
  });
});

describeWithSharedData('guide NR pack: avancement over the renseignées', () => {
  let core: Core;
  let cleanup: () => void;
  let entries: Map<string, Buffer>;
  beforeAll(async () => {
    ({ core, cleanup } = memoryCore());
    core.referentials.import([DATA.guideNr]);
    // a.1, a.2 faites, a.3 programmée, a.4 pas faite, h.1 non concernée: 2 / 4 = 50 %.
    for (const [nodeId, statut] of [['gbp-nr_a.1', 'fait'], ['gbp-nr_a.2', 'fait'], ['gbp-nr_a.3', 'programme'], ['gbp-nr_a.4', 'pas_fait'], ['gbp-nr_h.1', 'non_concerne']] as const) {
      core.statuts.set({ referentialId: 'gbp-nr', nodeId, statut });
    }
    entries = await entryMap((await core.pack.export('gbp-nr')).path);
  }, 60_000);
  afterAll(() => cleanup());

  it('CLI and grille.csv agree: 50 % fait, 25 % programmé, 25 % pas fait of the 4 renseignées', () => {
    const text = formatScoreText(core.referentials.get('gbp-nr'), core.scores.get('gbp-nr')).split('\n');
    expect(text[1]).toBe('Avancement : 50,0 % des pratiques applicables renseignées — 2 faites sur 4 (59 pratiques, 1 non concernée)');
    expect(text[3]).toBe('Pratiques : 2 faites · 1 programmée · 1 pas faite · 54 non renseignées · 1 non concernée');
    expect(text[5]).toBe('Famille a Stratégie et gouvernance : 50,0 % — 2 faites · 1 programmée · 1 pas faite · 4 non renseignées · 0 non concernée');
    const csv = (entries.get('grille.csv') as Buffer).toString('utf8').split('\r\n');
    expect(csv.find((l) => l.startsWith('Total;'))?.split(';').slice(4, 12)).toEqual(['59', '58', '2', '50', '1', '25', '1', '25']);
    expect(csv.find((l) => l.startsWith('b;'))?.split(';')[7]).toBe(''); // nothing renseigné: not computable, never 0
  });
});
