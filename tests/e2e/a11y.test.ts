/**
 * Accessibility in Chromium (issue 8 item 1, Done when): axe-core (node_modules/axe-core/axe.min.js, WCAG 2.0/2.1
 * A and AA rules) on every screen of the demo workspace, in both themes (light, dark) and both languages (fr, en),
 * with zero violations; each violation is printed (rule, impact, target, summary) when the test fails.
 * Also: the skip link is the first stop of the keyboard and moves the focus to <main>; the switches keep their
 * choice across a reload and set <html lang>. Screenshots of a few screens in both languages.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { RetardPersonne } from '../../electron/core/services/mes-criteres';
import { describeWithSharedData } from '../helpers/shared-data';
import { startE2EApp, type E2EApp } from './harness';
import { tid } from './ui';
import { axeViolationsOf } from './axe';

/** Runs axe-core on the app's page (axe.ts). */
const axeViolations = (app: E2EApp): Promise<string[]> => axeViolationsOf(app.page);

/** The screens to check: the hash and a selector that says the screen has loaded its data. */
function screens(personId: string): Array<{ name: string; hash: string; ready: string }> {
  return [
    { name: 'dashboard', hash: '#/', ready: '[data-testid^="referential-card-"] .card-title, [data-testid^="referential-card-"] h2' },
    { name: 'referentiel-mesure', hash: '#/referentiel/cae/cae_1.1.1', ready: `${tid('criterion-panel')}[data-node-id="cae_1.1.1"]` },
    { name: 'referentiel-tache', hash: '#/referentiel/cae/cae_1.1.1.1', ready: tid('statut-group') },
    { name: 'personnalisation', hash: '#/personnalisation', ready: 'main h1' },
    { name: 'candidature', hash: '#/candidature/cae', ready: tid('candidature-summary') },
    { name: 'mes-criteres-equipe', hash: '#/mes-criteres', ready: tid('retards') },
    { name: 'mes-criteres', hash: `#/mes-criteres/${encodeURIComponent(personId)}`, ready: tid('mes-criteres') },
    { name: 'preuves', hash: '#/preuves', ready: 'main h1' },
    { name: 'export', hash: '#/export/cae', ready: 'main h1' },
    { name: 'sauvegardes', hash: '#/sauvegardes', ready: 'main h1' },
    { name: 'jalons', hash: '#/jalons', ready: 'main h1' },
    { name: 'comparaison', hash: '#/comparaison', ready: 'main h1' },
    { name: 'audit', hash: '#/audit/cae', ready: 'main h1' },
    { name: 'historique', hash: '#/historique', ready: 'main h1' },
    { name: 'partage', hash: '#/partage', ready: 'main h1' },
  ];
}

describeWithSharedData('accessibility (axe-core) in Chromium, every screen, both themes and languages', () => {
  let app: E2EApp;
  let personId: string;

  beforeAll(async () => {
    // A pause at each step of an import with progress (tests only): the bar stays while axe checks it.
    app = await startE2EApp({ demo: true, importPhaseDelayMs: 3000 });
    await app.page.goto(app.url);
    await app.page.waitForSelector(tid('workspace-nom'));
    personId = (await app.query<RetardPersonne[]>('mesCriteres.retards'))[0]!.personId;
  });
  afterAll(async () => {
    await app?.close();
  });

  /** Sets the stored language and theme, then reloads at `hash`. */
  async function open(hash: string, lang: 'fr' | 'en', theme: 'light' | 'dark', ready: string): Promise<void> {
    const { page } = app;
    await page.evaluate(
      ([l, t]) => {
        localStorage.setItem('label-audit.lang', l!);
        localStorage.setItem('label-audit.theme', t!);
      },
      [lang, theme],
    );
    await page.goto(`${app.url}${hash}`);
    await page.reload();
    await page.waitForSelector(ready);
    // The queries of the screen settled (no « Chargement… » left), so axe sees the final page.
    await page.waitForFunction(() => !document.querySelector('main')?.textContent?.match(/Chargement|Loading/));
  }

  for (const lang of ['fr', 'en'] as const) {
    for (const theme of ['light', 'dark'] as const) {
      it(`has no axe violation on any screen (${lang}, ${theme})`, async () => {
        const found: string[] = [];
        for (const s of screens(personId)) {
          await open(s.hash, lang, theme, s.ready);
          expect(await app.page.evaluate(() => document.documentElement.lang)).toBe(lang);
          expect(await app.page.evaluate(() => document.documentElement.getAttribute('data-theme'))).toBe(theme);
          for (const v of await axeViolations(app)) found.push(`${s.name}: ${v}`);
          if (s.name === 'dashboard' || s.name === 'referentiel-mesure' || s.name === 'export') await app.screenshot(`a11y-${s.name}-${lang}-${theme}`);
        }
        if (found.length > 0) console.log(`axe violations (${lang}, ${theme}):\n${found.join('\n')}`);
        expect(found).toEqual([]);
      });
    }
  }

  it('has no axe violation, dark theme, on a comparison with changes, an opened audit mesure, the sharing banner and the preuves library picker', async () => {
    const mutate = async <T,>(path: string, input: unknown): Promise<T> => {
      const res = await fetch(`${app.url}trpc/${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(input) });
      const body = (await res.json()) as { result?: { data: T }; error?: { message: string } };
      if (!body.result) throw new Error(`${path}: ${body.error?.message}`);
      return body.result.data;
    };
    const jalon = await mutate<{ id: number }>('jalons.take', { name: 'Avant les changements', kind: 'manuel' });
    await mutate('statuts.set', { referentialId: 'cae', nodeId: 'cae_1.1.1.1.1', statut: 'pas_fait' });
    await mutate('partage.demarrer', { host: '127.0.0.1', port: 0 });
    try {
      const found: string[] = [];
      for (const lang of ['fr', 'en'] as const) {
        await open(`#/comparaison?a=${jalon.id}&b=maintenant&ref=cae`, lang, 'dark', tid('cmp-summary'));
        expect(Number(await app.page.getAttribute(tid('cmp-summary'), 'data-value'))).toBeGreaterThan(0);
        await app.page.waitForSelector('.partage-banner');
        for (const v of await axeViolations(app)) found.push(`comparaison (${lang}): ${v}`);
        await app.screenshot(`a11y-comparaison-${lang}-dark`);
      }
      await open('#/audit/cae', 'fr', 'dark', 'main h1');
      const toggle = app.page.locator('.audit-mesures button, .audit-mesures a').first();
      if ((await toggle.count()) > 0) await toggle.click();
      for (const v of await axeViolations(app)) found.push(`audit: ${v}`);
      await open('#/referentiel/cae/cae_1.1.1.1', 'fr', 'dark', tid('statut-group'));
      await app.page.click(tid('preuve-library-open'));
      await app.page.waitForSelector(tid('preuve-library-count'));
      for (const v of await axeViolations(app)) found.push(`fiche, bibliothèque des preuves: ${v}`);
      if (found.length > 0) console.log(`axe violations (dark, with data):\n${found.join('\n')}`);
      expect(found).toEqual([]);
    } finally {
      await mutate('partage.arreter', undefined);
    }
  });

  it('has no axe violation on the import form while an import runs (progress bar, « Annuler ») and once cancelled', async () => {
    const found: string[] = [];
    for (const [lang, theme] of [
      ['fr', 'dark'],
      ['en', 'light'],
    ] as const) {
      await open('#/referentiel/cae', lang, theme, tid('node-tree'));
      const { page } = app;
      await page.click(`${tid('import-form')} summary`);
      await page.setInputFiles(tid('import-files'), ['tests/fixtures/grid/grille-officielle.csv']);
      await page.click(tid('import-submit'));
      await page.waitForSelector(`${tid('import-progress')}[data-step="lecture"]`);
      for (const v of await axeViolations(app)) found.push(`import en cours (${lang}, ${theme}): ${v}`);
      await app.screenshot(`a11y-import-progress-${lang}-${theme}`);
      await page.click(tid('import-cancel'));
      await page.waitForSelector(tid('import-cancelled'));
      for (const v of await axeViolations(app)) found.push(`import annulé (${lang}, ${theme}): ${v}`);
    }
    if (found.length > 0) console.log(`axe violations (import):\n${found.join('\n')}`);
    expect(found).toEqual([]);
    expect((await app.query<Array<{ id: string }>>('referentials.list')).map((r) => r.id)).not.toContain('grille-officielle');
  });

  it('offers a skip link as the first keyboard stop, which moves the focus to <main>', async () => {
    const { page } = app;
    await open('#/', 'fr', 'light', tid('workspace-nom'));
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => [document.activeElement?.className, document.activeElement?.textContent])).toEqual(['skip-link', 'Aller au contenu']);
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('contenu');
  });

  it('switches the language in the header: navigation, <html lang> and the number formats follow', async () => {
    const { page } = app;
    await open('#/', 'fr', 'light', tid('workspace-nom'));
    expect(await page.textContent(tid('nav-preuves'))).toBe('Preuves');
    await page.selectOption(tid('lang-select'), 'en');
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    expect(await page.textContent(tid('nav-preuves'))).toBe('Evidence');
    expect(await page.evaluate(() => localStorage.getItem('label-audit.lang'))).toBe('en');
    await page.selectOption(tid('lang-select'), 'fr');
    expect(await page.textContent(tid('nav-preuves'))).toBe('Preuves');
  });
});
