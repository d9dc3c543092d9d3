/** Words and percentage of the référentiel import's progress bar (renderer/src/lib/import-progress.ts), in both languages. */
import { describe, expect, it } from 'vitest';
import { IMPORT_STEPS as CORE_STEPS } from '../../electron/core/services/referential-import';
import { i18next } from '../../renderer/src/i18n/tr';
import { IMPORT_STEPS, importCancellable, importPercent, importProgressText, type ImportProgressView } from '../../renderer/src/lib/import-progress';
import { setFormatLang } from '../../renderer/src/lib/format';

const p = (step: ImportProgressView['step'], done: number, total: number, more: Partial<ImportProgressView> = {}): ImportProgressView => ({
  type: 'progress',
  step,
  done,
  total,
  lines: null,
  nodes: null,
  cancellable: step !== 'enregistrement' && step !== 'score',
  ...more,
});

describe('import progress', () => {
  it('knows the core’s steps in the core’s order', () => {
    expect([...IMPORT_STEPS]).toEqual([...CORE_STEPS]);
  });

  it('« Annuler » stops being offered when the backup reaches 100 % (the store follows at once), and from the store on', () => {
    expect(importCancellable(p('lecture', 10, 100))).toBe(true);
    expect(importCancellable(p('verification', 1, 1))).toBe(true);
    expect(importCancellable(p('sauvegarde', 0, 0))).toBe(true); // no backup measure (in-memory database)
    expect(importCancellable(p('sauvegarde', 399, 400))).toBe(true);
    expect(importCancellable(p('sauvegarde', 400, 400))).toBe(false);
    expect(importCancellable(p('enregistrement', 0, 1))).toBe(false);
    expect(importCancellable(p('score', 0, 1))).toBe(false);
  });

  it('counts each step for a fifth, and within it done of total', () => {
    expect(importPercent(p('lecture', 0, 0))).toBe(0);
    expect(importPercent(p('lecture', 429_426, 858_852))).toBe(10);
    expect(importPercent(p('verification', 1, 1))).toBe(40);
    expect(importPercent(p('sauvegarde', 0, 0))).toBe(40);
    expect(importPercent(p('sauvegarde', 300, 400))).toBe(55);
    expect(importPercent(p('enregistrement', 0, 1))).toBe(60);
    expect(importPercent(p('score', 0, 1))).toBe(80);
    expect(importPercent(p('score', 1, 1))).toBe(100);
  });

  it('says each step in French with its real counts', () => {
    expect(importProgressText(p('lecture', 0, 0))).toBe('Étape 1 sur 5 : Lecture des fichiers');
    expect(importProgressText(p('lecture', 10, 20, { lines: 1 }))).toBe('Étape 1 sur 5 : Lecture des fichiers (1 ligne lue)');
    expect(importProgressText(p('lecture', 10, 20, { lines: 1601 }))).toBe('Étape 1 sur 5 : Lecture des fichiers (1\u202f601 lignes lues)');
    expect(importProgressText(p('verification', 0, 1))).toBe('Étape 2 sur 5 : Vérification du référentiel');
    expect(importProgressText(p('verification', 1, 1, { nodes: 1470 }))).toBe('Étape 2 sur 5 : Vérification du référentiel (1\u202f470 nœuds)');
    expect(importProgressText(p('sauvegarde', 0, 0, { nodes: 1470 }))).toBe('Étape 3 sur 5 : Sauvegarde de la base avant import');
    expect(importProgressText(p('sauvegarde', 1, 3, { nodes: 1470 }))).toBe('Étape 3 sur 5 : Sauvegarde de la base avant import (33\u202f%)');
    expect(importProgressText(p('enregistrement', 0, 1, { nodes: 1470 }))).toBe('Étape 4 sur 5 : Enregistrement (1\u202f470 nœuds)');
    expect(importProgressText(p('score', 0, 1, { nodes: 1470 }))).toBe('Étape 5 sur 5 : Calcul du score');
  });

  it('says them in English', async () => {
    await i18next.changeLanguage('en');
    setFormatLang('en');
    try {
      expect(importProgressText(p('lecture', 10, 20, { lines: 1601 }))).toBe('Step 1 of 5: Reading the files (1,601 lines read)');
      expect(importProgressText(p('verification', 1, 1, { nodes: 1 }))).toBe('Step 2 of 5: Checking the referential (1 node)');
      expect(importProgressText(p('sauvegarde', 1, 3))).toBe('Step 3 of 5: Backing up the database before the import (33%)');
      expect(importProgressText(p('enregistrement', 0, 1))).toBe('Step 4 of 5: Saving');
    } finally {
      await i18next.changeLanguage('fr');
      setFormatLang('fr');
    }
  });
});
