/**
 * The CAE tree at scale in Chromium (issue 8 item 4), demo workspace in browser mode: the search and the filters
 * live in the address and survive a reload (URL round trip), the 1 470-row tree keeps only a window of rows in the
 * DOM, a node far down opens from its address and by scrolling, ↓ moves the focus to the next row.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithSharedData } from '../helpers/shared-data';
import { startE2EApp, type E2EApp } from './harness';
import { setStatut, text, tid } from './ui';

describeWithSharedData('the CAE tree at scale (virtualised, filters in the address)', () => {
  let app: E2EApp;
  const domRows = () => app.page.$$eval('[data-testid="node-tree"] tbody tr[data-testid^="node-"]', (rows) => rows.map((r) => r.getAttribute('data-testid')!.slice('node-'.length)));
  const rowCount = async () => Number(await app.page.getAttribute(tid('node-tree'), 'data-row-count'));
  const hashParams = () => new URLSearchParams(new URL(app.page.url()).hash.split('?')[1] ?? '');

  beforeAll(async () => {
    app = await startE2EApp({ demo: true });
    await app.page.goto(`${app.url}#/referentiel/cae`);
    await app.page.waitForSelector(tid('node-cae_1'));
  });

  afterAll(async () => {
    await app?.close();
  });

  it('search across titles and identifiants is in the address and survives a reload', async () => {
    const { page } = app;
    await page.fill(tid('tree-search'), 'mobilité');
    await page.waitForSelector(tid('tree-search-count'));
    const found = await domRows();
    expect(found.length).toBeGreaterThan(3);
    expect(hashParams().get('q')).toBe('mobilité');
    // Every row is a match or leads to one: the deepest rows' titles carry the word.
    const titles = await page.$$eval('[data-testid="node-tree"] tbody tr[data-testid^="node-"] .nom', (els) => els.map((e) => e.textContent ?? ''));
    expect(titles.some((t) => /mobilit[ée]/i.test(t))).toBe(true);
    await page.reload();
    await page.waitForSelector(tid('tree-search-count'));
    expect(await page.inputValue(tid('tree-search'))).toBe('mobilité');
    expect(await domRows()).toEqual(found);
    // By identifiant, with the referential prefix.
    await page.fill(tid('tree-search'), 'cae_4.2.1');
    await page.waitForSelector(tid('node-cae_4.2.1'));
    expect((await domRows()).every((id) => ['cae_4', 'cae_4.2'].includes(id) || id.startsWith('cae_4.2.1'))).toBe(true);
    await page.fill(tid('tree-search'), '');
    await page.waitForSelector(tid('tree-search-count'), { state: 'detached' });
    expect(hashParams().has('q')).toBe(false);
  });

  it('filters (statut, pilote, échéance, preuves manquantes) are in the address and survive a reload; « Retirer les filtres » clears them', async () => {
    const { page } = app;
    await page.selectOption(tid('filter-statut'), 'fait');
    await page.waitForFunction(() => new URLSearchParams(location.hash.split('?')[1]).get('statut') === 'fait');
    // Each shown statut badge of a row taking a statut is « Fait »; the demo has several.
    const badges = await page.$$eval('[data-testid^="node-statut-"]', (els) => els.map((e) => e.getAttribute('data-statut')));
    expect(badges.filter((b) => b === 'fait').length).toBeGreaterThan(3);
    expect(badges.every((b) => b === 'fait' || b === 'detaille_a_la_tache' || b === 'detaille' || b === 'programme' || b === 'pas_fait' || b === null)).toBe(true);
    // Every row is a match (badge « Fait ») or an ancestor of a later row (the path to a match).
    const shown = await page.$$eval('[data-testid="node-tree"] tbody tr[data-testid^="node-"]', (rows) =>
      rows.map((r) => ({ id: r.getAttribute('data-testid')!.slice('node-'.length), statut: r.querySelector('[data-testid^="node-statut-"]')?.getAttribute('data-statut') ?? null })),
    );
    shown.forEach((r, i) => {
      const ancestor = shown.slice(i + 1).some((later) => later.id.startsWith(`${r.id}.`));
      expect(ancestor || r.statut === 'fait', r.id).toBe(true);
    });
    await page.selectOption(tid('filter-statut'), '');
    await page.selectOption(tid('filter-pilote'), 'Claire Morel');
    await page.selectOption(tid('filter-echeance'), 'definie');
    await page.waitForFunction(() => location.hash.includes('echeance=definie'));
    expect(hashParams().get('pilote')).toBe('Claire Morel');
    const withPilote = await domRows();
    expect(withPilote).toContain('cae_1.1.1');
    const count = await rowCount();

    await page.reload();
    await page.waitForSelector(tid('node-cae_1.1.1'));
    expect(await page.inputValue(tid('filter-pilote'))).toBe('Claire Morel');
    expect(await page.inputValue(tid('filter-echeance'))).toBe('definie');
    expect(await rowCount()).toBe(count);
    expect(await domRows()).toEqual(withPilote);

    // Opening a fiche keeps the filters; closing it too.
    await page.click(tid('node-cae_1.1.1'));
    await page.waitForSelector(`${tid('criterion-panel')}[data-node-id="cae_1.1.1"]`);
    expect(hashParams().get('pilote')).toBe('Claire Morel');
    expect(new URL(page.url()).hash.startsWith('#/referentiel/cae/cae_1.1.1?')).toBe(true);
    await page.keyboard.press('Escape');
    await page.waitForSelector(tid('criterion-panel'), { state: 'detached' });
    expect(hashParams().get('echeance')).toBe('definie');

    await page.click(tid('filter-reset'));
    await page.waitForSelector(tid('filter-reset'), { state: 'detached' });
    expect(new URL(page.url()).hash).toBe('#/referentiel/cae');
    // Back to the unfiltered tree: the six axes, and the path to cae_1.1.1 that the fiche unfolded.
    expect(await page.$(tid('tree-search-count'))).toBeNull();
    expect((await domRows()).filter((id) => /^cae_\d$/.test(id))).toEqual(['cae_1', 'cae_2', 'cae_3', 'cae_4', 'cae_5', 'cae_6']);

    // Preuves manquantes: statuts that claim something with no preuve on the node or its mesure.
    await page.check(tid('filter-sans-preuve'));
    await page.waitForFunction(() => location.hash.includes('sansPreuve=1'));
    const missing = await domRows();
    expect(missing.length).toBeGreaterThan(0);
    // cae_1.1.1.3 has the demo's PCAET diagnostic: never listed as missing.
    expect(missing).not.toContain('cae_1.1.1.3');
    await page.click(tid('filter-reset'));
  });

  it('the tree unfolded keeps only a window of its 1 470 rows in the DOM; scrolling reaches the last one', async () => {
    const { page } = app;
    await page.click(tid('tree-expand-all'));
    await page.waitForSelector(`${tid('node-tree')}[data-row-count="1470"]`);
    expect(await page.getAttribute(tid('node-tree'), 'aria-rowcount')).toBe('1471');
    const first = await domRows();
    expect(first.length).toBeGreaterThan(10);
    expect(first.length).toBeLessThan(120);
    expect(first[0]).toBe('cae_1');
    // Scrolling to the bottom renders the last rows (CAE ends with axe 6) and drops the first.
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await page.waitForFunction(() => document.querySelector('[data-testid="node-tree"] tbody tr[data-testid^="node-cae_6."]:last-of-type') !== null);
    const last = await domRows();
    expect(last).not.toContain('cae_1');
    expect(last.length).toBeLessThan(120);
    const lastId = last[last.length - 1]!;
    expect(lastId.startsWith('cae_6.')).toBe(true);
    expect(Number(await page.getAttribute(tid(`node-${lastId}`), 'aria-rowindex'))).toBe(1471);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.waitForSelector(tid('node-cae_1'));
  });

  it('a node far down opens from its address, its row brought into view; ↓ focuses the next row', async () => {
    const { page } = app;
    const far = 'cae_6.5.3';
    await page.goto(`${app.url}#/referentiel/cae`);
    await page.click(tid('tree-expand-all'));
    await page.waitForSelector(`${tid('node-tree')}[data-row-count="1470"]`);
    await page.goto(`${app.url}#/referentiel/cae/${far}`);
    await page.waitForSelector(`${tid('criterion-panel')}[data-node-id="${far}"]`);
    const row = await page.waitForSelector(tid(`node-${far}`));
    expect(await row.isVisible()).toBe(true);
    const inView = await row.evaluate((el) => {
      const r = el.getBoundingClientRect();
      return r.top >= 0 && r.bottom <= window.innerHeight;
    });
    expect(inView).toBe(true);
    expect(await text(page, 'panel-title')).toMatch(/^Développer des actions d'éducation/);
    await page.focus(tid(`node-${far}`));
    await page.keyboard.press('ArrowDown');
    const next = await page.evaluate(() => document.activeElement?.getAttribute('data-testid'));
    expect(next).toMatch(/^node-cae_6\.5\.3\.1/);
  });

  it('« Modifié depuis » a jalon: only the nodes changed since, in the address; an unknown jalon says so', async () => {
    const { page } = app;
    // A jalon of the demo (tRPC mutation over HTTP, as the Jalons screen does), then one statut changed in the UI.
    const res = await page.evaluate(async () => {
      const r = await fetch('/trpc/jalons.take', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Avant essai' }) });
      return (await r.json()) as { result: { data: { id: number } } };
    });
    const jalon = res.result.data.id;
    await page.goto(`${app.url}#/referentiel/cae`);
    await page.reload();
    await page.fill(tid('tree-search'), '2.1.1.1');
    await setStatut(page, 'cae_2.1.1.1', 'fait');
    await page.keyboard.press('Escape');
    await page.fill(tid('tree-search'), '');
    await page.selectOption(tid('filter-jalon'), String(jalon));
    await page.waitForFunction((id) => new URLSearchParams(location.hash.split('?')[1]).get('jalon') === String(id), jalon);
    await page.waitForSelector(tid('node-cae_2.1.1.1'));
    // The sous-action and every level above it changed (statut, points); nothing else.
    expect(await domRows()).toEqual(['cae_2', 'cae_2.1', 'cae_2.1.1', 'cae_2.1.1.1']);
    await page.reload();
    await page.waitForSelector(tid('node-cae_2.1.1.1'));
    expect(await page.inputValue(tid('filter-jalon'))).toBe(String(jalon));
    expect(await domRows()).toEqual(['cae_2', 'cae_2.1', 'cae_2.1.1', 'cae_2.1.1.1']);
    await page.goto(`${app.url}#/referentiel/cae?jalon=999`);
    expect(await text(page, 'filter-jalon-error')).toMatch(/999/);
    expect(await rowCount()).toBe(0);
  });
});
