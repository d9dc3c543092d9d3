/**
 * The main job with the keyboard only (issue 8, Done when): on a fresh workspace in Chromium (browser mode), with
 * `page.keyboard` and no click or mouse — find a Label NR critère with the tree search, open its fiche with Enter,
 * set its statut with the arrow keys of the radio group, add a preuve (a link) with the form, go to Export through
 * the navigation and export the pack — then assert the results in the store (statuts, preuves, exports folder).
 */
import { existsSync, readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Referential } from '../../shared/domain';
import type { Preuve } from '../../electron/core/services/preuves';
import type { StatutView } from '../../electron/core/services/statuts';
import { exportsDir } from '../../electron/core/paths';
import { verifyPack } from '../../electron/core/pack';
import { startE2EApp, type E2EApp } from './harness';
import { tid } from './ui';

const LINK = 'https://www.example.org/deliberation-numerique-responsable';
const TITRE = 'Délibération numérique responsable';

describe('the main job with the keyboard only', () => {
  let app: E2EApp;
  let node: { id: string; identifiant: string };

  beforeAll(async () => {
    app = await startE2EApp({ demo: false });
    const ref = await app.query<Referential>('referentials.get', { referentialId: 'label-nr' });
    const leaf = ref.nodes.find((n) => n.depth === ref.actionLevel);
    if (!leaf) throw new Error('aucun critère dans label-nr');
    node = { id: leaf.id, identifiant: leaf.identifiant };
    await app.page.goto(`${app.url}#/referentiel/label-nr`);
    await app.page.waitForSelector(tid('node-tree'));
  });
  afterAll(async () => {
    await app?.close();
  });

  /** Whether the focused element matches `selector`. */
  const focused = (selector: string) => app.page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector);

  /** Presses Tab (Shift+Tab when `back`) until the focus is on `selector`; fails after `max` presses. */
  async function tabTo(selector: string, max = 80, back = false): Promise<void> {
    for (let i = 0; i < max; i++) {
      if (await focused(selector)) return;
      await app.page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    }
    throw new Error(`focus jamais arrivé sur ${selector} après ${max} tabulations`);
  }

  it('sets a statut: search, Enter on the row, arrow keys in the statut group', async () => {
    const { page } = app;
    await tabTo(tid('tree-search'));
    await page.keyboard.type(node.identifiant);
    await page.waitForSelector(tid('tree-search-count'));
    await tabTo(tid(`node-${node.id}`));
    await page.keyboard.press('Enter');
    await page.waitForSelector(`${tid('criterion-panel')}[data-node-id="${node.id}"]`);
    // The fiche took the focus (its title): the statut radios are the next stops.
    await tabTo('[data-testid^="statut-radio-"]');
    for (let i = 0; i < 6 && !(await focused(tid('statut-radio-fait'))); i++) await page.keyboard.press('ArrowDown');
    expect(await focused(tid('statut-radio-fait'))).toBe(true);
    await page.waitForSelector(`${tid(`node-statut-${node.id}`)}[data-statut="fait"]`);
    // The arrows went through other statuts on the way: the last one (fait) is what is stored.
    await expect
      .poll(async () => (await app.query<StatutView[]>('statuts.list', { referentialId: 'label-nr' })).find((s) => s.nodeId === node.id)?.statut)
      .toBe('fait');
    expect(await page.textContent(tid('live-region'))).toMatch(/^Score mis à jour : .+ \d+(,\d+)? \/ 1\u202f000 pts \(\d+,\d\u202f%\)$/);
  });

  it('adds a preuve (a link) with the form', async () => {
    const { page } = app;
    await tabTo(tid('preuve-link-url'));
    await page.keyboard.type(LINK);
    await page.keyboard.press('Tab');
    expect(await focused(tid('preuve-link-titre'))).toBe(true);
    await page.keyboard.type(TITRE);
    await page.keyboard.press('Enter');
    await expect
      .poll(async () => (await app.query<Preuve[]>('preuves.list', { referentialId: 'label-nr' })).map((p) => [p.kind, p.url, p.titre, p.nodeIds]))
      .toEqual([['lien', LINK, TITRE, [node.id]]]);
  });

  it('exports the pack through the navigation and the Export button', async () => {
    const { page } = app;
    // Escape closes the fiche; Shift+Tab climbs back to the header's navigation.
    await page.keyboard.press('Escape');
    await tabTo(tid('nav-export'), 200, true);
    await page.keyboard.press('Enter');
    await page.waitForSelector(tid('export-button'));
    await tabTo(tid('export-button'));
    await page.keyboard.press('Enter');
    await page.waitForSelector(tid('export-result'), { timeout: 60_000 });
    const dir = exportsDir(app.dataDir);
    const zips = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.zip')) : [];
    expect(zips).toHaveLength(1);
    const report = await verifyPack(`${dir}/${zips[0]}`);
    expect(report.ok).toBe(true);
    await app.screenshot('keyboard-export-done');
  });
});
