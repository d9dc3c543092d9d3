/**
 * What the crash child (child.ts) acknowledges and the harness (harness.ts) checks: one JSON line per change whose
 * call returned. Every change carries a unique tag `c<child>-<i>` written into the store (statut explication,
 * preuve title, link URL, referential version), so its presence is checked by identity, not by guess.
 */

/** One acknowledged change. `s` orders changes: later children and later changes of a child have larger `s`. */
export type Ack =
  | { k: 'statut'; t: string; s: number; n: string }
  | { k: 'fichier'; t: string; s: number; n: string; sha256: string; size: number }
  | { k: 'lien'; t: string; s: number; n: string; url: string }
  | { k: 'import'; t: string; s: number }
  | { k: 'sauvegarde'; t: string; s: number; name: string };

/** The order number of change `i` of child `child` (i < 10⁶). */
export function opSeq(child: number, i: number): number {
  return child * 1_000_000 + i;
}

/** The order number of a tag `c<child>-<i>`, or null for any other text (e.g. the lie of the harness's test). */
export function tagSeq(tag: string | null): number | null {
  const m = /^c(\d+)-(\d+)$/.exec(tag ?? '');
  return m ? opSeq(Number(m[1]), Number(m[2])) : null;
}

/** Id of the small grid the child re-imports with a new version each time. */
export const CRASH_GRID_ID = 'crash-grille';

/** A 4-critère grid CSV; imported as `<tag>.csv`, its version is the tag (grid.ts: file name without extension). */
export function crashGridCsv(tag: string): string {
  return `identifiant;intitulé;points;description\n1;Thème A;;\n1.1;Critère A1;30;${tag}\n1.2;Critère A2;20;\n2;Thème B;;\n2.1;Critère B1;25;\n2.2;Critère B2;25;\nTotal;;100;\n`;
}
