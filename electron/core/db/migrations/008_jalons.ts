/**
 * 008 — jalons (issue 6 item 1; DOMAIN.md "jalon"; tete-referentials.md §4.5 "Freezing scores"): named saves and
 * the system jalons pré-audit / post-audit, each an immutable copy, per referential, of the scores, statuts,
 * explications, pilotes, personnalisation and the exact preuve revisions (by SHA-256) of that moment, and of the
 * referential itself (tree and rules as imported), stored once per content hash.
 * - `jalon`: one row per jalon (id, nom, kind manuel / pre-audit / post-audit, at, who);
 * - `jalon_referentiel_contenu`: a referential's canonical JSON by its SHA-256 (10 jalons of the same tree share one row);
 * - `jalon_referentiel`: per jalon and referential, the content hash, the state's date, the whole ScoreResult and
 *   the rest of the state (statuts, pilotes, personnalisation, workspace) as JSON;
 * - `jalon_preuve`: the preuves of that state, with the revision number and SHA-256 of the file they had then, so
 *   the evidence store keeps those bytes (ARCHITECTURE.md "Storage": a jalon's bytes are never deleted).
 * No foreign key to the live tables: deleting a preuve, a node or a referential must not touch a jalon.
 * Triggers refuse UPDATE and DELETE on every jalon table, as on `history`.
 */
import type { Migration } from './types';

const FROZEN = ['jalon', 'jalon_referentiel_contenu', 'jalon_referentiel', 'jalon_preuve'];

const SQL = `
CREATE TABLE jalon (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  nom TEXT NOT NULL CHECK (length(trim(nom)) > 0),
  kind TEXT NOT NULL CHECK (kind IN ('manuel', 'pre-audit', 'post-audit')),
  at TEXT NOT NULL,
  who TEXT NOT NULL,
  -- The last history event recorded when the jalon was taken (NULL: none yet): its pack's historique stops there.
  history_id INTEGER
);

CREATE TABLE jalon_referentiel_contenu (
  sha256 TEXT PRIMARY KEY,
  contenu TEXT NOT NULL
);

CREATE TABLE jalon_referentiel (
  jalon_id INTEGER NOT NULL REFERENCES jalon(id),
  referential_id TEXT NOT NULL,
  referentiel_sha256 TEXT NOT NULL REFERENCES jalon_referentiel_contenu(sha256),
  date TEXT NOT NULL,
  score TEXT NOT NULL,
  etat TEXT NOT NULL,
  PRIMARY KEY (jalon_id, referential_id)
);

CREATE TABLE jalon_preuve (
  jalon_id INTEGER NOT NULL REFERENCES jalon(id),
  referential_id TEXT NOT NULL,
  preuve_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('fichier', 'lien')),
  titre TEXT NOT NULL,
  revision INTEGER,
  file_name TEXT,
  size INTEGER,
  sha256 TEXT,
  url TEXT,
  added_at TEXT NOT NULL,
  confidentiel INTEGER NOT NULL CHECK (confidentiel IN (0, 1)),
  node_ids TEXT NOT NULL,
  PRIMARY KEY (jalon_id, referential_id, preuve_id),
  FOREIGN KEY (jalon_id, referential_id) REFERENCES jalon_referentiel(jalon_id, referential_id)
);
CREATE INDEX jalon_preuve_by_sha256 ON jalon_preuve(sha256);
${FROZEN.map(
  (t) => `
CREATE TRIGGER ${t}_no_update BEFORE UPDATE ON ${t}
BEGIN SELECT RAISE(ABORT, 'un jalon est figé : ${t} ne se modifie pas'); END;
CREATE TRIGGER ${t}_no_delete BEFORE DELETE ON ${t}
BEGIN SELECT RAISE(ABORT, 'un jalon est figé : ${t} ne se supprime pas'); END;`,
).join('\n')}
`;

export const migration008: Migration = {
  version: 8,
  name: 'jalons',
  up(db) {
    db.exec(SQL);
  },
};
