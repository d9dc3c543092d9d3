/**
 * 007 — sharing on the local network (issue 5 item 4): the invitations (one per person and role, the token kept
 * only as its SHA-256, an expiry, a revocation, when it was last used), and a version number per statut row so
 * that two concurrent edits of one node are detected instead of one silently overwriting the other; a trigger
 * moves it on every update of the row, so no writer can forget it.
 */
import type { Migration } from './types';

export const migration007: Migration = {
  version: 7,
  name: 'partage',
  up(db) {
    db.exec(`
      CREATE TABLE invitation (
        id TEXT PRIMARY KEY,
        token_hash TEXT NOT NULL UNIQUE,
        role TEXT NOT NULL CHECK (role IN ('referent', 'pilote', 'auditeur', 'lecture')),
        person_id TEXT REFERENCES person(id) ON DELETE CASCADE,
        nom TEXT NOT NULL,
        created_at TEXT NOT NULL,
        created_by TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        revoked_at TEXT,
        last_seen_at TEXT,
        CHECK (role <> 'pilote' OR person_id IS NOT NULL)
      );
      ALTER TABLE statut ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
      -- Every change of a row moves its version, whoever writes it (statut, explication, cascade, workbook import).
      CREATE TRIGGER statut_version AFTER UPDATE OF avancement, detail, concerne, statut, explication, modified_at, modified_by ON statut
        WHEN NEW.version = OLD.version
      BEGIN
        UPDATE statut SET version = OLD.version + 1 WHERE referential_id = NEW.referential_id AND node_id = NEW.node_id;
      END;
    `);
  },
};
