/**
 * Input and results of the audit pack (zip) builder and verifier.
 * Layout and rules: ../shared/docs/DOMAIN.md "The audit pack", tete-referentials.md §4.6 and §7.
 */
import type { Lang } from '../../../shared/locale';
import type { Detail, Referential, ScoreResult, Statut } from '../../../shared/domain';

/** The stored statut of one node as the pack shows it (one entry per node that has one). */
export interface PackStatut {
  statut: Statut;
  /** `[fait, programme, pasFait]` fractions 0..1, only for `detaille`. */
  detail: Detail | null;
  /** Free text the user wrote ("Champs de précision"). */
  explication: string | null;
  /** ISO 8601 timestamp of the last change. */
  modifiedAt: string;
  /** Display name of the author of the last change. */
  modifiedBy: string;
}

/** Pilotes, services and échéance set on one node (any level: mesure, sous-action, tâche). */
export interface PackPilotes {
  personnes: string[];
  services: string[];
  /** ISO date (YYYY-MM-DD) or null. */
  echeance: string | null;
}

/** One preuve: a stored file (bytes in the evidence store, addressed by sha256) or a link. */
export interface PackPreuve {
  id: string;
  kind: 'fichier' | 'lien';
  titre: string;
  /** Original file name (fichier only). */
  fileName: string | null;
  /** Size in bytes as recorded in the store (fichier only). */
  size: number | null;
  /** Hex SHA-256 of the bytes (fichier only). */
  sha256: string | null;
  /** URL (lien only). */
  url: string | null;
  /** ISO 8601 timestamp. */
  addedAt: string;
  /** Node ids the preuve is attached to (any depth; files land in the mesure's folder). */
  nodeIds: string[];
}

/**
 * The personnalisation behind a TETE score (tete-referentials.md §2.5), for the auditor: the identity, every stored
 * answer (with whether it counts: a hidden question's answer is kept but not counted) and the consequences the
 * rules draw from them, in node order.
 */
export interface PackPersonnalisation {
  identite: { type: string | null; soustype: string | null; population: number | null; localisation: 'DOM' | 'Metropole'; dansAireUrbaine: boolean | null };
  reponses: Array<{
    questionId: string;
    formulation: string;
    /** The answer as a French text: « Oui », « Non », the option's label, « 35 % ». */
    reponse: string;
    valeur: boolean | string | number;
    justification: string | null;
    prisEnCompte: boolean;
    modifiedAt: string;
    modifiedBy: string;
  }>;
  consequences: Array<{ nodeId: string; identifiant: string; nom: string; desactive: boolean; facteur: number | null }>;
}

/** Everything the pack builder needs; it never reads the database itself. */
export interface PackInput {
  appVersion: string;
  workspace: { nom: string; typeCollectivite: string; codeInsee: string | null; population: number | null };
  referential: Referential;
  score: ScoreResult;
  /** `date` is ISO 8601 and is used for EVERY date inside the pack (zip mtimes, PDF and XLSX metadata). */
  jalon: { nom: string; date: string };
  /** Statuts by node id (absent = non renseigné). */
  statuts: Map<string, PackStatut>;
  /** Pilotes by node id, any level (the report lists a mesure's and its descendants' together). */
  pilotes: Map<string, PackPilotes>;
  preuves: PackPreuve[];
  /** TETE referentials: identity, answers and their consequences; null for the other models. */
  personnalisation?: PackPersonnalisation | null;
  /**
   * Preuves deliberately left out (confidentiel), as lines `"<folder>/<name> — <reason>"` appended to
   * `_manifeste/fichiers-manquants.txt`; they do not count as missing. Absent = none.
   */
  retenues?: string[];
  /** Absolute path of the bytes with that sha256 in the evidence store. */
  evidencePath: (sha256: string) => string;
  /**
   * Language of the human documents (rapport.pdf headings and figures, the grid's titles and statut labels; issue 8
   * item 2). Absent = French, the reference; audit.json and the manifest are the same in both.
   */
  lang?: Lang;
  /** The history up to the pack's date, oldest first (historique.csv and the report's last page); absent = none. */
  historique?: PackHistorique[];
}

/** One history event in the pack: `at` ISO 8601, the node's identifiant (null for the referential or workspace as a whole), its sentence in the pack's language. */
export interface PackHistorique {
  at: string;
  who: string;
  action: string;
  nodeId: string | null;
  identifiant: string | null;
  description: string;
}

/** Result of `buildPack`: final path, number of zip entries, zip size in bytes. */
export interface PackResult {
  path: string;
  entries: number;
  bytes: number;
  /** Lines of `_manifeste/fichiers-manquants.txt`: evidence files missing, unreadable or whose bytes changed. */
  missing: number;
}

/** Result of `verifyPack`: `ok` iff `problems` is empty; `entries` = number of zip entries read. */
export interface VerifyResult {
  ok: boolean;
  entries: number;
  problems: string[];
}

/** Progress of `buildPack`: evidence files and bytes done so far / in total. */
export interface PackProgress {
  files: number;
  totalFiles: number;
  bytes: number;
  totalBytes: number;
}

/** Options of `buildPack`. */
export interface BuildPackOptions {
  onProgress?: (p: PackProgress) => void;
  /** Aborting rejects with the signal's reason and removes the partial file. */
  signal?: AbortSignal;
  /**
   * Refuse a pack that would be incomplete (the lead asks for a complete pack): a file preuve whose bytes are
   * missing, unreadable, of the wrong size or changed → UserError PACK_INCOMPLETE naming the files, nothing left
   * on disk. Default false: the pack is built, lists them in `_manifeste/fichiers-manquants.txt` and says
   * `"complete": false` in manifest.json.
   */
  requireComplete?: boolean;
}
