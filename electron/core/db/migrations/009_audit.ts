/**
 * 009 — the auditor's workspace and the decision (issue 6 items 3–4; DOMAIN.md "Audit cycle"): one row per audit
 * cycle of a referential (préparation → demandé → audit ouvert → audit clos → décision), per mesure of a cycle its
 * état and « ordre du jour » flag, the auditor's notes, and on the cycle the report (bytes in the evidence store,
 * by SHA-256) and the decision. A new cycle is a new row: earlier cycles, their notes and decision stay.
 * Cycles are not tied to the referential row by a foreign key: re-importing a referential never erases an audit.
 */
import type { Migration } from './types';

export const migration009: Migration = {
  version: 9,
  name: 'audit',
  up(db) {
    db.exec(`
      CREATE TABLE audit_cycle (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        referential_id TEXT NOT NULL,
        numero INTEGER NOT NULL CHECK (numero >= 1),
        etape TEXT NOT NULL CHECK (etape IN ('preparation', 'demande', 'ouvert', 'clos', 'decision')),
        auditeur TEXT,
        created_at TEXT NOT NULL,
        demande_at TEXT,
        ouvert_at TEXT,
        clos_at TEXT,
        jalon_pre_id INTEGER,
        jalon_post_id INTEGER,
        rapport_file_name TEXT,
        rapport_sha256 TEXT,
        rapport_size INTEGER,
        rapport_mime_type TEXT,
        rapport_added_at TEXT,
        rapport_added_by TEXT,
        decision_niveau INTEGER,
        decision_nom TEXT,
        decision_date TEXT,
        decision_fin_validite TEXT,
        decision_commentaire TEXT,
        decision_at TEXT,
        decision_by TEXT,
        UNIQUE (referential_id, numero)
      );
      CREATE TABLE audit_mesure (
        cycle_id INTEGER NOT NULL REFERENCES audit_cycle(id) ON DELETE CASCADE,
        node_id TEXT NOT NULL,
        etat TEXT NOT NULL DEFAULT 'non_audite' CHECK (etat IN ('non_audite', 'en_cours', 'audite')),
        ordre_du_jour INTEGER NOT NULL DEFAULT 0 CHECK (ordre_du_jour IN (0, 1)),
        modified_at TEXT NOT NULL,
        modified_by TEXT NOT NULL,
        PRIMARY KEY (cycle_id, node_id)
      );
      CREATE TABLE audit_note (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        cycle_id INTEGER NOT NULL REFERENCES audit_cycle(id) ON DELETE CASCADE,
        node_id TEXT NOT NULL,
        texte TEXT NOT NULL,
        auteur TEXT NOT NULL,
        at TEXT NOT NULL
      );
    `);
  },
};
