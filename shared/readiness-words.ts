/**
 * The French words and figures of the readiness checklist (shared/readiness.ts): level words with their article,
 * elision, the platform's inclusive-writing dot, and numbers written as the screens write them
 * (renderer/src/lib/format.ts; renderer/TESTIDS.md "Number formats"). Pure.
 */
import type { Referential } from './domain';
import { type Lang, formatCountIn, formatNumberIn, formatPercentIn } from './locale';

const LEVEL_WORDS: Record<string, [string, 'm' | 'f']> = {
  axe: ['axe', 'm'],
  'sous-axe': ['sous-axe', 'm'],
  action: ['mesure', 'f'],
  mesure: ['mesure', 'f'],
  'sous-action': ['sous-action', 'f'],
  tache: ['tâche', 'f'],
  theme: ['thème', 'm'],
  critere: ['critère', 'm'],
};

const LEVEL_WORDS_EN: Record<string, string> = {
  axe: 'axis',
  'sous-axe': 'sub-axis',
  action: 'measure',
  mesure: 'measure',
  'sous-action': 'sub-action',
  tache: 'task',
  theme: 'theme',
  critere: 'criterion',
};

/**
 * The word of the level at `depth`: French (default) `action` → « mesure », `tache` → « tâche »; English `action` →
 * "measure", `tache` → "task" (the screens' English words, renderer/src/i18n/en.ts).
 */
export function levelWord(ref: Referential, depth: number, lang: Lang = 'fr'): string {
  const level = ref.hierarchie[depth] ?? '';
  if (lang === 'en') return LEVEL_WORDS_EN[level] ?? (level || 'element');
  return LEVEL_WORDS[level]?.[0] ?? (level || 'élément');
}

function feminine(word: string): boolean {
  return Object.values(LEVEL_WORDS).some(([w, g]) => w === word && g === 'f');
}
/** « la mesure », « le critère », « l'axe ». */
export const articleLe = (word: string) => (feminine(word) ? `la ${word}` : /^[aeéiou]/.test(word) ? `l'${word}` : `le ${word}`);
/** « de la mesure », « du critère », « de l'axe ». */
export const articleDe = (word: string) => (feminine(word) ? `de la ${word}` : /^[aeéiou]/.test(word) ? `de l'${word}` : `du ${word}`);
/**
 * French contraction of « de » with the articles « le » and « les » in a built sentence: « de le référentiel » →
 * « du référentiel », « de les preuves » → « des preuves » (capital kept: « De le » → « Du »). « de la », « de l' »
 * stay as they are. Only whole words are matched (« de lecture » is left alone).
 */
export const contractDe = (text: string) =>
  text.replace(/(^|[^\p{L}'’])([Dd])e (les?)(?=\s)/gu, (_, before: string, d: string, article: string) => `${before}${d === 'D' ? 'D' : 'd'}${article === 'le' ? 'u' : 'es'}`);

/**
 * "de" + word, elided before a vowel and contracted with « le » / « les »: de + élu → "d'élu", de + référent →
 * "de référent", de + le référent → "du référent", de + les pilotes → "des pilotes".
 */
export const elide = (de: string, word: string) => (/^[aeéèêiouyh]/i.test(word) ? `${de.slice(0, -1)}'${word}` : contractDe(`${de} ${word}`));
/** Plural of a level word (French, and the English words above: "criterion" → "criteria", "axis" → "axes"). */
export const plural = (word: string) =>
  word === 'criterion' ? 'criteria' : word.endsWith('axis') ? word.replace(/axis$/, 'axes') : word.endsWith('s') ? word : `${word}s`;
/** First letter upper case. */
export const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
/** First letter lower case. */
export const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

/**
 * Text of the source as the checklist writes it: the inclusive-writing dot U+2E31 of the platform's texts
 * (« un⸱e élu⸱e ») as U+00B7 (« un·e élu·e »), which common fonts have (U+2E31 shows as a missing glyph in many).
 */
export const lisible = (s: string) => s.replace(/\u2e31/g, '\u00b7');
/** Rounds to 3 decimals (points). */
export const round3 = (x: number) => Math.round(x * 1000) / 1000;
/** Rounds up to 3 decimals (a gap shown is never smaller than the real one). */
export const ceil3 = (x: number) => Math.ceil(x * 1000 - 1e-6) / 1000;

// French figures as the screens write them (renderer/src/lib/format.ts; renderer/TESTIDS.md "Number formats"):
// percentages truncated to tenths (never rounded up to a threshold), U+202F before % and between thousands.
const NNBSP = '\u202f';
const oneDecimal = new Intl.NumberFormat('fr-FR', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const upToOneDecimal = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 });
const pointsFormat = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 3 });
const integer = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 0 });

/** A fraction 0..1, truncated to tenths: 0.349996 → "34,9 %" (en "34.9%"); null → « non calculable » / "not computable". */
export function pct(fraction: number | null, lang: Lang = 'fr'): string {
  if (fraction === null || !Number.isFinite(fraction)) return lang === 'en' ? 'not computable' : 'non calculable';
  if (lang === 'en') return formatPercentIn('en', fraction)!;
  return `${oneDecimal.format(Math.floor(fraction * 1000 + 1e-6) / 10)}${NNBSP}%`;
}
/** A threshold given in percent (exact): 35 → "35 %", 12.5 → "12,5 %" (en "35%", "12.5%"). */
export function seuilPct(percent: number, lang: Lang = 'fr'): string {
  if (lang === 'en') return `${formatNumberIn('en', percent, 1)}%`;
  return `${upToOneDecimal.format(percent)}${NNBSP}%`;
}
/** Points, up to 3 decimals: 27.5 → « 27,5 », 1000 → « 1 000 » (en "27.5", "1,000"). */
export function formatPoints(x: number, lang: Lang = 'fr'): string {
  return lang === 'en' ? formatNumberIn('en', x, 3) : pointsFormat.format(x);
}
/** Points with their unit: « 0,1 pt », « 147,5 pts » (French plural above 1); en "1 pt", "0.5 pts" (plural but 1). */
export function formatPts(x: number, lang: Lang = 'fr'): string {
  if (lang === 'en') return `${formatPoints(x, 'en')} ${Math.abs(x) === 1 ? 'pt' : 'pts'}`;
  return `${formatPoints(x)} ${Math.abs(x) > 1 ? 'pts' : 'pt'}`;
}
/** A count: 1111 → « 1 111 » (en "1,111"). */
export function count(n: number, lang: Lang = 'fr'): string {
  return lang === 'en' ? formatCountIn('en', n) : integer.format(n);
}
