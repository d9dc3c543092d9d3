/**
 * 006 — the pilote spreadsheets the lead exported (issue 5 item 2): when, by whom, for which person or service, and
 * the values each criterion had then. An import compares the file with these values to tell the pilote's changes
 * from the app's changes made since (conflicts), also for a CSV saved from the workbook, which loses its hidden sheet.
 */
import type { Migration } from './types';

export const migration006: Migration = {
  version: 6,
  name: 'exports_pilotes',
  up(db) {
    db.exec(`
      CREATE TABLE export_pilote (
        id TEXT PRIMARY KEY,
        at TEXT NOT NULL,
        who TEXT NOT NULL,
        owner_kind TEXT NOT NULL CHECK (owner_kind IN ('person', 'service')),
        owner_id TEXT NOT NULL,
        owner_nom TEXT NOT NULL,
        valeurs TEXT NOT NULL
      );
    `);
  },
};
