/**
 * The référentiel import's progress bar and « Annuler » in Chromium, browser mode (issue 8 item 4): the form stages the
 * files, the `referentials.importEvents` subscription (Server-Sent Events) reports each step in words with the real
 * counts of the CAE files; « Annuler » during the reading stops a re-import and the referential list, the statuts
 * and the history stay as they were; once the store began the button is disabled (« Enregistrement… »).
 * The server pauses 1.5 s at each step (`importPhaseDelayMs`, a test-only option of the harness) so that the bar
 * can be seen and the button pressed at a known step; the app's own entries never set it.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DATA, describeWithSharedData } from '../helpers/shared-data';
import { startE2EApp, type E2EApp } from './harness';
import { text, tid } from './ui';

let app: E2EApp;

describeWithSharedData('Référentiel: import progress and cancel', () => {
  beforeAll(async () => {
    app = await startE2EApp({ demo: false, importPhaseDelayMs: 1500 });
  });

  afterAll(async () => {
    await app?.close();
  });

  const waitStep = (step: string) => app.page.waitForSelector(`${tid('import-progress')}[data-step="${step}"]`, { timeout: 20_000 });

  it('shows each step in words with the real counts, the store without cancel, then the result', async () => {
    const { page } = app;
    await page.goto(`${app.url}#/referentiel/label-nr`);
    await page.waitForSelector(tid('node-tree'));
    await page.click(`${tid('import-form')} summary`);
    await page.setInputFiles(tid('import-files'), [DATA.caeStructure, DATA.caePreuves]);
    await page.click(tid('import-submit'));

    await waitStep('lecture');
    const bar = await page.waitForSelector(tid('import-progressbar'));
    expect(await bar.evaluate((el) => el.tagName)).toBe('PROGRESS');
    expect(await bar.getAttribute('aria-label')).toBe("Avancement de l'import");
    expect(await page.isEnabled(tid('import-cancel'))).toBe(true);
    expect(await text(page, 'import-cancel')).toBe('Annuler');

    // The node count appears once the referential is checked; the bar then stands at 2 steps of 5.
    await page.waitForFunction(() => document.querySelector('[data-testid="import-progress-text"]')?.textContent === 'Étape 2 sur 5 : Vérification du référentiel (1\u202f470 nœuds)', undefined, {
      timeout: 20_000,
    });
    expect(await bar.evaluate((el) => (el as HTMLProgressElement).value)).toBe(40);
    expect(await bar.getAttribute('aria-valuetext')).toBe('40 % — Étape 2 sur 5 : Vérification du référentiel (1\u202f470 nœuds)');
    await app.screenshot('import-progress');

    // The backup at 100 %: the store follows at once, so « Annuler » is already disabled (the server pauses here).
    await page.waitForFunction(
      () => document.querySelector('[data-testid="import-progress-text"]')?.textContent === 'Étape 3 sur 5 : Sauvegarde de la base avant import (100\u202f%)',
      undefined,
      { timeout: 20_000 },
    );
    expect(await page.isDisabled(tid('import-cancel'))).toBe(true);
    expect(await text(page, 'import-cancel')).toBe('Enregistrement…');

    await waitStep('enregistrement');
    expect(await page.isDisabled(tid('import-cancel'))).toBe(true);
    expect(await text(page, 'import-cancel')).toBe('Enregistrement…');
    expect(await text(page, 'import-saving-hint')).toBe("L'enregistrement a commencé : il ira jusqu'au bout, l'import ne peut plus être annulé.");
    await app.screenshot('import-progress-enregistrement');

    expect(await text(page, 'import-result')).toBe("Référentiel « cae » version 2026-04-01 importé : 1\u202f470 éléments, 500 points. L'ouvrir");
    expect(await page.$(tid('import-progress'))).toBeNull();
    expect((await app.query<Array<{ id: string }>>('referentials.list')).map((r) => r.id)).toEqual(['cae', 'label-nr']);
  });

  it('a bad file ends the progress with the message naming the file, the row and the cell', async () => {
    const { page } = app;
    await page.click(`${tid('import-form')} summary`);
    await page.setInputFiles(tid('import-files'), ['tests/fixtures/bad/tete-structure-doublon.csv']);
    await page.click(tid('import-submit'));
    await waitStep('lecture');
    expect(await text(page, 'import-error')).toBe(
      "Fichier « tete-structure-doublon.csv », ligne 4, cellule A4 (colonne « identifiant ») : l'identifiant « 1.1 » apparaît deux fois (lignes 3 et 4).",
    );
    expect(await page.$(tid('import-progress'))).toBeNull();
    expect((await app.query<Array<{ id: string }>>('referentials.list')).map((r) => r.id)).toEqual(['cae', 'label-nr']);
  });

  it('« Annuler » while the files are read stops a re-import: « Import annulé : rien n’a été modifié. », list, statuts and history unchanged', async () => {
    const { page } = app;
    await page.reload();
    await page.waitForSelector(tid('node-tree'));
    const before = {
      list: await app.query('referentials.list'),
      statuts: await app.query('statuts.list', { referentialId: 'cae' }),
      history: await app.query('history.list', {}),
      preuvesAttendues: (await app.query<{ preuvesAttendues: unknown[] }>('referentials.get', { referentialId: 'cae' })).preuvesAttendues.length,
    };
    expect(before.preuvesAttendues).toBe(130);
    await page.click(`${tid('import-form')} summary`);
    // The structure alone: a completed import would drop the 130 preuves attendues.
    await page.setInputFiles(tid('import-files'), [DATA.caeStructure]);
    await page.click(tid('import-submit'));
    await waitStep('lecture');
    await page.click(tid('import-cancel'));
    expect(await text(page, 'import-cancelled')).toBe("Import annulé : rien n'a été modifié.");
    expect(await page.$(tid('import-progress'))).toBeNull();
    expect(await page.$(tid('import-result'))).toBeNull();
    // The core has settled the import (the screen asked for its outcome before saying so): nothing moved.
    expect(await app.query('referentials.list')).toEqual(before.list);
    expect(await app.query('statuts.list', { referentialId: 'cae' })).toEqual(before.statuts);
    expect(await app.query('history.list', {})).toEqual(before.history);
    expect((await app.query<{ preuvesAttendues: unknown[] }>('referentials.get', { referentialId: 'cae' })).preuvesAttendues).toHaveLength(130);
    await app.screenshot('import-annule');
    expect(app.pageErrors).toEqual([]);
  });
});
