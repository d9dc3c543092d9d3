/**
 * 002 — indexes for the lookups the screens make on every node click: history of one node, preuves by hash
 * (the same bytes are stored once), links by node, pilotes and services by node.
 */
import type { Migration } from './types';

export const migration002: Migration = {
  version: 2,
  name: 'lookup_indexes',
  up(db) {
    db.exec(`
      CREATE INDEX history_by_node ON history (referential_id, node_id, id);
      CREATE INDEX preuve_by_sha256 ON preuve (sha256);
      CREATE INDEX preuve_node_by_node ON preuve_node (referential_id, node_id);
      CREATE INDEX pilote_by_person ON pilote (person_id);
      CREATE INDEX node_by_parent ON node (referential_id, parent_id);
    `);
  },
};
