/**
 * The dashboard's charts in Chromium (issue 8 item 3), demo workspace: the per-axe chart of CAE with its étoiles
 * seuils in its text alternative, the complétude rings agreeing with the card's figures, chart.js drawing on the
 * canvases, and the printable dashboard (print media hides the navigation and the buttons).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ScoreResult } from '../../shared/domain';
import { describeWithSharedData } from '../helpers/shared-data';
import { startE2EApp, type E2EApp } from './harness';
import { frPercent, tid } from './ui';

describeWithSharedData('dashboard charts (demo workspace)', () => {
  let app: E2EApp;

  beforeAll(async () => {
    app = await startE2EApp({ demo: true });
    await app.page.goto(app.url);
    await app.page.waitForSelector(tid('chart-axes-cae'));
  });

  afterAll(async () => {
    await app?.close();
  });

  it('per-axe chart: a described image naming every axe with its % and the étoiles seuils of the referential', async () => {
    const { page } = app;
    const score = await app.query<ScoreResult>('scores.get', { referentialId: 'cae' });
    const label = (await page.getAttribute(tid('chart-axes-cae'), 'aria-label')) ?? '';
    expect(await page.getAttribute(tid('chart-axes-cae'), 'role')).toBe('img');
    expect(label).toMatch(/^Score par axe : 1 /);
    const axe1 = score.nodes['cae_1']!;
    expect(label).toContain(frPercent(axe1.pointFait / axe1.pointPotentiel));
    // Seuils from the referential (DOMAIN.md: étoiles at 35 / 50 / 65 / 75 % of the potentiel; 0 % draws no line).
    expect(label).toMatch(/Seuils : 2 étoiles 35,0\u202f%, 3 étoiles 50,0\u202f%, 4 étoiles 65,0\u202f%, 5 étoiles 75,0\u202f%\.$/);
    // chart.js drew something: the canvas is not blank.
    const painted = await page.$eval(tid('chart-axes-cae'), (c) => {
      const canvas = c as HTMLCanvasElement;
      const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
      let n = 0;
      for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) n++;
      return n;
    });
    expect(painted).toBeGreaterThan(1000);
  });

  it('complétude rings: the whole referential then each axe, agreeing with the card', async () => {
    const { page } = app;
    const score = await app.query<ScoreResult>('scores.get', { referentialId: 'cae' });
    const rings = await page.$$eval(`${tid('rings-cae')} canvas`, (els) => els.map((e) => e.getAttribute('aria-label')));
    expect(rings).toHaveLength(7);
    expect(rings[0]).toBe(
      `Ensemble : complétude ${frPercent(score.root.completude)}, ${score.root.completedTachesCount} / ${new Intl.NumberFormat('fr-FR').format(score.root.totalTachesCount).replace(/\s/g, '\u202f')} critères renseignés`,
    );
    expect(await page.textContent(tid('ring-cae-root-value'))).toBe(await page.textContent(tid('completude-cae')));
  });

  it('printable: « Imprimer » calls window.print; print media hides navigation and buttons, keeps the charts', async () => {
    const { page } = app;
    await page.evaluate(() => {
      (window as unknown as { printed: number }).printed = 0;
      window.print = () => {
        (window as unknown as { printed: number }).printed++;
      };
    });
    await page.click(tid('dashboard-print'));
    expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
    await page.emulateMedia({ media: 'print' });
    expect(await page.isVisible('nav[aria-label="Navigation principale"]')).toBe(false);
    expect(await page.isVisible(tid('dashboard-print'))).toBe(false);
    expect(await page.isVisible(tid('chart-axes-cae'))).toBe(true);
    const pdf = await page.pdf({ format: 'A4' });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    await page.emulateMedia({ media: 'screen' });
    await app.screenshot('dashboard-charts');
  });

  it('progression across jalons: absent without a jalon, then the jalon and today with the seuils', async () => {
    const { page } = app;
    await page.goto(app.url);
    await page.waitForSelector(tid('chart-axes-cae'));
    expect(await page.$(tid('chart-progression-cae'))).toBeNull();
    await page.evaluate(async () => {
      await fetch('/trpc/jalons.take', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Pré-audit', kind: 'pre-audit' }) });
    });
    await page.reload();
    await page.waitForSelector(tid('chart-progression-cae'));
    const score = await app.query<ScoreResult>('scores.get', { referentialId: 'cae' });
    const label = (await page.getAttribute(tid('chart-progression-cae'), 'aria-label')) ?? '';
    const pct = frPercent(score.root.score);
    expect(label).toMatch(new RegExp(`^Progression du score : Pré-audit \\(\\d\\d/\\d\\d/\\d{4}\\) ${pct} ; Aujourd’hui ${pct}\\. Seuils : 2 étoiles 35,0`));
  });
});
