/** The ordered list of migrations the app knows (ARCHITECTURE.md "Storage"): add a file, then register it here. */
import { migration001 } from './001_init';
import { migration002 } from './002_lookup_indexes';
import { migration003 } from './003_personnalisation';
import { migration004 } from './004_more_models';
import { migration005 } from './005_preuves_library';
import { migration006 } from './006_exports_pilotes';
import { migration008 } from './008_jalons';
import type { Migration } from './types';

export type { Migration } from './types';

export const MIGRATIONS: readonly Migration[] = [migration001, migration002, migration003, migration004, migration005, migration006, migration008];

/**
 * The schema version this build of the app writes (`PRAGMA user_version` after all migrations): the highest
 * migration number (numbers may be reserved by work in progress on another branch, e.g. 007).
 */
export const SCHEMA_VERSION = Math.max(...MIGRATIONS.map((m) => m.version));
