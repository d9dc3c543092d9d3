/**
 * 004 — two more scoring models: `rate` (RGAA 4.1.2) and `progress` (good-practice guide NR), DOMAIN.md
 * "Referentials to support". The `referential.model` CHECK constraint of 001 listed only tete / points / weighted,
 * and SQLite cannot alter a constraint, so the table is rebuilt the way SQLite documents it ("Making Other Kinds Of
 * Table Schema Changes", https://sqlite.org/lang_altertable.html#otheralter): with foreign keys off (the runner
 * turns them off for a migration marked `foreignKeysOff`, else dropping the old table would cascade to every node,
 * statut and pilote), create the new table, copy every row, drop the old one, rename, then check the foreign keys.
 * Every column and row is kept as is.
 */
import type { Migration } from './types';

export const migration004: Migration = {
  version: 4,
  name: 'more_models',
  foreignKeysOff: true,
  up(db) {
    db.exec(`
      CREATE TABLE referential_new (
        id TEXT PRIMARY KEY,
        version TEXT NOT NULL,
        nom TEXT NOT NULL,
        model TEXT NOT NULL CHECK (model IN ('tete', 'points', 'weighted', 'rate', 'progress')),
        hierarchie TEXT NOT NULL,
        action_level INTEGER NOT NULL,
        redistribution INTEGER NOT NULL,
        niveaux TEXT NOT NULL,
        avertissement TEXT,
        imported_at TEXT NOT NULL
      );
      INSERT INTO referential_new (id, version, nom, model, hierarchie, action_level, redistribution, niveaux, avertissement, imported_at)
        SELECT id, version, nom, model, hierarchie, action_level, redistribution, niveaux, avertissement, imported_at FROM referential;
      DROP TABLE referential;
      ALTER TABLE referential_new RENAME TO referential;
    `);
  },
};
