import { describe, expect, it } from 'vitest';
import { parseCli, parseFraction } from '../../electron/cli/args';
import { userError } from '../helpers/errors';

describe('parseFraction', () => {
  it.each([
    ['0.7', 0.7],
    ['0,7', 0.7],
    ['70%', 0.7],
    ['1', 1],
    ['0', 0],
    ['.25', 0.25],
  ])('%s → %d', (text, value) => {
    expect(parseFraction(text, 'fait')).toBeCloseTo(value, 12);
  });

  it.each(['1.2', '-0.1', 'abc', '', '0.7.1', '120%'])('refuses %j naming the option', (text) => {
    const e = userError(() => parseFraction(text, 'pas-fait'));
    expect(e.code).toBe('INPUT_INVALID');
    expect(e.message).toContain('--pas-fait');
    expect(e.location.field).toBe('pas-fait');
  });
});

describe('parseCli', () => {
  it('gives the usage for no command, --help and help', () => {
    expect(parseCli([]).name).toBe('help');
    expect(parseCli(['--help']).name).toBe('help');
    expect(parseCli(['help']).name).toBe('help');
    expect(parseCli(['score', 'cae', '-h']).name).toBe('help');
  });

  it('gives the version for --version / -v alone', () => {
    expect(parseCli(['--version']).name).toBe('version');
    expect(parseCli(['-v', '--json'])).toMatchObject({ name: 'version', common: { json: true } });
  });

  it('reads --explication "" as clearing the explication (null), absent as leaving it (undefined)', () => {
    expect(parseCli(['set-statut', 'cae', 'n', 'fait', '--explication', ''])).toMatchObject({ explication: null });
    expect(parseCli(['set-statut', 'cae', 'n', 'fait'])).toMatchObject({ explication: undefined });
  });

  it('reads the common options before or after the command', () => {
    const a = parseCli(['--data-dir', '/tmp/x', 'score', 'cae', '--json', '--user', 'Alice']);
    expect(a).toEqual({ name: 'score', referentialId: 'cae', common: { dataDir: '/tmp/x', json: true, user: 'Alice' } });
    const b = parseCli(['score', '--data-dir=/tmp/y', 'eci']);
    expect(b).toMatchObject({ name: 'score', referentialId: 'eci', common: { dataDir: '/tmp/y', json: false, user: undefined } });
  });

  it('parses import-referential with several files, --format and --id', () => {
    const c = parseCli(['import-referential', 'a.csv', 'b.csv', '--format', 'tete-csv', '--id', 'cae']);
    expect(c).toMatchObject({ name: 'import-referential', files: ['a.csv', 'b.csv'], format: 'tete-csv', id: 'cae' });
  });

  it('refuses an unknown --format, listing the accepted ones', () => {
    const e = userError(() => parseCli(['import-referential', 'a.csv', '--format', 'pdf']));
    expect(e.message).toBe('Option --format : « pdf » inconnu ; formats acceptés : tete-csv, rgesn-json, rgaa-json, gbp-json, gbp-csv, grid-xlsx, grid-csv, grid-json.');
  });

  it('parses a détaillé split, French decimal comma included', () => {
    const c = parseCli(['set-statut', 'cae', 'cae_1.1.1.1.1', 'detaille', '--fait', '0,7', '--programme', '0.2', '--pas-fait', '0.1']);
    expect(c).toMatchObject({ name: 'set-statut', statut: 'detaille', explication: undefined });
    if (c.name !== 'set-statut') throw new Error('set-statut expected');
    expect(c.detail?.[0]).toBeCloseTo(0.7, 12);
    expect(c.detail?.[1]).toBeCloseTo(0.2, 12);
    expect(c.detail?.[2]).toBeCloseTo(0.1, 12);
  });

  it('defaults the missing parts of a split to 0 and keeps the explication', () => {
    const c = parseCli(['set-statut', 'cae', 'n', 'detaille', '--fait', '0.5', '--pas-fait', '0.5', '--explication', 'Délibération 2024']);
    expect(c).toMatchObject({ detail: [0.5, 0, 0.5], explication: 'Délibération 2024' });
  });

  it('refuses detaille without a split, and a split without detaille', () => {
    expect(userError(() => parseCli(['set-statut', 'cae', 'n', 'detaille'])).message).toContain('--fait F --programme P --pas-fait Q');
    expect(userError(() => parseCli(['set-statut', 'cae', 'n', 'fait', '--fait', '1'])).message).toBe(
      "Les options --fait, --programme et --pas-fait ne vont qu'avec le statut detaille (reçu fait).",
    );
  });

  it('refuses an unknown statut, listing the accepted ones', () => {
    const e = userError(() => parseCli(['set-statut', 'cae', 'n', 'termine']));
    expect(e.message).toMatch(/^Statut inconnu : « termine » ; statuts acceptés : fait, programme, pas_fait, non_renseigne, detaille/);
  });

  it('refuses an unknown command, an unknown option, a missing value and a wrong argument count', () => {
    expect(userError(() => parseCli(['frobnicate'])).message).toBe('Commande inconnue : « frobnicate ». Tapez label-audit --help pour la liste des commandes.');
    expect(userError(() => parseCli(['score', 'cae', '--verbose'])).message).toBe('Option inconnue : --verbose (commande score). Tapez label-audit --help.');
    expect(userError(() => parseCli(['export-pack', 'cae', '--out'])).message).toBe("L'option --out attend une valeur (commande export-pack).");
    expect(userError(() => parseCli(['set-statut', 'cae', 'n'])).message).toBe('La commande set-statut attend : REFERENTIEL NOEUD STATUT (reçu 2 arguments).');
    expect(userError(() => parseCli(['referentials', 'cae'])).message).toBe('La commande referentials attend : (aucun argument) (reçu 1 argument).');
    expect(userError(() => parseCli(['import-referential'])).message).toBe('La commande import-referential attend : FICHIER... (reçu 0 argument).');
  });

  it('parses add-preuve, export-pack and verify', () => {
    expect(parseCli(['add-preuve', 'cae', 'cae_1.1.1.1', 'https://exemple.fr/pcaet', '--title', 'PCAET'])).toMatchObject({
      name: 'add-preuve',
      target: 'https://exemple.fr/pcaet',
      titre: 'PCAET',
    });
    expect(parseCli(['export-pack', 'cae', '--out', 'p.zip'])).toMatchObject({ name: 'export-pack', referentialId: 'cae', out: 'p.zip' });
    expect(parseCli(['verify', 'p.zip'])).toMatchObject({ name: 'verify', file: 'p.zip' });
  });

  it('takes a value starting with « - » as the value of an option (explication, negative fraction refused by its range)', () => {
    expect(parseCli(['set-statut', 'cae', 'n', 'fait', '--explication', '-2+3'])).toMatchObject({ explication: '-2+3' });
    expect(parseCli(['set-statut', 'cae', 'n', 'fait', '--explication', '- voir la délibération'])).toMatchObject({ explication: '- voir la délibération' });
    expect(userError(() => parseCli(['set-statut', 'cae', 'n', 'detaille', '--fait', '-0.1', '--programme', '1.1'])).message).toBe(
      "Option --fait : « -0.1 » n'est pas une fraction entre 0 et 1 (exemples : 0.7, 0,7 ou 70%).",
    );
    // One of our own options right after is still a missing value.
    expect(userError(() => parseCli(['set-statut', 'cae', 'n', 'fait', '--explication', '--json'])).message).toBe(
      "L'option --explication attend une valeur (commande set-statut).",
    );
  });
});
