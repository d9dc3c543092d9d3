/**
 * No French UI word left in an English pack (issue 8 item 2: "every message, error and export in the chosen
 * language"). rapport.pdf of the demo workspace (real CAE, with its personnalisation, and Label NR) is exported in
 * both languages and read back with pdftotext: the French one has every word of FRENCH_UI_WORDS, the English one
 * none. Referential content (node titles, niveau names such as « 1 étoile », questions) and people's text
 * (justifications, explications) stay as they are, so the list holds only words the app writes itself, matched
 * where they cannot be content. `_manifeste/fichiers-manquants.txt` and liens.csv follow the pack's language too.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../electron/core/core';
import { fitCell, MAX_CELL_CHARS } from '../../../electron/core/pack/grid';
import { buildPack } from '../../../electron/core/pack/index';
import { describeWithSharedData } from '../../helpers/shared-data';
import { makeInput } from './fixture';
import { entryMap } from './zip-read';

/**
 * Words and phrases only the app writes in a French report (headings, labels, column titles, statut labels, the
 * cover's reminder, the Personnalisation page, the explication's `N° : ` prefix, the footer). Each is a RegExp so
 * that a word that is also content (« Fait » inside a title) is matched only where the app writes it.
 */
const FRENCH_UI_WORDS: Array<[string, RegExp]> = [
  ['Rapport d’audit', /Rapport d’audit/],
  ['Collectivité :', /Collectivité :/],
  ['Jalon :', /Jalon :/],
  ['Complétude', /Complétude/],
  ['éléments renseignés', /éléments renseignés/],
  ['Seuil de score atteint', /Seuil de score atteint/],
  ['labellisation exige', /labellisation exige/],
  ['Seuils :', /Seuils :/],
  ['Points programmés', /Points programmés/],
  ['Scores par', /Scores par/],
  ['Détail par', /Détail par/],
  ['Intitulé', /Intitulé/],
  ['Explication', /Explication/],
  ['Pilotes', /Pilotes/],
  ['Preuves', /Preuves/],
  ['Points faits / potentiel', /Points faits/],
  ['statut Fait', /\bFait : \d/],
  ['statut Programmé', /Programmé : \d/],
  ['statut Pas fait', /Pas fait : \d/],
  ['statut Détaillé à la tâche', /Détaillé à la/],
  ['Échéance', /Échéance/],
  ['Personnalisation', /Personnalisation/],
  ['Identité de la collectivité', /Identité de la collectivité/],
  ['habitants', /\d habitants/],
  ['métropole', /· métropole/],
  ['Réponse', /Réponse/],
  ['Par, le', /Par, le/],
  ['Oui', /\bOui\b/],
  ['non prise en compte', /non prise en compte/],
  ['Conséquences sur le référentiel', /Conséquences sur le référentiel/],
  ['Effet', /\bEffet\b/],
  ['désactivé', /désactivé/],
  ['potentiel ×', /potentiel ×/],
  ['explication « N° : »', /\d\.\d+ : [A-ZÉ]/],
  ['Preuves manquantes', /Preuves manquantes/],
  ['sans aucune preuve', /sans aucune preuve/],
  ['Fichiers non inclus', /Fichiers non inclus/],
  ['jalon « » in the footer', /jalon « /],
  ['Historique', /Historique/],
  ['modification(s) enregistrée(s)', /modification\(s\) enregistrée\(s\)/],
  ['Toutes les modifications', /Toutes les modifications|dernières modifications/],
];

/** Text of a PDF, one line per text line, narrow and no-break spaces as plain spaces. */
function pdfText(pdf: Buffer, dir: string, name: string): string {
  const path = join(dir, name);
  writeFileSync(path, pdf);
  return execFileSync('pdftotext', ['-raw', path, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }).replace(/[\u202f\u00a0]/g, ' ');
}

const found = (text: string) => FRENCH_UI_WORDS.filter(([, re]) => re.test(text)).map(([w]) => w);

describeWithSharedData('an English pack of the demo workspace has no French UI word', () => {
  let dir = '';
  let core: Core;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'la-pack-en-'));
    core = createCore({ dataDir: dir, demo: true, log: () => {}, now: () => '2026-11-30T10:00:00.000Z' });
    // AOM_1 = Oui hides AOM_2: the Personnalisation page then has an answer « non prise en compte ».
    core.personnalisation.setReponse({ questionId: 'AOM_1', valeur: true });
  });
  afterAll(() => {
    core.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it.runIf(existsSync('/usr/bin/pdftotext'))(
    'CAE rapport.pdf: every listed French word in French, none in English, whose words are there instead',
    async () => {
      const fr = pdfText((await entryMap((await core.pack.export('cae')).path)).get('rapport.pdf')!, dir, 'fr.pdf');
      const en = pdfText((await entryMap((await core.pack.export('cae', { lang: 'en' })).path)).get('rapport.pdf')!, dir, 'en.pdf');
      expect(found(fr)).toEqual(FRENCH_UI_WORDS.map(([w]) => w));
      expect(found(en)).toEqual([]);
      for (const s of [
        '(a labelling application also requires 100% completeness and the criteria per measure)',
        'Customisation',
        'Identity of the local authority: commune · 12,400 inhabitants · mainland France.',
        '5% (not taken into account:',
        'Consequences on the referential',
        'potential × 0.75',
        'Detailed by task:',
        '1.1.1.1.1: Délibération du conseil',
        'Due: 15 Mar 2027',
        '— page 1 / ',
      ]) {
        expect(en).toContain(s);
      }
      // Referential content and people's text stay as typed: the niveau names, a question, a justification.
      expect(en).toContain('Score threshold reached: 1 étoile');
      expect(en).toContain('Part de la commune dans la communauté de');
    },
    120_000,
  );

  it.runIf(existsSync('/usr/bin/pdftotext'))(
    'Label NR rapport.pdf in English: none of the listed French words',
    async () => {
      const en = pdfText((await entryMap((await core.pack.export('label-nr', { lang: 'en' })).path)).get('rapport.pdf')!, dir, 'nr-en.pdf');
      expect(found(en)).toEqual([]);
      expect(en).toContain('Detail by criterion');
    },
    120_000,
  );

  it('a withheld confidentiel preuve and the links are written in the pack’s language; French unchanged', async () => {
    const p = core.preuves.addFile({ referentialId: 'label-nr', nodeId: core.referentials.get('label-nr').nodes[3]!.id, fileName: 'salaires.txt', bytes: new TextEncoder().encode('Salaires\n'), titre: 'Salaires' });
    core.preuves.update({ preuveId: p.id, confidentiel: true });
    const fr = await entryMap((await core.pack.export('label-nr')).path);
    const en = await entryMap((await core.pack.export('label-nr', { lang: 'en' })).path);
    const missingFr = fr.get('_manifeste/fichiers-manquants.txt')!.toString('utf8');
    const missingEn = en.get('_manifeste/fichiers-manquants.txt')!.toString('utf8');
    expect(missingFr).toMatch(/\/salaires\.txt — preuve confidentielle retenue \(fichier « Salaires »\) : non incluse dans le pack à la demande de la collectivité\n$/);
    expect(missingEn).toMatch(/\/salaires\.txt — confidential evidence withheld \(file “Salaires”\): not included in the pack at the local authority's request\n$/);
    const liens = (m: Map<string, Buffer>) => [...m].filter(([k]) => k.endsWith('/liens.csv')).map(([, v]) => v.toString('utf8'));
    expect(liens(fr).length).toBeGreaterThan(0);
    expect(liens(fr).every((t) => t.startsWith('\ufeffTitre;URL;Commentaire\r\n') && t.includes('Rattaché à : '))).toBe(true);
    expect(liens(en).every((t) => t.startsWith('\ufeffTitle;URL;Comment\r\n') && t.includes('Attached to: ') && !t.includes('Rattaché'))).toBe(true);
  }, 120_000);
});

describe('fichiers-manquants.txt in English (hand-built input with a file missing from the store)', () => {
  it('says why in English; the French pack keeps its French reason', async () => {
    const { input, dir } = makeInput();
    await buildPack(input, join(dir, 'fr.zip'));
    await buildPack({ ...input, lang: 'en' }, join(dir, 'en.zip'));
    const fr = (await entryMap(join(dir, 'fr.zip'))).get('_manifeste/fichiers-manquants.txt')!.toString('utf8');
    const en = (await entryMap(join(dir, 'en.zip'))).get('_manifeste/fichiers-manquants.txt')!.toString('utf8');
    expect(fr).toContain(' — fichier absent du magasin de preuves');
    expect(en).toContain(' — file absent from the evidence store');
    expect(en).not.toContain('fichier absent');
    expect(en.split('\n').length).toBe(fr.split('\n').length);
  });

  it('the grid marks a missing file and a withdrawn link in English; a cut cell ends in English', async () => {
    const { input, dir } = makeInput();
    await buildPack({ ...input, lang: 'en' }, join(dir, 'en.zip'));
    await buildPack(input, join(dir, 'fr.zip'));
    const en = (await entryMap(join(dir, 'en.zip'))).get('grille.csv')!.toString('utf8');
    const fr = (await entryMap(join(dir, 'fr.zip'))).get('grille.csv')!.toString('utf8');
    expect(fr).toContain(' (fichier manquant)');
    expect(fr).toContain(' (lien retiré : adresse non http(s))');
    expect(en).toContain(' (missing file)');
    expect(en).toContain(' (link removed: not an http(s) address)');
    expect(en).not.toMatch(/fichier manquant|lien retiré/);
    const sheets = async (zip: string) => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load((await entryMap(join(dir, zip))).get('grille.xlsx')! as unknown as ArrayBuffer);
      return wb.worksheets.map((w) => w.name);
    };
    expect([await sheets('fr.zip'), await sheets('en.zip')]).toEqual([['Grille'], ['Grid']]);
    expect((fitCell('x'.repeat(MAX_CELL_CHARS + 1), 'en') as string).endsWith('… (text cut, see audit.json)')).toBe(true);
    expect((fitCell('x'.repeat(MAX_CELL_CHARS + 1)) as string).endsWith('… (texte tronqué, voir audit.json)')).toBe(true);
  });

  it('writes the grid’s numbers with a decimal point in an English grille.csv (comma in French), numbers in grille.xlsx in both', async () => {
    const { input, dir } = makeInput();
    await buildPack({ ...input, lang: 'en' }, join(dir, 'en.zip'));
    await buildPack(input, join(dir, 'fr.zip'));
    const cells = async (zip: string) =>
      (await entryMap(join(dir, zip)))
        .get('grille.csv')!
        .toString('utf8')
        .split('\r\n')
        .map((line) => line.split(';'));
    const [fr, en] = [await cells('fr.zip'), await cells('en.zip')];
    expect(en.length).toBe(fr.length);
    let decimals = 0;
    fr.forEach((row, i) =>
      row.forEach((cell, j) => {
        if (/^-?\d+,\d+$/.test(cell)) {
          decimals++;
          expect(en[i]![j]).toBe(cell.replace(',', '.'));
        }
      }),
    );
    expect(decimals).toBeGreaterThan(0);
    expect(en.flat().some((c) => /^-?\d+,\d+$/.test(c))).toBe(false);
    const numbers = async (zip: string) => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load((await entryMap(join(dir, zip))).get('grille.xlsx')! as unknown as ArrayBuffer);
      const out: unknown[] = [];
      wb.worksheets[0]!.eachRow((row) => row.eachCell((c) => out.push(c.value)));
      return out.filter((v) => typeof v === 'number' && !Number.isInteger(v));
    };
    const [xfr, xen] = [await numbers('fr.zip'), await numbers('en.zip')];
    expect(xfr.length).toBeGreaterThan(0);
    expect(xen).toEqual(xfr);
  });
});
