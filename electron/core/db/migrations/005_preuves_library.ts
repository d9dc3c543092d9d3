/**
 * 005 — preuves as a library (issue 4 item 1; tete-referentials.md §4.6 "bibliotheque_fichier", `confidentiel`,
 * preuves attendues / `preuve_reglementaire`):
 * - `preuve` gains the document's date (`date_document`, YYYY-MM-DD), its owner (`proprietaire_id`, a person; the
 *   preuve stays when the person is deleted) and the `confidentiel` flag (0/1, default 0);
 * - `preuve_revision` keeps every version of a file preuve (numero 1, 2, … with name, size, SHA-256, type, date and
 *   author). The `preuve` row's file columns stay those of the latest revision, which the pack takes; a jalon can pin
 *   a revision by its hash. Every existing file preuve becomes its revision 1;
 * - `preuve_couverture` marks a preuve as answering a preuve attendue of a referential. No foreign key to
 *   `preuve_attendue`: a re-import replaces that catalogue, and the marks must survive it. Until now a preuve
 *   attendue counted as covered when a preuve of its node carried its name as titre (accents and case ignored):
 *   those implicit marks become explicit rows here, so nothing the user saw as « Fournie » changes.
 * Every existing row is kept as is.
 */
import type { Migration } from './types';

const SQL = `
ALTER TABLE preuve ADD COLUMN date_document TEXT;
ALTER TABLE preuve ADD COLUMN proprietaire_id TEXT REFERENCES person(id) ON DELETE SET NULL;
ALTER TABLE preuve ADD COLUMN confidentiel INTEGER NOT NULL DEFAULT 0 CHECK (confidentiel IN (0, 1));

CREATE TABLE preuve_revision (
  preuve_id TEXT NOT NULL REFERENCES preuve(id) ON DELETE CASCADE,
  numero INTEGER NOT NULL CHECK (numero >= 1),
  file_name TEXT NOT NULL,
  size INTEGER NOT NULL,
  sha256 TEXT NOT NULL,
  mime_type TEXT,
  added_at TEXT NOT NULL,
  added_by TEXT NOT NULL,
  PRIMARY KEY (preuve_id, numero)
);
CREATE INDEX preuve_revision_by_sha256 ON preuve_revision(sha256);

INSERT INTO preuve_revision (preuve_id, numero, file_name, size, sha256, mime_type, added_at, added_by)
  SELECT id, 1, file_name, COALESCE(size, 0), sha256, mime_type, added_at, added_by FROM preuve WHERE kind = 'fichier';

CREATE TABLE preuve_couverture (
  preuve_id TEXT NOT NULL REFERENCES preuve(id) ON DELETE CASCADE,
  referential_id TEXT NOT NULL,
  preuve_attendue_id TEXT NOT NULL,
  PRIMARY KEY (preuve_id, referential_id, preuve_attendue_id)
);
CREATE INDEX preuve_couverture_by_attendue ON preuve_couverture(referential_id, preuve_attendue_id);
`;

/** The renderer's former matching of a titre to a preuve attendue's nom: accents, case and outer spaces ignored. */
const fold = (s: string): string => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().trim();

export const migration005: Migration = {
  version: 5,
  name: 'preuves_library',
  up(db) {
    db.exec(SQL);
    const pairs = db
      .prepare(
        `SELECT p.id AS preuveId, p.titre, a.referential_id AS referentialId, a.id AS attendueId, a.nom
           FROM preuve p
           JOIN preuve_node l ON l.preuve_id = p.id
           JOIN preuve_attendue_node an ON an.referential_id = l.referential_id AND an.node_id = l.node_id
           JOIN preuve_attendue a ON a.referential_id = an.referential_id AND a.id = an.preuve_attendue_id`,
      )
      .all() as { preuveId: string; titre: string; referentialId: string; attendueId: string; nom: string }[];
    const ins = db.prepare('INSERT OR IGNORE INTO preuve_couverture (preuve_id, referential_id, preuve_attendue_id) VALUES (?, ?, ?)');
    for (const r of pairs) if (fold(r.titre) === fold(r.nom)) ins.run(r.preuveId, r.referentialId, r.attendueId);
  },
};
