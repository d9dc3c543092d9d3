/**
 * 001 — the initial schema: workspace, referential tree, statuts, people and services, pilotes, échéances,
 * preuves and the append-only history. Shapes follow shared/domain.ts and tete-referentials.md §1.6 / §2.1.
 */
import type { Migration } from './types';

const SQL = `
CREATE TABLE workspace (
  id TEXT PRIMARY KEY,
  nom TEXT NOT NULL,
  type_collectivite TEXT NOT NULL CHECK (type_collectivite IN ('commune', 'EPCI', 'autre')),
  code_insee TEXT,
  population INTEGER,
  utilisateur TEXT NOT NULL,
  created_at TEXT NOT NULL
);

CREATE TABLE referential (
  id TEXT PRIMARY KEY,
  version TEXT NOT NULL,
  nom TEXT NOT NULL,
  model TEXT NOT NULL CHECK (model IN ('tete', 'points', 'weighted')),
  hierarchie TEXT NOT NULL,
  action_level INTEGER NOT NULL,
  redistribution INTEGER NOT NULL,
  niveaux TEXT NOT NULL,
  avertissement TEXT,
  imported_at TEXT NOT NULL
);

CREATE TABLE node (
  referential_id TEXT NOT NULL REFERENCES referential(id) ON DELETE CASCADE,
  id TEXT NOT NULL,
  parent_id TEXT,
  identifiant TEXT NOT NULL,
  depth INTEGER NOT NULL,
  type TEXT NOT NULL,
  nom TEXT NOT NULL,
  description TEXT,
  contexte TEXT,
  exemples TEXT,
  ressources TEXT,
  perimetre_evaluation TEXT,
  reduction_potentiel TEXT,
  categorie TEXT,
  points REAL,
  pourcentage REAL,
  point_referentiel REAL NOT NULL,
  ordre INTEGER NOT NULL,
  seq INTEGER NOT NULL,
  meta TEXT NOT NULL DEFAULT '{}',
  PRIMARY KEY (referential_id, id)
);

CREATE TABLE preuve_attendue (
  referential_id TEXT NOT NULL REFERENCES referential(id) ON DELETE CASCADE,
  id TEXT NOT NULL,
  nom TEXT NOT NULL,
  description TEXT,
  PRIMARY KEY (referential_id, id)
);

CREATE TABLE preuve_attendue_node (
  referential_id TEXT NOT NULL,
  preuve_attendue_id TEXT NOT NULL,
  node_id TEXT NOT NULL,
  PRIMARY KEY (referential_id, preuve_attendue_id, node_id),
  FOREIGN KEY (referential_id, preuve_attendue_id) REFERENCES preuve_attendue(referential_id, id) ON DELETE CASCADE,
  FOREIGN KEY (referential_id, node_id) REFERENCES node(referential_id, id) ON DELETE CASCADE
);

CREATE TABLE statut (
  referential_id TEXT NOT NULL,
  node_id TEXT NOT NULL,
  avancement TEXT NOT NULL CHECK (avancement IN ('fait', 'programme', 'pas_fait', 'non_renseigne', 'detaille')),
  detail TEXT,
  concerne INTEGER NOT NULL DEFAULT 1,
  statut TEXT NOT NULL,
  explication TEXT,
  modified_at TEXT NOT NULL,
  modified_by TEXT NOT NULL,
  PRIMARY KEY (referential_id, node_id),
  FOREIGN KEY (referential_id, node_id) REFERENCES node(referential_id, id) ON DELETE CASCADE
);

CREATE TABLE service (
  id TEXT PRIMARY KEY,
  nom TEXT NOT NULL UNIQUE
);

CREATE TABLE person (
  id TEXT PRIMARY KEY,
  nom TEXT NOT NULL,
  email TEXT,
  service_id TEXT REFERENCES service(id) ON DELETE SET NULL
);

CREATE TABLE pilote (
  referential_id TEXT NOT NULL,
  node_id TEXT NOT NULL,
  person_id TEXT NOT NULL REFERENCES person(id) ON DELETE CASCADE,
  PRIMARY KEY (referential_id, node_id, person_id),
  FOREIGN KEY (referential_id, node_id) REFERENCES node(referential_id, id) ON DELETE CASCADE
);

CREATE TABLE node_service (
  referential_id TEXT NOT NULL,
  node_id TEXT NOT NULL,
  service_id TEXT NOT NULL REFERENCES service(id) ON DELETE CASCADE,
  PRIMARY KEY (referential_id, node_id, service_id),
  FOREIGN KEY (referential_id, node_id) REFERENCES node(referential_id, id) ON DELETE CASCADE
);

CREATE TABLE echeance (
  referential_id TEXT NOT NULL,
  node_id TEXT NOT NULL,
  echeance TEXT NOT NULL,
  PRIMARY KEY (referential_id, node_id),
  FOREIGN KEY (referential_id, node_id) REFERENCES node(referential_id, id) ON DELETE CASCADE
);

CREATE TABLE preuve (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('fichier', 'lien')),
  titre TEXT NOT NULL,
  file_name TEXT,
  size INTEGER,
  sha256 TEXT,
  mime_type TEXT,
  url TEXT,
  added_at TEXT NOT NULL,
  added_by TEXT NOT NULL,
  CHECK ((kind = 'fichier' AND sha256 IS NOT NULL AND file_name IS NOT NULL) OR (kind = 'lien' AND url IS NOT NULL))
);

CREATE TABLE preuve_node (
  preuve_id TEXT NOT NULL REFERENCES preuve(id) ON DELETE CASCADE,
  referential_id TEXT NOT NULL,
  node_id TEXT NOT NULL,
  PRIMARY KEY (preuve_id, referential_id, node_id),
  FOREIGN KEY (referential_id, node_id) REFERENCES node(referential_id, id) ON DELETE CASCADE
);

CREATE TABLE history (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  at TEXT NOT NULL,
  who TEXT NOT NULL,
  action TEXT NOT NULL,
  referential_id TEXT,
  node_id TEXT,
  before TEXT,
  after TEXT
);

CREATE TRIGGER history_no_update BEFORE UPDATE ON history
BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;
CREATE TRIGGER history_no_delete BEFORE DELETE ON history
BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;
`;

export const migration001: Migration = {
  version: 1,
  name: 'init',
  up(db) {
    db.exec(SQL);
  },
};
