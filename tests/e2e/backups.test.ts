/**
 * The Sauvegardes screen in Chromium (browser mode, fresh data folder; issue 7 item 2): reached from the dashboard,
 * it lists the daily backup taken at start, « Sauvegarder maintenant » adds a manual one, « Restaurer » asks inline
 * (Annuler leaves everything as it was), then restores; the dashboard, visited before, shows the restored score
 * without a page reload.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScoreResult } from '../../shared/domain';
import type { BackupList } from '../../electron/core/backup';
import { startE2EApp, type E2EApp } from './harness';
import { text, tid } from './ui';

describe('Sauvegardes in Chromium', () => {
  let app: E2EApp;

  /** A tRPC mutation over HTTP from Node, as the renderer sends it. */
  async function mutate(path: string, input: unknown): Promise<void> {
    const res = await fetch(`${app.url}trpc/${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(input) });
    expect(res.status, path).toBe(200);
  }
  const scoreOnScreen = async () => Number(await app.page.getAttribute(tid('score-global-label-nr'), 'data-value'));

  beforeAll(async () => {
    app = await startE2EApp({ demo: false });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('backs up now, restores a backup after an inline confirmation, and the dashboard shows the restored score', async () => {
    const { page } = app;
    await mutate('statuts.set', { referentialId: 'label-nr', nodeId: 'label-nr_1.1', statut: 'fait' });
    await page.goto(app.url);
    await page.waitForSelector(tid('score-global-label-nr'));
    const saved = (await app.query<ScoreResult>('scores.get', { referentialId: 'label-nr' })).root.score;
    expect(await scoreOnScreen()).toBe(saved);

    await page.click(tid('dashboard-sauvegardes'));
    await page.waitForSelector(tid('backups-table'));
    expect(await page.$$eval('[data-testid="backups-table"] tbody tr', (rows) => rows.map((r) => r.getAttribute('data-kind')))).toEqual(['quotidienne']);
    await page.click(tid('backup-now'));
    expect(await text(page, 'backup-report')).toMatch(/^Sauvegarde créée : \d\d\/\d\d\/\d{4} \d\d:\d\d \(\d+,\d\u202fko\)\.$/);
    await page.waitForSelector('[data-testid="backups-table"] tbody tr[data-kind="manuelle"]');
    const { backups } = await app.query<BackupList>('backups.list');
    const manual = backups.find((b) => b.kind === 'manuelle')!;

    // Later work (made from outside the page, so the page is reloaded), the dashboard now shows and caches it.
    await mutate('statuts.set', { referentialId: 'label-nr', nodeId: 'label-nr_1.2', statut: 'fait' });
    await page.reload();
    await page.click(tid('nav-dashboard'));
    const later = (await app.query<ScoreResult>('scores.get', { referentialId: 'label-nr' })).root.score;
    expect(later).toBeGreaterThan(saved ?? 0);
    await page.waitForFunction((v) => document.querySelector('[data-testid="score-global-label-nr"]')?.getAttribute('data-value') === String(v), later);

    await page.click(tid('dashboard-sauvegardes'));
    await page.click(tid(`restore-${manual.name}`));
    expect(await text(page, 'restore-confirm')).toMatch(/^Restaurer la sauvegarde du .+ \(manuelle\) \? L'état actuel sera d'abord sauvegardé/);
    await page.click(tid('restore-confirm-no'));
    expect(await page.$(tid('restore-confirm'))).toBeNull();
    expect((await app.query<ScoreResult>('scores.get', { referentialId: 'label-nr' })).root.score).toBe(later);

    await page.click(tid(`restore-${manual.name}`));
    await page.click(tid('restore-confirm-yes'));
    expect(await text(page, 'backup-report')).toMatch(/^Sauvegarde restaurée : Ma collectivité, 1 référentiel, 1 statut, 0 preuve, dernière modification le .+\. L'état remplacé a été sauvegardé \(.+, avant restauration\)\.$/);
    await page.waitForSelector('[data-testid="backups-table"] tbody tr[data-kind="avant-restauration"]');
    await app.screenshot('sauvegardes-restauree');
    expect((await app.query<ScoreResult>('scores.get', { referentialId: 'label-nr' })).root.score).toBe(saved);

    await page.click(tid('nav-dashboard'));
    await page.waitForFunction((v) => document.querySelector('[data-testid="score-global-label-nr"]')?.getAttribute('data-value') === String(v), saved);
    expect(await scoreOnScreen()).toBe(saved);
    await app.screenshot('sauvegardes-tableau-de-bord');
    expect(app.pageErrors).toEqual([]);
    expect(app.failedRequests).toEqual([]);
  });
});
