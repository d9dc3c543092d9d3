/**
 * The fiche and the tree as the town-hall user tester used them, in Chromium on the demo workspace (browser mode):
 * keyboard (Enter opens the fiche on its title, arrow keys through the statut radios keep the focus and save the
 * last choice, Escape closes and gives the focus back to the row), a failed save in French with the radio back on
 * the stored statut, the TETE cascade note and its inline confirmation (tete-referentials.md §2.1), the tree at
 * 1024×700 with the fiche open, segment-aware search, the explication draft, preuves (re-upload, Retirer, Ouvrir,
 * link check) and the RGESN card. Screenshots go to test-results/screenshots/.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { NodeDetail } from '../../electron/core/services/nodes';
import { DATA, describeWithSharedData } from '../helpers/shared-data';
import { formatPercentIn } from '../../shared/locale';
import { startE2EApp, type E2EApp } from './harness';
import { openNode, text, tid, waitForBadge } from './ui';

const CAE = { referentialId: 'cae' };
const NNBSP = '\u202f';

describeWithSharedData('the fiche and the tree in Chromium (demo workspace)', () => {
  let app: E2EApp;
  const detail = (nodeId: string) => app.query<NodeDetail>('nodes.detail', { ...CAE, nodeId });
  const focused = () => app.page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? document.activeElement?.tagName ?? null);
  const checkedRadios = () => app.page.$$eval('[data-testid^="statut-radio-"]', (els) => els.filter((e) => (e as HTMLInputElement).checked).map((e) => e.getAttribute('value')));

  beforeAll(async () => {
    app = await startE2EApp({ demo: true });
    await app.page.goto(`${app.url}#/referentiel/cae`);
    await app.page.waitForSelector(tid('node-cae_1'));
  });

  afterAll(async () => {
    await app?.close();
  });

  it('searches identifiants by whole segments, folds during a search, unfolds everything, says what it searches', async () => {
    const { page } = app;
    expect(await page.getAttribute(tid('tree-search'), 'placeholder')).toBe('Identifiant ou mots du titre');
    await page.fill(tid('tree-search'), '1.2.3.2.1');
    await page.waitForSelector(tid('node-cae_1.2.3.2.1'));
    expect(await page.$(tid('node-cae_1.2.3.2.10'))).toBeNull();
    expect(await text(page, 'tree-search-count')).toBe('5 lignes affichées');
    // ▾ folds during a search, « Tout déplier » opens again.
    await page.click(tid('node-toggle-cae_1.2'));
    await page.waitForSelector(tid('node-cae_1.2.3'), { state: 'detached' });
    expect(await page.getAttribute(tid('node-toggle-cae_1.2'), 'aria-expanded')).toBe('false');
    await page.click(tid('tree-expand-all'));
    await page.waitForSelector(tid('node-cae_1.2.3.2.1'));
    await page.fill(tid('tree-search'), '');
    await page.click(tid('tree-expand-all'));
    // 1 470 rows unfolded, virtualised: the table says its size, only a window of rows is in the DOM (tree-scale.test.ts).
    await page.waitForSelector(`${tid('node-tree')}[data-row-count="1470"]`);
    expect(await page.$$eval('[data-testid="node-tree"] tbody tr[data-testid^="node-"]', (rows) => rows.length)).toBeLessThan(200);
    await page.click(tid('tree-collapse-all'));
    expect(await page.$$eval('[data-testid="node-tree"] tbody tr', (rows) => rows.length)).toBe(6);
  });

  it('cae_3.3.5 explains its cap by 1.2.3 (the referential’s score rule) and follows the statuts', async () => {
    const { page } = app;
    const scores = async () => (await app.query<{ nodes: Record<string, { pointFait: number; pointPotentiel: number }> }>('scores.get', { referentialId: 'cae' })).nodes;
    await page.goto(`${app.url}#/referentiel/cae/cae_3.3.5`);
    await page.waitForSelector(tid('panel-score-cap'));
    const cap = await text(page, 'panel-score-cap');
    expect(cap).toContain('Note plafonnée par le référentiel');
    expect(cap).toContain("ne peut dépasser celle obtenue dans l'action 1.2.3");
    const n = await scores();
    const pct = (id: string) => formatPercentIn('fr', n[id]!.pointFait / n[id]!.pointPotentiel);
    expect(cap).toContain(`% fait de 1.2.3 : ${pct('cae_1.2.3')}`);
    expect(cap).toContain(`% fait de cette mesure : ${pct('cae_3.3.5')}`);
    // Everything fait on 3.3.5's sous-actions while 1.2.3 is below 100 %: the cap applies.
    for (const id of ['cae_3.3.5.1', 'cae_3.3.5.2', 'cae_3.3.5.3']) {
      const res = await fetch(`${app.url}trpc/statuts.set`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ referentialId: 'cae', nodeId: id, statut: 'fait' }) });
      expect(res.status).toBe(200);
    }
    const after = await scores();
    expect(after['cae_1.2.3']!.pointFait / after['cae_1.2.3']!.pointPotentiel).toBeLessThan(1);
    await page.reload();
    await page.waitForSelector(`${tid('panel-score-cap-state')}`);
    await page.waitForFunction(() => document.querySelector('[data-testid="panel-score-cap"]')?.getAttribute('data-reached') === 'true');
    expect(await text(page, 'panel-score-cap-state')).toMatch(
      /^Plafond atteint : le % fait de cette mesure est ramené à celui de 1\.2\.3 \(les points de ses sous-actions et tâches le sont aussi\)\. Points retirés par le plafond : [\d,]+ pts? \(ils ne figurent plus dans la répartition fait \/ programmé \/ pas fait \/ non renseigné\)\.$/,
    );
    await page.locator(tid('panel-score-cap')).scrollIntoViewIfNeeded();
    await app.screenshot('fiche-score-cap');
  });

  it('the effect of each statut on the score is shown beside it once the fiche is painted', async () => {
    const { page } = app;
    await page.goto(`${app.url}#/referentiel/cae/cae_1.1.1.3`);
    await page.waitForSelector(tid('statut-group'));
    // Non renseigné, potentiel 1,2 pts: Fait adds them all, Programmé and Pas fait add nothing (no delta shown).
    await page.waitForSelector(tid('statut-delta-fait'));
    expect(await text(page, 'statut-delta-fait')).toBe('+1,2 pts');
    expect(await page.locator(tid('statut-delta-programme')).count()).toBe(0);
  });

  it('says when the node of the address does not exist, with a link back', async () => {
    const { page } = app;
    await page.goto(`${app.url}#/referentiel/cae/cae_9.9.9`);
    await page.waitForSelector(tid('node-unknown'));
    expect(await text(page, 'node-unknown')).toMatch(/^Élément introuvable : cae_9\.9\.9 /);
    await page.click(`${tid('node-unknown')} a`);
    await page.waitForSelector(tid('node-unknown'), { state: 'detached' });
    expect(new URL(page.url()).hash).toBe('#/referentiel/cae');
  });

  it('Enter opens the fiche on its title; arrow keys through the radios keep the focus and save the last choice; Escape goes back to the row', async () => {
    const { page } = app;
    await page.fill(tid('tree-search'), '1.1.1.3');
    await page.focus(tid('node-cae_1.1.1.3'));
    await page.keyboard.press('Enter');
    await page.waitForSelector(`${tid('criterion-panel')}[data-node-id="cae_1.1.1.3"]`);
    expect(await focused()).toBe('panel-title');
    expect(await checkedRadios()).toEqual(['non_renseigne']);

    await page.focus(tid('statut-radio-non_renseigne'));
    await page.keyboard.press('ArrowRight');
    expect(await focused()).toBe('statut-radio-fait');
    await waitForBadge(page, 'cae_1.1.1.3', 'fait');
    // Two more steps at once: the focus stays on the radios, the last choice is what gets stored.
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    expect(await focused()).toBe('statut-radio-pas_fait');
    await expect.poll(async () => (await detail('cae_1.1.1.3')).statut?.statut).toBe('pas_fait');
    await waitForBadge(page, 'cae_1.1.1.3', 'pas_fait');
    expect(await focused()).toBe('statut-radio-pas_fait');
    expect(await page.getAttribute(tid('statut-group'), 'aria-busy')).toBe('false');

    await page.keyboard.press('Escape');
    await page.waitForSelector(tid('criterion-panel'), { state: 'detached' });
    expect(await focused()).toBe('node-cae_1.1.1.3');
    await app.screenshot('kb-after-close');
  });

  it('a save that cannot reach the server says so in French and puts the radio back on the stored statut', async () => {
    const { page } = app;
    await openNode(page, 'cae_1.1.1.3');
    await page.route('**/trpc/statuts.set**', (route) => route.abort('failed'));
    try {
      // click, not check: the aborted save may put the radio back before page.check reads its state (a race seen
      // under load, which then left the route installed for the next tests).
      await page.click(tid('statut-radio-fait'));
      await page.waitForSelector(tid('statut-error'));
      expect(await text(page, 'statut-error')).toMatch(/^Le serveur de l'application ne répond pas \(/);
      expect(await text(page, 'statut-error')).not.toContain('Failed to fetch');
      await expect.poll(checkedRadios).toEqual(['pas_fait']);
      expect(await page.getAttribute(tid('node-statut-cae_1.1.1.3'), 'data-statut')).toBe('pas_fait');
    } finally {
      await page.unroute('**/trpc/statuts.set**');
    }
  });

  it('a tâche under a sous-action with its own statut: a true note, then an inline confirmation before the reset', async () => {
    const { page } = app;
    await page.fill(tid('tree-search'), '1.1.1.2');
    expect((await detail('cae_1.1.1.2')).statut?.statut).toBe('programme');
    expect(await page.getAttribute(tid('node-statut-cae_1.1.1.2.1'), 'title')).toBe("La sous-action porte déjà un statut : c'est lui qui compte, pas celui de ses tâches.");
    await openNode(page, 'cae_1.1.1.2.1');
    expect(await text(page, 'statut-hint')).toBe(
      'La sous-action 1.1.1.2 porte déjà son propre statut (« Programmé ») : c\'est lui qui compte. Saisir un statut sur cette tâche remettra celui de la sous-action à « Non renseigné » ; elle sera alors « Détaillé à la tâche » (calculée à partir de ses tâches), et ses tâches sans statut compteront comme non renseignées.',
    );
    await page.check(tid('statut-radio-fait'));
    await page.waitForSelector(tid('statut-confirm'));
    expect(await text(page, 'statut-confirm')).toMatch(/^Enregistrer « Fait » sur cette tâche remet la sous-action 1\.1\.1\.2 \(aujourd'hui « Programmé »\) à « Non renseigné »/);
    await app.screenshot('cascade-confirm');
    await page.click(tid('statut-confirm-cancel'));
    expect(await checkedRadios()).toEqual(['non_renseigne']);
    expect((await detail('cae_1.1.1.2.1')).statut).toBeNull();

    await page.check(tid('statut-radio-fait'));
    await page.click(tid('statut-confirm-ok'));
    await waitForBadge(page, 'cae_1.1.1.2.1', 'fait');
    await waitForBadge(page, 'cae_1.1.1.2', 'detaille_a_la_tache');
    expect((await detail('cae_1.1.1.2')).statut?.statut ?? 'non_renseigne').toBe('non_renseigne');
    // The sous-action now: badge « Détaillé à la tâche », no radio checked, and the line that says why.
    await openNode(page, 'cae_1.1.1.2');
    expect(await page.getAttribute(tid('panel-statut'), 'data-statut')).toBe('detaille_a_la_tache');
    expect(await checkedRadios()).toEqual([]);
    expect(await text(page, 'statut-hint')).toMatch(/^Détaillé à la tâche : le score vient des tâches\./);
    expect(await page.getAttribute(tid('node-statut-cae_1.1.1.2.2'), 'data-statut')).toBe('non_renseigne');
  });

  it('at 1024×700 with the fiche open the tree keeps readable titles, whole words and uncut figures', async () => {
    const { page } = app;
    await page.setViewportSize({ width: 1024, height: 700 });
    await page.fill(tid('tree-search'), '');
    await page.goto(`${app.url}#/referentiel/cae/cae_1.1.1.2`);
    await page.waitForSelector(`${tid('criterion-panel')}[data-node-id="cae_1.1.1.2"]`);
    await app.screenshot('tree-1024');
    const layout = await page.evaluate(() => {
      const main = document.querySelector('.split-main') as HTMLElement;
      const cells = [...document.querySelectorAll('[data-testid="node-tree"] td, [data-testid="node-tree"] th')] as HTMLElement[];
      const clipped = cells.filter((c) => c.scrollWidth > c.clientWidth + 1).map((c) => c.textContent);
      const title = document.querySelector('[data-testid="node-tree"] thead th') as HTMLElement;
      return { overflow: main.scrollWidth - main.clientWidth, clipped, titleWidth: title.getBoundingClientRect().width, columns: document.querySelectorAll('[data-testid="node-tree"] thead th').length };
    });
    expect(layout).toMatchObject({ overflow: 0, clipped: [], columns: 4 });
    expect(layout.titleWidth).toBeGreaterThan(200);

    // 1400 wide without the fiche: every column, the Points figures whole (« 28,967 / 100 » was cut).
    await page.setViewportSize({ width: 1400, height: 900 });
    await page.click(tid('panel-close'));
    await page.waitForSelector(tid('criterion-panel'), { state: 'detached' });
    const wide = await page.evaluate(() =>
      [...document.querySelectorAll('[data-testid^="node-points-"]')].filter((c) => c.scrollWidth > c.clientWidth + 1).map((c) => c.textContent),
    );
    expect(wide).toEqual([]);
    expect(await page.$$eval('[data-testid="node-tree"] thead th', (ths) => ths.length)).toBe(7);
  });

  it('keeps an unsaved explication as a draft across a reload, asks before closing, saves once', async () => {
    const { page } = app;
    await openNode(page, 'cae_1.1.1.3');
    await page.fill(tid('explication'), 'Stratégie par secteur en cours de rédaction');
    await page.reload();
    await page.waitForSelector(`${tid('criterion-panel')}[data-node-id="cae_1.1.1.3"]`);
    expect(await page.inputValue(tid('explication'))).toBe('Stratégie par secteur en cours de rédaction');
    expect(await text(page, 'explication-state')).toBe('Brouillon restauré : modifications non enregistrées');
    expect((await detail('cae_1.1.1.3')).statut?.explication ?? null).toBeNull();

    await page.focus(tid('panel-title'));
    await page.keyboard.press('Escape');
    await page.waitForSelector(tid('close-warning'));
    expect(await text(page, 'close-warning')).toMatch(/^Modifications non enregistrées/);
    await page.click(tid('close-cancel'));
    await page.waitForSelector(tid('close-warning'), { state: 'detached' });

    await page.click(tid('explication-save'));
    await expect.poll(async () => (await detail('cae_1.1.1.3')).statut?.explication).toBe('Stratégie par secteur en cours de rédaction');
    await page.waitForFunction(() => document.querySelector('[data-testid="explication-state"]')?.textContent === 'Enregistré');
    const events = (await detail('cae_1.1.1.3')).history.filter((e) => e.action === 'statut.explication');
    expect(events).toHaveLength(1);
    await page.reload();
    await page.waitForSelector(tid('explication'));
    expect(await text(page, 'explication-state')).toBe('');
  });

  it('preuves: a re-uploaded file says it is already stored, Retirer asks first, Ouvrir downloads, links are checked in French', async () => {
    const { page } = app;
    await openNode(page, 'cae_1.1.1.3');
    const file = { name: 'scénarios 2030.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n% scénarios\n%%EOF\n') };
    const before = (await detail('cae_1.1.1.3')).preuves.length;
    await page.setInputFiles(tid('preuve-file-input'), file);
    await page.waitForFunction((name) => document.querySelector('[data-testid="preuves-list"]')?.textContent?.includes(name), file.name);
    expect(await page.$(tid('preuve-upload-notice'))).toBeNull();
    await page.setInputFiles(tid('preuve-file-input'), file);
    await page.waitForSelector(tid('preuve-upload-notice'));
    expect(await text(page, 'preuve-upload-notice')).toBe('« scénarios 2030.pdf » : Ce fichier est déjà enregistré ; il est rattaché à ce critère.');
    const count = async () => (await detail('cae_1.1.1.3')).preuves.length;
    expect(await count()).toBe(before + 1);
    const preuve = (await detail('cae_1.1.1.3')).preuves.find((p) => p.fileName === file.name);

    const href = await page.getAttribute(tid(`preuve-open-${preuve!.id}`), 'href');
    expect(href).toBe(`/preuves/${preuve!.id}/fichier`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click(tid(`preuve-open-${preuve!.id}`))]);
    expect(download.suggestedFilename()).toBe('scénarios 2030.pdf');

    await page.fill(tid('preuve-link-url'), 'www.valmont-sur-loire.fr/plan');
    await page.click(tid('preuve-link-add'));
    expect(await text(page, 'preuve-link-error')).toBe(
      "« www.valmont-sur-loire.fr/plan » n'est pas un lien complet : ajoutez https:// au début (https://www.valmont-sur-loire.fr/plan).",
    );
    await page.fill(tid('preuve-link-url'), 'https://www.valmont-sur-loire.fr/plan');
    expect(await page.$(tid('preuve-link-error'))).toBeNull();

    await page.click(tid(`preuve-detach-${preuve!.id}`));
    await page.waitForSelector(tid(`preuve-detach-confirm-${preuve!.id}`));
    await app.screenshot('preuve-detach-confirm');
    await page.click(tid(`preuve-detach-cancel-${preuve!.id}`));
    expect(await count()).toBe(before + 1);
    await page.click(tid(`preuve-detach-${preuve!.id}`));
    await page.click(tid(`preuve-detach-ok-${preuve!.id}`));
    await page.waitForSelector(tid(`preuve-${preuve!.id}`), { state: 'detached' });
    expect(await count()).toBe(before);
  });

  it('RGESN on the dashboard: its own words, a % on the evaluated weights and a points line that agrees, no niveau', async () => {
    const { page } = app;
    await page.click(`${tid('import-form')} summary`);
    await page.setInputFiles(tid('import-files'), [DATA.rgesn]);
    await page.click(tid('import-submit'));
    await page.waitForSelector(tid('import-result'), { timeout: 30_000 });
    await page.goto(`${app.url}#/referentiel/rgesn/rgesn_1.1`);
    await page.check(tid('statut-radio-conforme'));
    await page.waitForFunction(() => ['fait', 'conforme'].includes(document.querySelector('[data-testid="node-statut-rgesn_1.1"]')?.getAttribute('data-statut') ?? ''));
    expect(await text(page, 'node-pct-rgesn_1')).toBe(`100,0${NNBSP}%`);
    expect(await text(page, 'node-points-rgesn_1')).toBe('1,5 / 1,5');
    await page.click(tid('nav-dashboard'));
    await page.waitForSelector(tid('score-global-rgesn'));
    expect(await text(page, 'score-global-rgesn')).toBe(`100,0${NNBSP}%`);
    expect(await text(page, 'score-points-rgesn')).toBe('1,5 pts conformes sur 1,5 évalués (100,25 au total)');
    expect(await page.$(tid('niveau-rgesn'))).toBeNull();
    expect(await page.$eval(tid('axes-rgesn'), (t) => [...t.querySelectorAll('thead th')].map((th) => th.textContent))).toEqual([
      'Thématique',
      'Potentiel',
      'Conforme',
      'Non conforme',
      'Non évalué',
      '% conforme',
      'Répartition',
    ]);
    await page.locator(tid('referential-card-rgesn')).scrollIntoViewIfNeeded();
    await app.screenshot('dashboard-rgesn');
    expect(app.pageErrors).toEqual([]);
  });
});
