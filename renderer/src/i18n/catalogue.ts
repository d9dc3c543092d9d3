/** The shape every language's catalogue has: fr.ts's keys, each a string (checked at compile time for en.ts). */
import type { fr } from './fr';

type Strings<T> = { [K in keyof T]: T[K] extends string ? string : Strings<T[K]> };

/** The keys of fr.ts with string values: what en.ts must provide, no more, no less. */
export type Catalogue = Strings<typeof fr>;
