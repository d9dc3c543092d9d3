/**
 * A referential whose personnalisation formula does not parse is refused at import, through the core, and the
 * workspace keeps what it had (issue 3: « Bad formulas … a clear error, nothing stored changes »).
 */
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Core } from '../../../electron/core/core';
import type { ServiceContext } from '../../../electron/core/services/context';
import { userError } from '../../helpers/errors';
import { DATA, describeWithSharedData } from '../../helpers/shared-data';
import { memoryCore, snapshotTables } from '../helpers/context';

let core: Core;
let ctx: ServiceContext;
let cleanup: () => void;
beforeEach(() => ({ core, ctx, cleanup } = memoryCore()));
afterEach(() => cleanup());

describeWithSharedData('CAE import with a broken personnalisation formula', () => {
  const text = readFileSync(DATA.caeStructure, 'utf8');
  const good = 'si reponse(centre_urbain, NON) et reponse (AOM_1, NON) alors 2/12';
  const bad = 'si reponse(centre_urbain, NON) et reponse (AOM_1, NON) 2/12'; // « alors » removed; the formula goes on on a 2nd line

  it('is refused naming the row, the cell, the node, the rule type and the column; the CAE imported before is untouched', () => {
    expect(text.split(good)).toHaveLength(2); // the réduction rule of cae_1.2.2, once in the file
    core.referentials.import([DATA.caeStructure]);
    core.statuts.set({ referentialId: 'cae', nodeId: 'cae_1.2.2.2', statut: 'fait' });
    const scoreBefore = core.scores.get('cae');
    const tablesBefore = snapshotTables(ctx);

    const e = userError(() => core.referentials.import([{ name: 'referentiel-cae-structure.csv', text: text.replace(good, bad) }]));
    const rows = parse(text, { columns: true }) as { identifiant: string }[];
    const row = rows.findIndex((r) => r.identifiant === '1.2.2') + 2; // header = row 1
    expect(row).toBeGreaterThan(2);
    expect(e.code).toBe('REFERENTIAL_INVALID');
    expect(e.message).toMatch(
      new RegExp(`^Fichier « referentiel-cae-structure\\.csv », ligne ${row}, cellule [A-Z]+${row} \\(colonne « reduction »\\) : formule de cae_1\\.2\\.2 \\(réduction\\), ligne 1, colonne ${bad.indexOf('2/12') + 1} : « alors » attendu\\.$`),
    );
    expect(e.location).toMatchObject({ row, column: 'reduction', nodeId: 'cae_1.2.2', field: 'regle.reduction' });
    // Issue 8 item 2: the whole sentence in English too, the formula's part included.
    expect(e.messageIn('en')).toMatch(new RegExp(`formula of cae_1\\.2\\.2 \\(reduction\\), line 1, column ${bad.indexOf('2/12') + 1}: “alors” expected\\.$`));
    expect(e.messageIn('en')).not.toMatch(/Formule|colonne|attendu/);

    expect(snapshotTables(ctx)).toEqual(tablesBefore);
    expect(core.referentials.get('cae').nodes.find((n) => n.id === 'cae_1.2.2')!.meta['regle.reduction']).toContain(good);
    expect(core.scores.get('cae')).toEqual(scoreBefore);
    expect(scoreBefore.nodes['cae_1.2.2.2']!.pointFait).toBe(1.8);
  });
});
