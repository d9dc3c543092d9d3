/**
 * The bundled labelling requirements (referential/tete-criteres-labellisation.json) and étoiles
 * (referential/tete-etoiles.json) against the derived CSVs of ../shared/data, row for row (tete-referentials.md §3);
 * the loader's refusals of a malformed file, each naming the JSON path.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import etoilesJson from '../../../referential/tete-etoiles.json';
import bundled from '../../../referential/tete-criteres-labellisation.json';
import { exigencesTete, parseTeteCriteres, teteCriteres } from '../../../electron/core/referential/tete-criteres';
import { DATA, describeWithSharedData } from '../../helpers/shared-data';
import { userError } from '../../helpers/errors';

const csv = (path: string) => parse(readFileSync(path, 'utf8'), { columns: true, skip_empty_lines: true }) as Array<Record<string, string>>;

describeWithSharedData('bundled TETE labelling files equal the derived CSVs', () => {
  it('tete-criteres-labellisation.json criteres = labellisation-criteres-action.csv, row for row (26 rows)', () => {
    const rows = csv(DATA.criteresAction);
    expect(rows).toHaveLength(26);
    const fromCsv = rows.map((r) => ({
      etoile: Number(r.etoile),
      priorite: Number(r.priorite),
      referentiel: r.referentiel,
      actionId: r.action_id,
      formulation: r.formulation,
      minRealisePourcentage: Number(r.min_realise_pourcentage),
      minProgrammePourcentage: r.min_programme_pourcentage === '' ? null : Number(r.min_programme_pourcentage),
    }));
    expect(teteCriteres().criteres).toEqual(fromCsv);
  });

  it('tete-etoiles.json niveaux = labellisation-etoiles.csv (rang, seuil = min_realise_pourcentage / 100)', () => {
    const rows = csv(DATA.etoiles);
    expect(etoilesJson.niveaux.map((n) => [n.rang, n.seuil])).toEqual(rows.map((r) => [Number(r.etoile), Number(r.min_realise_pourcentage) / 100]));
  });
});

describe('tete-criteres-labellisation.json loader', () => {
  it('gives CAE and ECi their criteria, référents (platform ROLE_IDENTIFIANTS), documents and 4-year validity; null for others', () => {
    const cae = exigencesTete('cae')!;
    expect(cae.criteres.map((c) => `${c.etoile}:${c.actionId}`)).toEqual([
      '1:cae_5.1.2.1.1',
      '1:cae_5.1.1.1.3',
      '1:cae_5.1.1.3.2',
      '1:cae_1.1.2',
      '1:cae_1.1.2.0.1',
      '1:cae_1.1.2.0.2',
      '2:cae_1.1.1.1.1',
      '2:cae_1.1.2.0.1',
      '2:cae_1.1.2.0.2',
    ]);
    expect(cae.referents.map((r) => [r.role, r.actionId])).toEqual([
      ['elu', 'cae_5.1.2.1.1'],
      ['technique', 'cae_5.1.1.1.3'],
    ]);
    expect(cae.validiteAnnees).toBe(4);
    const eci = exigencesTete('eci')!;
    expect(eci.criteres).toHaveLength(17);
    expect(eci.referents.map((r) => r.actionId)).toEqual(['eci_1.1.1.1', 'eci_1.1.1.3']);
    expect(eci.documentsCandidature.find((d) => d.etoiles.includes(2))?.texte).toBe("le courrier d'acte de candidature et l'arrêté de création de l'EPCI");
    expect(exigencesTete('te')).toBeNull();
    expect(exigencesTete('label-nr')).toBeNull();
  });

  const broken = (edit: (d: typeof bundled) => void) => {
    const d = structuredClone(bundled);
    edit(d);
    return userError(() => parseTeteCriteres(d, 'x.json'));
  };

  it('refuses a percentage above 100, naming the path', () => {
    const e = broken((d) => (d.criteres[3]!.minRealisePourcentage = 120));
    expect(e.code).toBe('REFERENTIAL_INVALID');
    expect(e.location).toEqual({ file: 'x.json', path: 'criteres[3].minRealisePourcentage' });
    expect(e.message).toMatch(/^x\.json, criteres\[3\]\.minRealisePourcentage : /);
  });

  it('refuses an étoile outside 1..5', () => {
    expect(broken((d) => (d.criteres[0]!.etoile = 6)).location.path).toBe('criteres[0].etoile');
  });

  it('refuses an unknown key', () => {
    const e = broken((d) => Object.assign(d.criteres[1]!, { couleur: 'vert' }));
    expect(e.location.path).toBe('criteres[1]');
  });

  it('refuses an action of another referential', () => {
    const e = broken((d) => (d.criteres[0]!.actionId = 'cae_1.1.1'));
    expect(e.message).toBe("x.json, criteres[0].actionId : l'action cae_1.1.1 n'appartient pas au référentiel eci.");
    expect(e.en).toBe('x.json, criteres[0].actionId: measure cae_1.1.1 does not belong to the referential eci.');
  });

  it('refuses the same action twice for one étoile', () => {
    const e = broken((d) => (d.criteres[1]!.actionId = d.criteres[0]!.actionId));
    expect(e.message).toBe('x.json, criteres[1] : doublon de criteres[0] (eci, étoile 1, eci_1.1.1.1).');
  });

  it('refuses a référent action outside its referential', () => {
    const e = broken((d) => (d.referentiels.cae.referents[1]!.actionId = 'eci_1.1.1.3'));
    expect(e.location.path).toBe('referentiels.cae.referents[1].actionId');
  });

  it('refuses an étoile given documents twice', () => {
    const e = broken((d) => d.referentiels.eci.documentsCandidature[1]!.etoiles.push(1));
    expect(e.message).toBe("x.json, referentiels.eci.documentsCandidature[1].etoiles : l'étoile 1 a déjà ses documents.");
  });

  it('refuses a missing formulation', () => {
    const e = broken((d) => (d.criteres[2]!.formulation = ' '));
    expect(e.location.path).toBe('criteres[2].formulation');
  });
});
