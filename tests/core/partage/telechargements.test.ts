/**
 * Downloads over the shared link (electron/core/partage/telechargements.ts, server.ts): a preuve's file per role
 * (pilote: their criteria's; auditeur and lecteur: not the confidentiel ones) and the audit pack (auditeur only,
 * without the confidentiel preuves); every refusal answers a 403 page naming the reason.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appRouter } from '../../../electron/core/api/router';
import type { Core } from '../../../electron/core/core';
import { arreterPartage, configurePartage, demarrerPartage } from '../../../electron/core/partage';
import { exportsDir } from '../../../electron/core/paths';
import { memoryCore, tempDir, toyTete } from '../helpers/context';

let core: Core;
let cleanup: () => void;
let renderer: { dir: string; cleanup: () => void };
let base: string;
const cookies: Record<string, string> = {};
let sienne: string;
let autre: string;
let secrete: string;
let lien: string;

beforeEach(async () => {
  ({ core, cleanup } = memoryCore());
  core.referentials.store(toyTete('eci'));
  const claire = core.people.create({ nom: 'Claire Dupont' }).id;
  const bob = core.people.create({ nom: 'Bob Martin' }).id;
  core.nodes.setPilotes({ referentialId: 'eci', nodeId: 'eci_1', personIds: [claire], serviceIds: [] });
  core.nodes.setPilotes({ referentialId: 'eci', nodeId: 'eci_2', personIds: [bob], serviceIds: [] });
  sienne = core.preuves.addFile({ referentialId: 'eci', nodeId: 'eci_1.1', fileName: 'deliberation.txt', bytes: Buffer.from('Délibération de Claire') }).id;
  autre = core.preuves.addFile({ referentialId: 'eci', nodeId: 'eci_2.1', fileName: 'budget.txt', bytes: Buffer.from('Budget de Bob') }).id;
  secrete = core.preuves.addFile({ referentialId: 'eci', nodeId: 'eci_1.1', fileName: 'rh.txt', titre: 'Dossier RH', bytes: Buffer.from('Données RH') }).id;
  core.preuves.update({ preuveId: secrete, confidentiel: true });
  lien = core.preuves.addLink({ referentialId: 'eci', nodeId: 'eci_1.1', url: 'https://example.org/pv', titre: 'PV en ligne' }).id;
  renderer = tempDir('label-audit-renderer-');
  configurePartage(core, { router: appRouter, rendererDir: renderer.dir });
  base = (await demarrerPartage(core, { host: '127.0.0.1', port: 0 })).url!;
  cookies.pilote = core.invitations.create({ role: 'pilote', personId: claire }).token;
  cookies.auditeur = core.invitations.create({ role: 'auditeur', nom: 'Paul Auditeur' }).token;
  cookies.lecture = core.invitations.create({ role: 'lecture', nom: 'Élu Lecteur' }).token;
  cookies.referent = core.invitations.create({ role: 'referent', nom: 'Rémi Référent' }).token;
});
afterEach(async () => {
  await arreterPartage(core);
  cleanup();
  renderer.cleanup();
});

const get = (path: string, who?: string) => fetch(new URL(path, base), { redirect: 'manual', headers: who ? { cookie: `label_audit_invitation=${cookies[who]}` } : {} });
const fichier = (id: string, who: string) => get(`/preuves/${encodeURIComponent(id)}/fichier`, who);

async function expectRefused(res: Response, status: number, reason: string): Promise<void> {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
  const body = await res.text();
  expect(body).toContain(status === 403 ? '<h1>Téléchargement refusé</h1>' : '<h1>Téléchargement impossible</h1>');
  expect(body).toContain(reason.replace(/'/g, '&#39;').replace(/"/g, '&#34;'));
  expect(body).toContain('<a href="/#/">Revenir à Label Audit</a>');
  expect(body).not.toContain('<script');
}

describe('preuve files over the shared link', () => {
  it('a pilote opens the preuves of their criteria (confidentiel included) and is refused the others', async () => {
    const res = await fichier(sienne, 'pilote');
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('Délibération de Claire');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="deliberation.txt"; filename*=UTF-8''deliberation.txt`);
    expect(res.headers.get('content-security-policy')).toBe("sandbox; default-src 'none'");
    expect(await (await fichier(secrete, 'pilote')).text()).toBe('Données RH');
    await expectRefused(
      await fichier(autre, 'pilote'),
      403,
      `Téléchargement refusé : le rôle « Pilote » (Claire Dupont) ne permet d'ouvrir que les preuves de vos critères, et la preuve « ${autre} » n'est rattachée à aucun d'eux.`,
    );
    // Her screen lists exactly the files she may open (mesCriteres.list `fichiers`).
    const claire = core.people.list().find((p) => p.nom === 'Claire Dupont')!.id;
    const listed = core.mesCriteres.list({ kind: 'person', id: claire }).criteres.find((c) => c.nodeId === 'eci_1.1')!;
    expect(listed.fichiers.map((f) => [f.titre, f.confidentiel])).toEqual([
      ['Dossier RH', true],
      ['deliberation.txt', false],
    ]);
    // An unknown id is refused the same way: a pilote does not learn which ids exist.
    await expectRefused(await fichier('inconnue', 'pilote'), 403, 'la preuve « inconnue » n&#39;est rattachée à aucun');
  });

  it('an auditeur and a lecteur open every preuve but the confidentiel one', async () => {
    for (const who of ['auditeur', 'lecture']) {
      expect(await (await fichier(sienne, who)).text()).toBe('Délibération de Claire');
      expect(await (await fichier(autre, who)).text()).toBe('Budget de Bob');
    }
    await expectRefused(
      await fichier(secrete, 'auditeur'),
      403,
      "Téléchargement refusé : la preuve « Dossier RH » est confidentielle ; le rôle « Auditeur » (Paul Auditeur) ne permet pas de l'ouvrir (la collectivité la retient aussi du paquet d'audit).",
    );
    await expectRefused(await fichier(secrete, 'lecture'), 403, 'le rôle « Lecture seule » (Élu Lecteur) ne permet pas');
    expect(await (await fichier(secrete, 'referent')).text()).toBe('Données RH');
  });

  it('a link, an unknown id: 404 pages that say why; no cookie: the 401 page', async () => {
    await expectRefused(await fichier(lien, 'auditeur'), 404, "La preuve « PV en ligne » est un lien, pas un fichier : il n'y a rien à télécharger.");
    await expectRefused(await fichier('inconnue', 'lecture'), 404, "La preuve « inconnue » n'existe pas.");
    const res = await get(`/preuves/${sienne}/fichier`);
    expect(res.status).toBe(401);
    expect(await res.text()).not.toContain('Délibération');
  });
});

describe('the audit pack over the shared link', () => {
  it('an auditeur downloads the pack, without the confidentiel preuve; its folder is removed afterwards', async () => {
    const res = await get('/paquet/eci', 'auditeur');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/zip');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="[^"]+\.zip"/);
    const zip = Buffer.from(await res.arrayBuffer());
    expect(zip.subarray(0, 2).toString()).toBe('PK');
    expect(zip.includes(Buffer.from('deliberation.txt'))).toBe(true);
    // Entry names are stored as they are: the confidentiel file is not one of them; the manifest lists it as withheld.
    expect(zip.includes(Buffer.from('/rh.txt'))).toBe(false);
    expect(zip.includes(Buffer.from('Données RH'))).toBe(false);
    expect(zip.includes(Buffer.from('_manifeste/fichiers-manquants.txt'))).toBe(true);
    // Nothing left beside the référent's exports.
    await new Promise((r) => setTimeout(r, 50));
    expect(readdirSync(exportsDir(core.ctx.dataDir)).filter((f) => f.startsWith('.partage-'))).toEqual([]);
  });

  it('a lecteur and a pilote are refused the pack; an unknown referential is a 404', async () => {
    await expectRefused(
      await get('/paquet/eci', 'lecture'),
      403,
      "Téléchargement refusé : le rôle « Lecture seule » (Élu Lecteur) ne permet pas de télécharger le paquet d'audit (réservé au référent et à l'auditeur).",
    );
    await expectRefused(await get('/paquet/eci', 'pilote'), 403, 'le rôle « Pilote » (Claire Dupont) ne permet pas de télécharger');
    const res = await get('/paquet/zzz', 'auditeur');
    expect(res.status).toBe(404);
    expect(existsSync(join(exportsDir(core.ctx.dataDir)))).toBe(true);
    expect(readdirSync(exportsDir(core.ctx.dataDir)).filter((f) => f.startsWith('.partage-'))).toEqual([]);
  });
});
