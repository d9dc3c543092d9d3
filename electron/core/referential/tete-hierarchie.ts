/**
 * What a TETE referential id implies: level names by depth, the mesure (`action`) depth, redistribution,
 * display name, and the étoiles (tete-referentials.md §1.1, §2.4, §3).
 */
import type { Niveau } from '../../../shared/domain';
import etoiles from '../../../referential/tete-etoiles.json';

/** Level names, mesure depth and redistribution flag of one TETE referential. */
export interface TeteProfile {
  hierarchie: string[];
  actionLevel: number;
  redistribution: boolean;
}

const CAE: TeteProfile = {
  hierarchie: ['referentiel', 'axe', 'sous-axe', 'action', 'sous-action', 'tache'],
  actionLevel: 3,
  redistribution: true,
};
const ECI: TeteProfile = {
  hierarchie: ['referentiel', 'axe', 'action', 'sous-action', 'tache'],
  actionLevel: 2,
  redistribution: true,
};
const TE: TeteProfile = {
  hierarchie: ['referentiel', 'axe', 'sous-axe', 'action', 'sous-action', 'exemple'],
  actionLevel: 3,
  redistribution: false,
};

/**
 * Profile for a referential id (§1.1 `hierarchie` seed): `cae`, `eci`, `te`. Any other id is inferred from the
 * deepest identifiant: 5 segments → like CAE, otherwise like ECi.
 */
export function teteProfile(id: string, maxDepth: number): TeteProfile {
  if (id === 'cae') return CAE;
  if (id === 'eci') return ECI;
  if (id === 'te') return TE;
  return maxDepth >= 5 ? CAE : ECI;
}

/** Display name: "Climat Air Énergie" / "Économie circulaire" / "Climat Ressources (TE)", else `Référentiel <id>`. */
export function teteNom(id: string): string {
  if (id === 'cae') return 'Climat Air Énergie';
  if (id === 'eci') return 'Économie circulaire';
  if (id === 'te') return 'Climat Ressources (TE)';
  return `Référentiel ${id}`;
}

/**
 * Étoiles 1..5 at 0 / 35 / 50 / 65 / 75 % of the potentiel, from `referential/tete-etoiles.json`
 * (§3; platform seed `28-criteres.sql`). The same for cae, eci, te and any other TETE id. Fresh copies.
 */
export function teteNiveaux(): Niveau[] {
  return etoiles.niveaux.map((n) => ({ rang: n.rang, nom: n.nom, seuil: n.seuil }));
}
