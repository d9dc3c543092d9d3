/**
 * A jalon's pack in the interface's language (issue 8 item 2): with the interface in English, the pack downloaded
 * from the Jalons screen (browser mode, fresh data folder with the built-in Label NR grid) has an English report
 * title, history header and fichiers-manquants; back in French, the same jalon's pack is French again.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entryMap } from '../core/pack/zip-read';
import { startE2EApp, type E2EApp } from './harness';
import { tid } from './ui';

describe('a jalon pack from the Jalons screen follows the interface language', () => {
  let app: E2EApp;
  beforeAll(async () => {
    app = await startE2EApp({ demo: false });
  });
  afterAll(async () => {
    await app?.close();
  });

  /** Sets the stored language, opens the Jalons screen, exports jalon 1's Label NR pack; the zip's entries. */
  async function packIn(lang: 'fr' | 'en'): Promise<Map<string, Buffer>> {
    const { page } = app;
    await page.evaluate((l) => localStorage.setItem('label-audit.lang', l), lang);
    await page.goto(`${app.url}#/jalons`);
    await page.reload();
    await page.waitForFunction((l) => document.documentElement.lang === l, lang);
    await page.waitForSelector(tid('jalon-1'));
    const [dl] = await Promise.all([page.waitForEvent('download'), page.click(tid('jalon-1-pack-label-nr')).then(() => page.click(tid('jalon-1-pack-label-nr-download')))]);
    const path = (await dl.path())!;
    return entryMap(path);
  }

  it('English interface → English pack; French interface → French pack', async () => {
    const { page } = app;
    await page.goto(`${app.url}#/jalons`);
    await page.waitForSelector(tid('jalons-empty'));
    await page.fill(tid('jalon-nom'), 'Before the committee');
    await page.click(tid('jalon-take'));
    await page.waitForSelector(tid('jalon-1'));

    const en = await packIn('en');
    expect(en.get('historique.csv')!.toString('utf8').split('\r\n')[0]).toBe('\ufeffDate (UTC);Who;Action;No.;Item;Change');
    expect(en.get('_manifeste/fichiers-manquants.txt')!.toString('utf8')).toBe('No missing file: every evidence file is in the pack.\n');
    const fr = await packIn('fr');
    expect(fr.get('historique.csv')!.toString('utf8').split('\r\n')[0]).toBe('\ufeffDate (UTC);Qui;Action;N°;Élément;Modification');
    expect(fr.get('_manifeste/fichiers-manquants.txt')!.toString('utf8')).toBe('Aucun fichier manquant : toutes les preuves de type fichier sont dans le pack.\n');

    if (existsSync('/usr/bin/pdftotext')) {
      const pdf = join(app.dataDir, 'jalon-en.pdf');
      writeFileSync(pdf, en.get('rapport.pdf')!);
      const text = execFileSync('pdftotext', ['-raw', pdf, '-'], { encoding: 'utf8' });
      expect(text).toContain('Audit report');
      expect(text).toContain('Milestone: “Before the committee”');
      expect(text).not.toContain('Rapport d’audit');
    }
    expect(app.pageErrors).toEqual([]);
  });
});
