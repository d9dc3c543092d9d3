/**
 * Calendar days and shares as real spreadsheets hold them (issue 5 item 3), read the same whatever the machine's
 * time zone: each case runs under TZ=Europe/Paris, America/Martinique and Pacific/Noumea (process.env.TZ, which
 * Node applies at once; the offsets are checked so a zone that did not apply fails the test).
 */
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { csvDelimiter, decodeCsvBytes, readDay, readShare } from '../../../electron/core/exchange/cells';
import { readSheetTable } from '../../../electron/core/exchange/sheet';
import { memoryCore, toyTete } from '../helpers/context';

const ZONES: Array<[string, number]> = [
  ['Europe/Paris', -60], // getTimezoneOffset() on 2027-03-15, in minutes (UTC+1)
  ['America/Martinique', 240], // UTC−4
  ['Pacific/Noumea', -660], // UTC+11
];
const savedTz = process.env.TZ;
afterAll(() => {
  if (savedTz === undefined) delete process.env.TZ;
  else process.env.TZ = savedTz;
});

describe.each(ZONES)('dates under TZ=%s', (zone, offset) => {
  it('reads serials, date cells, texts and times as 2027-03-15', async () => {
    process.env.TZ = zone;
    expect(new Date(Date.UTC(2027, 2, 15)).getTimezoneOffset()).toBe(offset);
    expect(readDay(46461)).toEqual({ day: '2027-03-15' });
    expect(readDay(46461.999)).toEqual({ day: '2027-03-15' }); // 23:58
    expect(readDay(46461.0001)).toEqual({ day: '2027-03-15' });
    expect(readDay(44999, true)).toEqual({ day: '2027-03-15' }); // 1904 date system: 46461 − 1462
    expect(readDay('15/03/2027')).toEqual({ day: '2027-03-15' });
    expect(readDay('15/03/2027 23:30')).toEqual({ day: '2027-03-15' });
    expect(readDay('15/03/2027 00:00:00')).toEqual({ day: '2027-03-15' });
    expect(readDay('15.03.27')).toEqual({ day: '2027-03-15' });
    expect(readDay('2027-03-15T23:30:00Z')).toEqual({ day: '2027-03-15' });
    expect(readDay(' 2027-03-15 ')).toEqual({ day: '2027-03-15' });

    // A workbook: a serial with a date format, the same with a time, a UTC date, a text, a text with a time.
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Feuil1');
    ws.addRow(['Identifiant', 'Échéance']);
    ws.addRow(['a', 46461]).getCell(2).numFmt = 'dd/mm/yyyy';
    ws.addRow(['b', 46461.75]).getCell(2).numFmt = 'dd/mm/yyyy hh:mm';
    ws.addRow(['c', new Date(Date.UTC(2027, 2, 15, 23, 59))]);
    ws.addRow(['d', '15/03/2027']);
    ws.addRow(['e', '15/03/2027 08:00']);
    ws.addRow(['f', { formula: 'DATE(2027,3,15)', result: 46461 }]);
    const table = await readSheetTable({ name: 'dates.xlsx', bytes: new Uint8Array(await wb.xlsx.writeBuffer()) }, 'identifiant');
    expect(table.rows.map((r) => readDay(r.cells.get('echeance')!.value))).toEqual(Array(6).fill({ day: '2027-03-15' }));
  });

  it('a pilote workbook exported and read back changes no échéance', async () => {
    process.env.TZ = zone;
    const { core, cleanup } = memoryCore();
    try {
      core.referentials.store(toyTete('eci'));
      const p = core.people.create({ nom: 'Élodie Marchand' });
      core.nodes.setPilotes({ referentialId: 'eci', nodeId: 'eci_1', personIds: [p.id], serviceIds: [] });
      core.nodes.setEcheance({ referentialId: 'eci', nodeId: 'eci_1.1', echeance: '2027-03-15' });
      core.nodes.setEcheance({ referentialId: 'eci', nodeId: 'eci_1.2', echeance: '2027-01-01' });
      const out = await core.mesCriteres.exportXlsx({ kind: 'person', id: p.id });
      const preview = await core.mesCriteres.previewImport({ name: out.fileName, bytes: out.bytes });
      expect(preview.changements).toEqual([]);
      expect(preview.inchanges).toBe(2);
    } finally {
      cleanup();
    }
  });
});

describe('cells that are not days or shares', () => {
  it('refuses impossible dates and other texts with the reason', () => {
    expect(readDay('31/02/2027')).toEqual({
      reason: "« 31/02/2027 » n'est pas une date (formats acceptés : 15/03/2027, 2027-03-15)",
      reasonEn: '“31/02/2027” is not a date (accepted formats: 15/03/2027, 2027-03-15)',
    });
    expect(readDay('mars 2027')).toMatchObject({ reason: "« mars 2027 » n'est pas une date (formats acceptés : 15/03/2027, 2027-03-15)" });
    expect(readDay(-3.5)).toEqual({ reason: "« -3,5 » n'est pas une date (numéro de série Excel hors limites)", reasonEn: '“-3.5” is not a date (Excel serial number out of range)' });
    expect(readDay(null)).toEqual({ day: null });
    expect(readDay('  ')).toEqual({ day: null });
  });

  it('reads shares as fractions, percentages or decimal commas', () => {
    expect(readShare(0.5)).toEqual({ share: 0.5 });
    expect(readShare(50)).toEqual({ share: 0.5 });
    expect(readShare('33,3 %')).toEqual({ share: 0.333 });
    expect(readShare('0,25')).toEqual({ share: 0.25 });
    expect(readShare('20%')).toEqual({ share: 0.2 });
    expect(readShare('beaucoup')).toEqual({ reason: "« beaucoup » n'est pas une part (exemples : 50 %, 0,5)", reasonEn: '“beaucoup” is not a share (examples: 50%, 0.5)' });
  });

  it('decodes UTF-8 with BOM and Windows-1252, and finds the separator', () => {
    expect(decodeCsvBytes(new Uint8Array([0xef, 0xbb, 0xbf, 0xc3, 0xa9]))).toEqual({ text: 'é', encoding: 'utf-8' });
    expect(decodeCsvBytes(new Uint8Array([0xc9, 0x74, 0xe9, 0x20, 0x97, 0x20, 0x80, 0x9c]))).toEqual({ text: 'Été — €œ', encoding: 'windows-1252' });
    expect(csvDelimiter('a;b;c\n1;"2,5";3')).toBe(';');
    expect(csvDelimiter('a,b,c\n1,2,3')).toBe(',');
  });
});
