/**
 * Argument parsing of the `label-audit` command line (brief "label-audit command line"; usage in `usage.ts`).
 * Pure: turns argv into a typed command or throws a `UserError` whose message is one French line.
 */
import { parseArgs } from 'node:util';
import { STATUTS, type Detail, type Statut } from '../../shared/domain';
import { UserError } from '../../shared/errors';

/** Referential file formats the CLI accepts for `import-referential --format`. */
export const IMPORT_FORMATS = ['tete-csv', 'rgesn-json', 'rgaa-json', 'gbp-json', 'gbp-csv', 'grid-xlsx', 'grid-csv', 'grid-json'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** Options every command takes. `dataDir` / `user` are undefined when not given (the caller picks the defaults). */
export interface CommonOptions {
  dataDir: string | undefined;
  json: boolean;
  user: string | undefined;
}

/** One parsed command line. */
export type CliCommand =
  | { name: 'help' }
  | { name: 'version' }
  | { name: 'import-referential'; files: string[]; format: ImportFormat | undefined; id: string | undefined }
  | { name: 'referentials' }
  | {
      name: 'set-statut';
      referentialId: string;
      nodeId: string;
      statut: Statut;
      /** `[fait, programme, pasFait]` fractions 0..1, only with `detaille`. */
      detail: Detail | undefined;
      /** undefined: leave the stored explication alone; null: clear it. */
      explication: string | null | undefined;
    }
  | { name: 'add-preuve'; referentialId: string; nodeId: string; target: string; titre: string | undefined }
  | { name: 'score'; referentialId: string; situation: string | undefined }
  | { name: 'import-questions'; files: string[] }
  | {
      name: 'set-identite';
      /** Each field: undefined keeps the stored value, null clears it (`inconnu`). */
      type: 'commune' | 'EPCI' | null | undefined;
      soustype: string | null | undefined;
      population: number | null | undefined;
      localisation: 'DOM' | 'Metropole' | undefined;
      dansAireUrbaine: boolean | null | undefined;
    }
  | { name: 'set-reponse'; questionId: string; valeur: string; justification: string | null | undefined }
  | { name: 'readiness'; referentialId: string; level: number | undefined }
  | { name: 'export-pack'; referentialId: string; out: string | undefined; jalon?: number }
  | { name: 'jalon'; referentialId: string | undefined; nom: string; kind: 'manuel' | 'pre-audit' | 'post-audit' }
  | { name: 'jalons' }
  | { name: 'compare'; a: number | 'maintenant'; b: number | 'maintenant'; referentialId: string | undefined; xlsx: string | undefined; all: boolean }
  | { name: 'verify'; file: string }
  | { name: 'data-dir'; move: string | undefined; reset: boolean }
  | { name: 'backup'; out: string | undefined }
  | { name: 'load-example'; id: string; remplacer: boolean }
  | { name: 'restore'; file: string };

export type ParsedCli = CliCommand & { common: CommonOptions };

type OptionSpec = { type: 'string' | 'boolean'; short?: string };

const COMMON_OPTIONS: Record<string, OptionSpec> = {
  'data-dir': { type: 'string' },
  json: { type: 'boolean' },
  user: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
};

/** Per command: its own options and its positional arguments (names as shown in the usage; `...` = one or more). */
const COMMANDS: Record<Exclude<CliCommand['name'], 'help' | 'version'>, { options: Record<string, OptionSpec>; positionals: string[] }> = {
  'import-referential': { options: { format: { type: 'string' }, id: { type: 'string' } }, positionals: ['FICHIER...'] },
  referentials: { options: {}, positionals: [] },
  'set-statut': {
    options: { fait: { type: 'string' }, programme: { type: 'string' }, 'pas-fait': { type: 'string' }, explication: { type: 'string' } },
    positionals: ['REFERENTIEL', 'NOEUD', 'STATUT'],
  },
  'add-preuve': { options: { title: { type: 'string' } }, positionals: ['REFERENTIEL', 'NOEUD', 'FICHIER|URL'] },
  score: { options: { situation: { type: 'string' } }, positionals: ['REFERENTIEL'] },
  'import-questions': { options: {}, positionals: ['FICHIER...'] },
  'set-identite': {
    options: { type: { type: 'string' }, soustype: { type: 'string' }, population: { type: 'string' }, localisation: { type: 'string' }, 'aire-urbaine': { type: 'string' } },
    positionals: [],
  },
  'set-reponse': { options: { justification: { type: 'string' } }, positionals: ['QUESTION', 'VALEUR'] },
  readiness: { options: { level: { type: 'string' } }, positionals: ['REFERENTIEL'] },
  'export-pack': { options: { out: { type: 'string' }, jalon: { type: 'string' } }, positionals: ['REFERENTIEL'] },
  jalon: { options: { name: { type: 'string' }, kind: { type: 'string' } }, positionals: ['[REFERENTIEL]'] },
  jalons: { options: {}, positionals: [] },
  compare: { options: { referential: { type: 'string' }, xlsx: { type: 'string' }, tout: { type: 'boolean' } }, positionals: ['A', 'B'] },
  verify: { options: {}, positionals: ['FICHIER.zip'] },
  'data-dir': { options: { move: { type: 'string' }, reset: { type: 'boolean' } }, positionals: [] },
  backup: { options: { out: { type: 'string' } }, positionals: [] },
  restore: { options: {}, positionals: ['FICHIER'] },
  'load-example': { options: { remplacer: { type: 'boolean' } }, positionals: ['EXEMPLE'] },
};

function invalid(message: string, field?: string): UserError {
  return new UserError('INPUT_INVALID', message, field ? { field } : {});
}

/**
 * Parses a fraction given on the command line: `0.7`, `0,7` (French decimal comma) or `70%`.
 * Returns a number in 0..1. Throws UserError INPUT_INVALID naming the option when it is not a number in 0..1.
 */
export function parseFraction(text: string, option: string): number {
  const trimmed = text.trim();
  const percent = trimmed.endsWith('%');
  const body = (percent ? trimmed.slice(0, -1) : trimmed).trim().replace(',', '.');
  const value = /^\d+(\.\d+)?$|^\.\d+$/.test(body) ? Number(body) / (percent ? 100 : 1) : NaN;
  if (!Number.isFinite(value) || value < 0 || value > 1) {
    throw invalid(`Option --${option} : « ${text} » n'est pas une fraction entre 0 et 1 (exemples : 0.7, 0,7 ou 70%).`, option);
  }
  return value;
}

/**
 * The options of `set-identite` (tete-referentials.md §2.5). `inconnu` / `inconnue` / `aucun` clears a field.
 * Throws UserError INPUT_INVALID naming the option for a value it does not know.
 */
function identiteOptions(str: (key: string) => string | undefined): Omit<Extract<CliCommand, { name: 'set-identite' }>, 'name'> {
  const clear = (v: string) => ['inconnu', 'inconnue', 'aucun', 'aucune'].includes(v.trim().toLowerCase());
  const pick = <T>(key: string, map: Record<string, T>, hint: string): T | null | undefined => {
    const v = str(key);
    if (v === undefined) return undefined;
    if (clear(v)) return null;
    const found = map[v.trim().toLowerCase()];
    if (found === undefined) throw invalid(`Option --${key} : « ${v} » inconnu (${hint}).`, key);
    return found;
  };
  const type = pick('type', { commune: 'commune' as const, epci: 'EPCI' as const }, 'commune, EPCI ou inconnu');
  const soustype = pick('soustype', { epci_a_fiscalite_propre: 'epci_a_fiscalite_propre', syndicat: 'syndicat', pole: 'pole' }, 'epci_a_fiscalite_propre, syndicat, pole ou aucun');
  const localisation = pick('localisation', { dom: 'DOM' as const, metropole: 'Metropole' as const, métropole: 'Metropole' as const }, 'DOM ou metropole');
  const dansAireUrbaine = pick('aire-urbaine', { oui: true, non: false }, 'oui, non ou inconnu');
  const pop = str('population');
  let population: number | null | undefined;
  if (pop !== undefined) {
    // Digits, with spaces as thousands separators (« 12 400 »); a dot or a comma is refused (12.5 is no head count).
    const digits = pop.replace(/[\s\u202f\u00a0]/g, '');
    if (clear(pop)) population = null;
    else if (/^\d{1,9}$/.test(digits) && Number(digits) <= 100_000_000) population = Number(digits);
    else throw invalid(`Option --population : « ${pop} » n'est pas un nombre entier d'habitants (au plus 100 000 000).`, 'population');
  }
  if (localisation === null) throw invalid('Option --localisation : DOM ou metropole.', 'localisation');
  return { type, soustype, population, localisation, dansAireUrbaine };
}

/** Maps a node:util parseArgs error to one French line. */
function parseArgsError(e: unknown, command: string): UserError {
  const err = e as { code?: string; message?: string };
  const where = command ? ` (commande ${command})` : '';
  const option = /'(-{1,2}[^'\s]+)/.exec(err.message ?? '')?.[1];
  if (err.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    return invalid(`Option inconnue : ${option ?? '?'}${where}. Tapez label-audit --help.`, option);
  }
  if (err.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    return invalid(`L'option ${option ?? '?'} attend une valeur${where}.`, option);
  }
  return invalid(`Arguments invalides${where} : ${err.message ?? String(e)}`);
}

/**
 * Parses `argv` (without `node` and the script path) into a command.
 * No command, `--help` or `help` → `{ name: 'help' }`; `--version` alone → `{ name: 'version' }`.
 * Throws UserError INPUT_INVALID (one French line naming the command, option or argument) on an unknown command,
 * an unknown option, a missing value, a wrong number of arguments, an unknown statut or format, or a bad fraction.
 */
export function parseCli(rawArgv: string[]): ParsedCli {
  const argv = attachDashValues(rawArgv);
  const commandIndex = findCommandIndex(argv);
  const name = commandIndex >= 0 ? (argv[commandIndex] ?? '') : '';
  const rest = commandIndex < 0 ? argv : [...argv.slice(0, commandIndex), ...argv.slice(commandIndex + 1)];

  if (name === '' || name === 'help') {
    const { values } = safeParse(rest, COMMON_OPTIONS, '', false);
    return { name: values.version === true && name === '' ? 'version' : 'help', common: common(values) };
  }
  const spec = (COMMANDS as Record<string, (typeof COMMANDS)[keyof typeof COMMANDS] | undefined>)[name];
  if (!spec) throw invalid(`Commande inconnue : « ${name} ». Tapez label-audit --help pour la liste des commandes.`);

  const { values, positionals } = safeParse(rest, { ...COMMON_OPTIONS, ...spec.options }, name, true);
  const commonOptions = common(values);
  if (values.help === true) return { name: 'help', common: commonOptions };

  const variadic = spec.positionals.some((p) => p.endsWith('...'));
  const expected = spec.positionals.length;
  const optional = spec.positionals.filter((p) => p.startsWith('[')).length;
  if (variadic ? positionals.length < 1 : positionals.length > expected || positionals.length < expected - optional) {
    const shape = spec.positionals.join(' ') || '(aucun argument)';
    throw invalid(`La commande ${name} attend : ${shape} (reçu ${positionals.length} argument${positionals.length > 1 ? 's' : ''}).`);
  }
  const str = (key: string): string | undefined => (typeof values[key] === 'string' ? (values[key] as string) : undefined);
  const [p0 = '', p1 = '', p2 = ''] = positionals;

  switch (name) {
    case 'import-referential': {
      const format = str('format');
      if (format !== undefined && !(IMPORT_FORMATS as readonly string[]).includes(format)) {
        throw invalid(`Option --format : « ${format} » inconnu ; formats acceptés : ${IMPORT_FORMATS.join(', ')}.`, 'format');
      }
      return { name, files: positionals, format: format as ImportFormat | undefined, id: str('id'), common: commonOptions };
    }
    case 'referentials':
      return { name, common: commonOptions };
    case 'set-statut': {
      if (!(STATUTS as readonly string[]).includes(p2)) {
        throw invalid(`Statut inconnu : « ${p2} » ; statuts acceptés : ${STATUTS.join(', ')}.`, 'statut');
      }
      const statut = p2 as Statut;
      const parts = (['fait', 'programme', 'pas-fait'] as const).map((o) => {
        const v = str(o);
        return v === undefined ? undefined : parseFraction(v, o);
      });
      const given = parts.some((v) => v !== undefined);
      if (statut === 'detaille' && !given) {
        throw invalid('Le statut detaille demande la répartition : --fait F --programme P --pas-fait Q (fractions dont la somme vaut 1).', 'detail');
      }
      if (statut !== 'detaille' && given) {
        throw invalid(`Les options --fait, --programme et --pas-fait ne vont qu'avec le statut detaille (reçu ${statut}).`, 'detail');
      }
      const detail: Detail | undefined = given ? [parts[0] ?? 0, parts[1] ?? 0, parts[2] ?? 0] : undefined;
      const explication = str('explication');
      // `--explication ""` clears the stored explication (null); absent leaves it alone (undefined).
      return { name, referentialId: p0, nodeId: p1, statut, detail, explication: explication === '' ? null : explication, common: commonOptions };
    }
    case 'add-preuve':
      return { name, referentialId: p0, nodeId: p1, target: p2, titre: str('title'), common: commonOptions };
    case 'score':
      return { name, referentialId: p0, situation: str('situation'), common: commonOptions };
    case 'import-questions':
      return { name, files: positionals, common: commonOptions };
    case 'set-identite':
      return { name, ...identiteOptions(str), common: commonOptions };
    case 'set-reponse': {
      const justification = str('justification');
      return { name, questionId: p0, valeur: p1, justification: justification === '' ? null : justification, common: commonOptions };
    }
    case 'readiness': {
      const level = str('level');
      if (level !== undefined && !/^[1-9]\d?$/.test(level.trim())) throw invalid(`Option --level : « ${level} » n'est pas un niveau (1, 2, 3…).`, 'level');
      return { name, referentialId: p0, level: level === undefined ? undefined : Number(level.trim()), common: commonOptions };
    }
    case 'export-pack': {
      const jalon = str('jalon');
      return { name, referentialId: p0, out: str('out'), ...(jalon === undefined ? {} : { jalon: jalonNumber(jalon, 'jalon') }), common: commonOptions };
    }
    case 'jalon': {
      const nom = str('name');
      if (nom === undefined || nom.trim() === '') throw invalid('La commande jalon attend un nom : --name "2026 - avant le comité".', 'name');
      const kind = str('kind') ?? 'manuel';
      if (!['manuel', 'pre-audit', 'post-audit'].includes(kind)) throw invalid(`Option --kind : « ${kind} » inconnu ; types acceptés : manuel, pre-audit, post-audit.`, 'kind');
      return { name, referentialId: positionals[0], nom, kind: kind as 'manuel' | 'pre-audit' | 'post-audit', common: commonOptions };
    }
    case 'jalons':
      return { name, common: commonOptions };
    case 'compare': {
      const cote = (v: string, which: string) => (v.trim().toLowerCase() === 'maintenant' ? ('maintenant' as const) : jalonNumber(v, which));
      return { name, a: cote(p0, 'A'), b: cote(p1, 'B'), referentialId: str('referential'), xlsx: str('xlsx'), all: values.tout === true, common: commonOptions };
    }
    case 'data-dir': {
      const move = str('move');
      if (move !== undefined && values.reset === true) throw invalid('La commande data-dir prend --move DOSSIER ou --reset, pas les deux.', 'move');
      if (move !== undefined && move.trim() === '') throw invalid("L'option --move attend un dossier (commande data-dir).", 'move');
      return { name, move, reset: values.reset === true, common: commonOptions };
    }
    case 'backup':
      return { name, out: str('out'), common: commonOptions };
    case 'restore':
      return { name, file: p0, common: commonOptions };
    case 'load-example':
      return { name, id: p0, remplacer: values.remplacer === true, common: commonOptions };
    default:
      return { name: 'verify', file: p0, common: commonOptions };
  }
}

/** A jalon number (1, 2, …) typed by the user. Throws UserError INPUT_INVALID naming the argument. */
function jalonNumber(text: string, field: string): number {
  if (!/^\s*[1-9]\d{0,8}\s*$/.test(text)) throw invalid(`${field === 'jalon' ? 'Option --jalon' : `Argument ${field}`} : « ${text} » n'est pas un numéro de jalon (1, 2, … ; voir label-audit jalons)${field === 'jalon' ? '' : ' ni « maintenant »'}.`, field);
  return Number(text.trim());
}

/** Every option taking a value (`--data-dir`, `--explication`, …), and every option name we know. */
function optionNames(): { valued: Set<string>; all: Set<string> } {
  const valued = new Set<string>();
  const all = new Set<string>();
  for (const spec of [COMMON_OPTIONS, ...Object.values(COMMANDS).map((c) => c.options)]) {
    for (const [key, o] of Object.entries(spec)) {
      all.add(`--${key}`);
      if (o.short) all.add(`-${o.short}`);
      if (o.type === 'string') valued.add(`--${key}`);
    }
  }
  return { valued, all };
}

/**
 * `--explication "-2+3"` and `--fait -0.1` as `--explication=-2+3` / `--fait=-0.1`: node's parseArgs would read a
 * value starting with `-` as a missing value. A following word that is one of our options (`--explication --json`)
 * is still a missing value. Negative fractions are then refused by the range check, naming the option.
 */
function attachDashValues(argv: readonly string[]): string[] {
  const { valued, all } = optionNames();
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const next = argv[i + 1];
    if (valued.has(arg) && next !== undefined && next.startsWith('-') && next !== '--' && !all.has(next.split('=')[0] ?? next)) {
      out.push(`${arg}=${next}`);
      i++;
    } else out.push(arg);
  }
  return out;
}

/** Index of the command word: the first bare word that is not the value of an option taking one (`--data-dir DIR`). */
function findCommandIndex(argv: string[]): number {
  const { valued } = optionNames();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--') return i + 1 < argv.length ? i + 1 : -1;
    if (valued.has(arg)) i++;
    else if (!arg.startsWith('-')) return i;
  }
  return -1;
}

function safeParse(args: string[], options: Record<string, OptionSpec>, command: string, allowPositionals: boolean) {
  try {
    return parseArgs({ args, options, allowPositionals, strict: true });
  } catch (e) {
    if (!allowPositionals && (e as { code?: string }).code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') {
      throw invalid(`Argument inattendu${command ? ` (commande ${command})` : ''}. Tapez label-audit --help.`);
    }
    throw parseArgsError(e, command);
  }
}

function common(values: Record<string, unknown>): CommonOptions {
  return {
    dataDir: typeof values['data-dir'] === 'string' ? values['data-dir'] : undefined,
    json: values.json === true,
    user: typeof values.user === 'string' ? values.user : undefined,
  };
}
