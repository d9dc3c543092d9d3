/**
 * The app's own RGESN self-assessment loaded from the Tableau de bord (issue 8 item 5), in Chromium, on a new
 * workspace where the RGESN 2024 is imported: one button, the RGESN card then shows the figures; loading again asks
 * before replacing.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createCore } from '../../electron/core/core';
import type { ScoreResult } from '../../shared/domain';
import { DATA, describeWithSharedData } from '../helpers/shared-data';
import { startE2EApp, type E2EApp } from './harness';
import { frPercent, text, tid } from './ui';

describeWithSharedData('Exemples: the RGESN self-assessment of Label Audit', () => {
  let app: E2EApp;

  beforeAll(async () => {
    app = await startE2EApp({
      demo: false,
      seed: (dataDir) => {
        const core = createCore({ dataDir, user: 'e2e', demo: false, log: () => {} });
        try {
          core.referentials.import([DATA.rgesn]);
        } finally {
          core.close();
        }
      },
    });
    await app.page.goto(app.url);
    await app.page.waitForSelector(tid('example-load-rgesn-label-audit'));
  });

  afterAll(async () => {
    await app?.close();
  });

  it('loads with one button; the RGESN card shows the score the core computes', async () => {
    const { page } = app;
    expect(await text(page, 'example-load-rgesn-label-audit')).toBe("Charger l'exemple (78 critères)");
    await page.click(tid('example-load-rgesn-label-audit'));
    expect(await text(page, 'example-done')).toBe('Exemple chargé : 78 statuts écrits dans rgesn.');
    const score = await app.query<ScoreResult>('scores.get', { referentialId: 'rgesn' });
    await page.waitForFunction((v) => document.querySelector('[data-testid="score-global-rgesn"]')?.textContent === v, frPercent(score.root.score));
    expect(score.root.score).toBeGreaterThan(0.5);
  });

  it('loading again says statuts are entered and offers « Remplacer »', async () => {
    const { page } = app;
    await page.click(tid('example-load-rgesn-label-audit'));
    expect(await text(page, 'example-error')).toMatch(/a déjà 77 statuts saisis : l'exemple les remplacerait\./);
    await page.click(tid('example-replace-rgesn-label-audit'));
    expect(await text(page, 'example-done')).toBe('Exemple chargé : 0 statut écrit dans rgesn.');
  });

  it('the fiche of an RGESN critère shows the referential\'s help: objective and implementation, means of control', async () => {
    const { page } = app;
    await page.goto(`${app.url}#/referentiel/rgesn/rgesn_4.8`);
    await page.waitForSelector(`${tid('criterion-panel')}[data-node-id="rgesn_4.8"]`);
    expect(await text(page, 'panel-text-description')).toMatch(/^Description\s*\S/);
    expect(await text(page, 'panel-text-description')).toContain('Mise en œuvre');
    await page.click(`${tid('panel-text-perimetre')} summary`);
    expect(await text(page, 'panel-text-perimetre')).toMatch(/^Moyen de contrôle\s*\S/);
    // The example's explication is the authority's own words, below.
    expect(await page.inputValue('[data-testid="criterion-panel"] textarea')).toBe('Aucune police téléchargée : polices du système.');
  });
});
