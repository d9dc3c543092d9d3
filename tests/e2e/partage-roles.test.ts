/**
 * What an invited person sees matches what they may do (shared/access.ts, renderer lib/droits.tsx), in Chromium over
 * the sharing listener, on the demo workspace: a lecteur and an auditeur see a fiche without the statut selector,
 * the pilotes editor or any preuve control, and open the preuve files but the confidentiel one (a forged URL of
 * that one answers a 403 page saying why); the auditeur is offered the pack and not the référent's screens; a pilote
 * opens a file of their own criterion and is refused, with a clear page, one of someone else's over a forged URL.
 * Screenshots: test-results/screenshots/partage-fiche-{lecteur,auditeur}{,-preuves}.png, partage-403.png.
 */
import { readFileSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Referential } from '../../shared/domain';
import type { MesCriteres, RetardPersonne } from '../../electron/core/services/mes-criteres';
import { startE2EApp, type E2EApp } from './harness';
import { axeViolationsOf } from './axe';
import { tid } from './ui';

describe('Roles over the shared link in Chromium (demo workspace)', () => {
  let app: E2EApp;
  let shareUrl = '';
  const liens: Record<'lecture' | 'auditeur' | 'pilote', string> = { lecture: '', auditeur: '', pilote: '' };
  let referentialId = '';
  let sienne = { nodeId: '', preuveId: '' };
  let autre = { nodeId: '', preuveId: '', secreteId: '' };
  let pilote: RetardPersonne;

  /** A tRPC mutation on the lead's local server, from Node. */
  async function mutate<T>(path: string, input: unknown): Promise<T> {
    const res = await fetch(`${app.url}trpc/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(input) });
    const body = (await res.json()) as { result?: { data: T }; error?: { message: string } };
    if (!res.ok || !body.result) throw new Error(`${path} : ${body.error?.message ?? `HTTP ${res.status}`}`);
    return body.result.data;
  }
  const addFile = (nodeId: string, fileName: string, text: string) =>
    mutate<{ id: string }>('preuves.addFile', { referentialId, nodeId, fileName, contentBase64: Buffer.from(text).toString('base64') }).then((p) => p.id);

  beforeAll(async () => {
    app = await startE2EApp({ demo: true });
    pilote = (await app.query<RetardPersonne[]>('mesCriteres.retards'))[0]!;
    const criteres = await app.query<MesCriteres>('mesCriteres.list', { owner: { personId: pilote.personId } });
    const first = criteres.criteres[0]!;
    referentialId = first.referentialId;
    const ref = await app.query<Referential>('referentials.get', { referentialId });
    const owned = new Set(criteres.criteres.filter((c) => c.referentialId === referentialId).map((c) => c.nodeId));
    const leaf = ref.nodes.find((n) => n.depth > 0 && !owned.has(n.id) && !ref.nodes.some((m) => m.parentId === n.id))!;
    sienne = { nodeId: first.nodeId, preuveId: await addFile(first.nodeId, 'deliberation-pilote.txt', 'Délibération du pilote') };
    autre = { nodeId: leaf.id, preuveId: await addFile(leaf.id, 'budget-autre.txt', "Budget d'un autre service"), secreteId: await addFile(leaf.id, 'dossier-rh.txt', 'Données RH') };
    await mutate('preuves.update', { preuveId: autre.secreteId, titre: 'Dossier RH', confidentiel: true });

    shareUrl = (await mutate<{ url: string }>('partage.demarrer', { host: '127.0.0.1', port: 0 })).url;
    liens.lecture = (await mutate<{ lien: string }>('partage.inviter', { role: 'lecture', nom: 'Élu Lecteur' })).lien;
    liens.auditeur = (await mutate<{ lien: string }>('partage.inviter', { role: 'auditeur', nom: 'Paul Auditeur' })).lien;
    liens.pilote = (await mutate<{ lien: string }>('partage.inviter', { role: 'pilote', personId: pilote.personId })).lien;
  });
  afterAll(async () => {
    await app?.close();
  });

  /** A browser of the invited person, signed in with their link. */
  async function invited(role: keyof typeof liens): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
    const context = await app.browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'fr-FR', acceptDownloads: true });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(liens[role]);
    await page.waitForSelector(tid('moi'));
    return { context, page, errors };
  }

  /** Clicks a download link and returns the downloaded text. */
  async function download(page: Page, testId: string): Promise<string> {
    const [dl] = await Promise.all([page.waitForEvent('download'), page.click(tid(testId))]);
    return readFileSync((await dl.path())!, 'utf8');
  }

  /** The fiche of `nodeId`, read-only: no statut radios, no pilotes boxes, no preuve control. */
  async function expectReadOnlyFiche(page: Page, nodeId: string): Promise<void> {
    await page.goto(`${shareUrl}#/referentiel/${referentialId}/${nodeId}`);
    await page.waitForSelector(`${tid('criterion-panel')}[data-node-id="${nodeId}"] ${tid('preuves-list')}`);
    await page.waitForSelector(tid('pilotes-lecture'));
    for (const absent of ['statut-group', 'explication', 'explication-save', 'pilotes', 'echeance', 'person-add', 'preuve-dropzone', 'preuve-file-input', 'preuve-link-url', 'preuve-library-select']) {
      expect(await page.$(tid(absent)), absent).toBeNull();
    }
    expect(await page.$$(`${tid('criterion-panel')} [data-testid^="preuve-detach-"], [data-testid^="preuve-revision-"], [data-testid^="preuve-confidentiel-"]`)).toEqual([]);
    // Values as text: the statut (when the node takes one) and the pilotes.
    if (await page.$(tid('statut-computed'))) expect(await page.$(tid('statut-lecture'))).toBeNull();
    else expect(await page.textContent(tid('statut-lecture-badge'))).not.toBe('');
    expect(await page.textContent(tid('pilotes-lecture-pilotes'))).not.toBe('');
    // Files: « Ouvrir » on the ordinary one, not on the confidentiel one (which is still listed, marked).
    expect(await page.$(tid(`preuve-open-${autre.preuveId}`))).not.toBeNull();
    expect(await page.$(tid(`preuve-open-${autre.secreteId}`))).toBeNull();
    expect((await page.textContent(tid(`preuve-confidentielle-${autre.secreteId}`)))?.trim()).toBe('Confidentielle');
  }

  it('an invited lecteur: a read-only fiche, opens a preuve file, is refused the confidentiel one with a clear page', async () => {
    const { context, page, errors } = await invited('lecture');
    expect(await page.textContent(tid('moi'))).toBe('Élu Lecteur — Lecture seule');
    expect(await page.$(tid('nav-partage'))).toBeNull();
    expect(await page.$(tid('nav-export'))).toBeNull();
    expect(await page.$(tid('dashboard-sauvegardes'))).toBeNull();
    await expectReadOnlyFiche(page, autre.nodeId);
    await page.screenshot({ path: 'test-results/screenshots/partage-fiche-lecteur.png' });
    await page.locator(tid('preuves')).screenshot({ path: 'test-results/screenshots/partage-fiche-lecteur-preuves.png' });
    expect(await axeViolationsOf(page)).toEqual([]);
    expect(await download(page, `preuve-open-${autre.preuveId}`)).toBe("Budget d'un autre service");

    const res = await page.goto(`${shareUrl}preuves/${autre.secreteId}/fichier`);
    expect(res?.status()).toBe(403);
    expect(await page.textContent(tid('partage-403'))).toBe(
      "Téléchargement refusé : la preuve « Dossier RH » est confidentielle ; le rôle « Lecture seule » (Élu Lecteur) ne permet pas de l'ouvrir (la collectivité la retient aussi du paquet d'audit).",
    );
    await page.screenshot({ path: 'test-results/screenshots/partage-403.png' });
    const paquet = await page.goto(`${shareUrl}paquet/${referentialId}`);
    expect(paquet?.status()).toBe(403);
    expect(await page.textContent(tid('partage-403'))).toContain("ne permet pas de télécharger le paquet d'audit");
    expect(errors).toEqual([]);
    await context.close();
  });

  it('an invited auditeur: no référent control outside the audit screen, opens a preuve file, is offered the pack', async () => {
    const { context, page, errors } = await invited('auditeur');
    expect(await page.textContent(tid('moi'))).toBe('Paul Auditeur — Auditeur');
    expect(await page.$(tid('dashboard-sauvegardes'))).toBeNull();
    await expectReadOnlyFiche(page, autre.nodeId);
    await page.screenshot({ path: 'test-results/screenshots/partage-fiche-auditeur.png' });
    await page.locator(tid('preuves')).screenshot({ path: 'test-results/screenshots/partage-fiche-auditeur-preuves.png' });
    expect(await download(page, `preuve-open-${autre.preuveId}`)).toBe("Budget d'un autre service");

    // Référent's controls elsewhere: the import, the jalon form, the personnalisation answers.
    await page.click(tid('nav-referentiel'));
    await page.waitForSelector(tid('node-tree'));
    expect(await page.$(tid('import-form'))).toBeNull();
    await page.click(tid('nav-jalons'));
    await page.waitForSelector('h1');
    expect(await page.$(tid('jalon-take'))).toBeNull();
    await page.click(tid('nav-personnalisation'));
    await page.waitForSelector(tid('identite-lecture'));
    expect(await page.$(tid('identite-save'))).toBeNull();
    expect(await page.$$('[data-testid^="question-"] input, [data-testid^="question-"] textarea')).toEqual([]);

    // The audit screen: the référent's step actions (request, open, decide) are not offered to the auditeur.
    await page.goto(`${shareUrl}#/audit/${referentialId}`);
    await page.waitForSelector(tid('audit-cycle'));
    for (const absent of ['audit-demander', 'audit-ouvrir', 'audit-retirer', 'audit-decider', 'audit-nouveau-cycle']) expect(await page.$(tid(absent)), absent).toBeNull();

    // The pack: a download link, built without the confidentiel preuve.
    await page.click(tid('nav-export'));
    await page.waitForSelector(tid('export-paquet'));
    expect(await axeViolationsOf(page)).toEqual([]);
    expect(await page.$(tid('export-button'))).toBeNull();
    const [dl] = await Promise.all([page.waitForEvent('download'), page.click(tid('export-paquet'))]);
    const zip = readFileSync((await dl.path())!);
    expect(zip.subarray(0, 2).toString()).toBe('PK');
    expect(zip.includes(Buffer.from('budget-autre.txt'))).toBe(true);
    expect(zip.includes(Buffer.from('dossier-rh.txt'))).toBe(false);
    expect(dl.suggestedFilename()).toMatch(/\.zip$/);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a pilote opens a file of their criterion and is refused, with a clear page, one of another criterion', async () => {
    const { context, page, errors } = await invited('pilote');
    await page.waitForSelector(tid(`pilote-preuve-open-${sienne.preuveId}`));
    expect(await download(page, `pilote-preuve-open-${sienne.preuveId}`)).toBe('Délibération du pilote');
    // The file picker speaks French: a button, and the name of nothing chosen yet.
    expect(await page.textContent(tid(`pilote-preuve-fichier-${sienne.nodeId}-chosen`))).toBe('Aucun fichier choisi');
    expect(await axeViolationsOf(page)).toEqual([]);

    const res = await page.goto(`${shareUrl}preuves/${autre.preuveId}/fichier`);
    expect(res?.status()).toBe(403);
    expect(await page.textContent(tid('partage-403'))).toBe(
      `Téléchargement refusé : le rôle « Pilote » (${pilote.nom}) ne permet d'ouvrir que les preuves de vos critères, et la preuve « ${autre.preuveId} » n'est rattachée à aucun d'eux.`,
    );
    expect(await page.textContent('a[href="/#/"]')).toBe('Revenir à Label Audit');
    expect(errors).toEqual([]);
    await context.close();
  });
});
