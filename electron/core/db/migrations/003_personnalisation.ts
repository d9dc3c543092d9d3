/**
 * 003 — personnalisation (tete-referentials.md §2.5): the authority's identity beyond its type and population
 * (sous-type, DOM, aire urbaine), the pool of competence questions with their options and thématiques, and the
 * answers with their justification. Answers are per workspace (one authority), shared by every referential;
 * their history goes to the append-only `history` table (`reponse.set`, `identite.update`).
 */
import type { Migration } from './types';

export const migration003: Migration = {
  version: 3,
  name: 'personnalisation',
  up(db) {
    db.exec(`
      ALTER TABLE workspace ADD COLUMN soustype TEXT CHECK (soustype IN ('epci_a_fiscalite_propre', 'syndicat', 'pole'));
      ALTER TABLE workspace ADD COLUMN localisation TEXT NOT NULL DEFAULT 'Metropole' CHECK (localisation IN ('DOM', 'Metropole'));
      ALTER TABLE workspace ADD COLUMN dans_aire_urbaine INTEGER CHECK (dans_aire_urbaine IN (0, 1));

      CREATE TABLE question_thematique (
        id TEXT PRIMARY KEY,
        nom TEXT NOT NULL,
        ordre INTEGER NOT NULL
      );

      CREATE TABLE question (
        id TEXT PRIMARY KEY,
        type TEXT NOT NULL CHECK (type IN ('binaire', 'choix', 'proportion')),
        formulation TEXT NOT NULL,
        description TEXT,
        consignes_justification TEXT,
        thematique_id TEXT NOT NULL,
        ordonnancement INTEGER,
        expr_visible TEXT,
        types_concernes TEXT NOT NULL DEFAULT '[]',
        competence_code TEXT,
        ordre INTEGER NOT NULL
      );

      CREATE TABLE question_choix (
        question_id TEXT NOT NULL REFERENCES question(id) ON DELETE CASCADE,
        id TEXT NOT NULL,
        formulation TEXT NOT NULL,
        ordonnancement INTEGER,
        ordre INTEGER NOT NULL,
        PRIMARY KEY (question_id, id)
      );

      -- No foreign key to question: re-importing the question pool must never drop an answer; answers to questions
      -- the pool no longer holds are kept and reported, not lost.
      CREATE TABLE reponse (
        question_id TEXT PRIMARY KEY,
        valeur TEXT NOT NULL,
        justification TEXT,
        modified_at TEXT NOT NULL,
        modified_by TEXT NOT NULL
      );
    `);
  },
};
