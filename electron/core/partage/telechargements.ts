/**
 * Downloads over the shared link (issue 5 item 4; an auditor who cannot open the preuves cannot audit): who may
 * download which preuve file, and the audit pack an invited auditeur takes away. The rules are shared/access.ts's
 * (`preuveDownloadAllowed`, `packDownloadAllowed`, also read by the renderer to show or hide the links); this module
 * adds what they need from the database (is the preuve confidentiel, is it attached to one of the pilote's
 * criteria) and throws a UserError naming the role, the person and the reason when a download is refused.
 * The HTTP side (routes, headers, the refusal page) is server.ts's.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { packDownloadAllowed, preuveDownloadAllowed } from '../../../shared/access';
import { UserError } from '../../../shared/errors';
import { ROLE_LABELS, ROLE_LABELS_EN, type Actor } from '../../../shared/roles';
import type { Core } from '../core';
import { exportsDir } from '../paths';
import { ownsPreuve } from '../services/ownership';
import type { PreuveFile } from '../services/preuves';


/**
 * The stored file of preuve `preuveId` for `actor` (see shared/access.ts `preuveDownloadAllowed`). Throws UserError
 * NOT_FOUND for an unknown id (a pilote gets FORBIDDEN instead: they may not learn which ids exist), a link or
 * missing bytes (services/preuves.ts `preuveFile`); FORBIDDEN when the role may not have this preuve — a pilote:
 * not attached to one of their criteria (the titre is not named: they may not read it); an auditeur or lecteur: a
 * confidentiel preuve (named by its titre, which they see in the lists).
 */
export function preuvePartagee(core: Core, actor: Actor, preuveId: string): PreuveFile {
  const row = core.ctx.db.prepare('SELECT titre, confidentiel FROM preuve WHERE id = ?').get(preuveId) as { titre: string; confidentiel: number } | undefined;
  const own = actor.role === 'pilote' && actor.personId !== null && row !== undefined && ownsPreuve(core.ctx, actor.personId, preuveId);
  const who = `le rôle « ${ROLE_LABELS[actor.role]} » (${actor.name})`;
  const whoEn = `the “${ROLE_LABELS_EN[actor.role]}” role (${actor.name})`;
  if (actor.role === 'pilote' && !own) {
    throw new UserError(
      'FORBIDDEN',
      {
        fr: `Téléchargement refusé : ${who} ne permet d'ouvrir que les preuves de vos critères, et la preuve « ${preuveId} » n'est rattachée à aucun d'eux.`,
        en: `Download refused: ${whoEn} may only open the evidence of your own criteria, and the evidence “${preuveId}” is attached to none of them.`,
      },
      { field: 'preuveId' },
    );
  }
  if (row === undefined) return core.preuves.file(preuveId); // NOT_FOUND, worded by the service
  if (!preuveDownloadAllowed(actor.role, { confidentiel: row.confidentiel === 1, own })) {
    throw new UserError(
      'FORBIDDEN',
      {
        fr: `Téléchargement refusé : la preuve « ${row.titre} » est confidentielle ; ${who} ne permet pas de l'ouvrir (la collectivité la retient aussi du paquet d'audit).`,
        en: `Download refused: the evidence “${row.titre}” is confidential; ${whoEn} may not open it (the authority also keeps it out of the audit pack).`,
      },
      { field: 'preuveId' },
    );
  }
  return core.preuves.file(preuveId);
}

/** A pack built for one download: the file, its name, and `dispose()` that removes its folder (idempotent). */
export interface PaquetPartage {
  path: string;
  fileName: string;
  bytes: number;
  dispose(): void;
}

/**
 * Builds the audit pack of `referentialId` for `actor`, without the confidentiel preuves (listed as withheld, as
 * in every export that does not include them), in a folder of its own under `<dataDir>/exports/` (never served by
 * `/exports/`, which serves only the files directly in that folder), so that it cannot be confused with the
 * référent's export of the same name. The caller streams it then calls `dispose()`. Throws UserError FORBIDDEN when
 * the role may not take the pack (shared/access.ts `packDownloadAllowed`), REFERENTIAL_UNKNOWN, and the builder's
 * errors (the folder is removed then).
 */
export async function paquetPartage(core: Core, actor: Actor, referentialId: string, lang: 'fr' | 'en' = 'fr'): Promise<PaquetPartage> {
  if (!packDownloadAllowed(actor.role)) {
    throw new UserError(
      'FORBIDDEN',
      {
        fr: `Téléchargement refusé : le rôle « ${ROLE_LABELS[actor.role]} » (${actor.name}) ne permet pas de télécharger le paquet d'audit (réservé au référent et à l'auditeur).`,
        en: `Download refused: the “${ROLE_LABELS_EN[actor.role]}” role (${actor.name}) may not download the audit pack (for the referent and the auditor only).`,
      },
      { field: 'referentialId' },
    );
  }
  const dir = mkdtempSync(join(exportsDir(core.ctx.dataDir), '.partage-'));
  const dispose = () => rmSync(dir, { recursive: true, force: true });
  try {
    const res = await core.pack.export(referentialId, { includeConfidentiel: false, lang, outDir: dir });
    return { path: res.path, fileName: res.fileName, bytes: res.bytes, dispose };
  } catch (e) {
    dispose();
    throw e;
  }
}
