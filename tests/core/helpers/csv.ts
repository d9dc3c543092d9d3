/** A small ECi-shaped TETE structure CSV (hand-computed points in the comments) for import tests. */
export const ECI_CSV = [
  'identifiant,nom,points,pourcentage',
  '1,Axe un,30,', // 30
  '1.1,Mesure 1.1,10,', // 10
  '1.1.1,Sous-action 1.1.1,,40', // 4
  '1.1.2,Sous-action 1.1.2,,60', // 6
  '1.2,Mesure 1.2,20,', // 20
  '1.2.1,Sous-action 1.2.1,,', // 20 (equal split of one)
  '1.2.1.1,Tâche 1.2.1.1,,', // 10
  '1.2.1.2,Tâche 1.2.1.2,,', // 10
  '2,Axe deux,70,',
  '2.1,Mesure 2.1,70,',
  '2.1.1,Sous-action 2.1.1,,100', // 70
  '',
].join('\n');

/** Replaces one whole line of ECI_CSV (by its identifiant) with `line` (or removes it when null). */
export function eciCsvWith(identifiant: string, line: string | null): string {
  return ECI_CSV.split('\n')
    .flatMap((l) => (l.split(',')[0] === identifiant ? (line === null ? [] : [line]) : [l]))
    .join('\n');
}
