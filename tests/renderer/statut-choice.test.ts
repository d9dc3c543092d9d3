/**
 * What the statut selector shows and asks (renderer/src/lib/statutChoice.ts) by tete-referentials.md §2.1, and the
 * explication drafts (renderer/src/lib/drafts.ts).
 */
import { describe, expect, it } from 'vitest';
import { clearDraft, draftKey, readDraft, writeDraft, type DraftStorage } from '../../renderer/src/lib/drafts';
import { cascadeHint, cascadeQuestion, checkedStatut } from '../../renderer/src/lib/statutChoice';
import { i18next } from '../../renderer/src/i18n/tr';
import { setFormatLang } from '../../renderer/src/lib/format';

describe('checkedStatut', () => {
  it('checks no radio on a sous-action « Détaillé à la tâche » (its badge would contradict « Non renseigné »)', () => {
    expect(checkedStatut(null, 'detaille_a_la_tache')).toBeNull();
    expect(checkedStatut('non_renseigne', 'detaille_a_la_tache')).toBeNull();
  });
  it('checks the stored statut otherwise, « Non renseigné » when nothing is stored', () => {
    expect(checkedStatut('programme', 'programme')).toBe('programme');
    expect(checkedStatut(null, null)).toBe('non_renseigne');
    expect(checkedStatut(null, 'non_renseignable')).toBe('non_renseigne');
    expect(checkedStatut('non_concerne', 'non_concerne')).toBe('non_concerne');
  });
});

describe('the TETE cascade note and question (§2.1)', () => {
  const parent = { identifiant: '1.1.1.2', statut: 'programme' as const };
  it('tells what a tâche statut will do to a sous-action with its own statut', () => {
    expect(cascadeHint(parent, 'tete')).toBe(
      "La sous-action 1.1.1.2 porte déjà son propre statut (« Programmé ») : c'est lui qui compte. Saisir un statut sur cette tâche remettra celui de la sous-action à « Non renseigné » ; elle sera alors « Détaillé à la tâche » (calculée à partir de ses tâches), et ses tâches sans statut compteront comme non renseignées.",
    );
    expect(cascadeQuestion(parent, 'fait', 'tete')).toBe(
      "Enregistrer « Fait » sur cette tâche remet la sous-action 1.1.1.2 (aujourd'hui « Programmé ») à « Non renseigné » : elle sera calculée à partir de ses tâches. Continuer ?",
    );
    expect(cascadeQuestion(parent, 'detaille', 'tete')).toMatch(/^Enregistrer « Détaillé » sur cette tâche/);
    expect(cascadeQuestion(parent, 'non_concerne', 'tete')).not.toBeNull();
  });
  it('says the note and the question in English when the interface is in English (issue 8 item 2)', async () => {
    await i18next.changeLanguage('en');
    setFormatLang('en');
    try {
      expect(cascadeHint(parent, 'tete')).toBe(
        'The sub-action 1.1.1.2 already has its own status (“Planned”): that one counts. Entering a status on this task will reset the sub-action’s to “Not filled in”; it will then be “Detailed by task” (computed from its tasks), and its tasks without a status will count as not filled in.',
      );
      expect(cascadeQuestion(parent, 'fait', 'tete')).toBe('Saving “Done” on this task resets the sub-action 1.1.1.2 (now “Planned”) to “Not filled in”: it will be computed from its tasks. Continue?');
    } finally {
      await i18next.changeLanguage('fr');
      setFormatLang('fr');
    }
  });
  it('asks nothing when no sous-action statut would be discarded', () => {
    expect(cascadeQuestion(parent, 'non_renseigne', 'tete')).toBeNull();
    expect(cascadeQuestion({ identifiant: '1.1.1.3', statut: null }, 'fait', 'tete')).toBeNull();
    expect(cascadeQuestion({ identifiant: '1.1.1.3', statut: 'non_renseigne' }, 'fait', 'tete')).toBeNull();
    expect(cascadeQuestion({ identifiant: '1.1.1.6', statut: 'non_concerne' }, 'fait', 'tete')).toBeNull();
    expect(cascadeQuestion(null, 'fait', 'tete')).toBeNull();
    expect(cascadeHint(null, 'tete')).toBeNull();
  });
});

describe('explication drafts', () => {
  const memory = (): DraftStorage & { map: Map<string, string> } => {
    const map = new Map<string, string>();
    return { map, getItem: (k) => map.get(k) ?? null, setItem: (k, v) => void map.set(k, v), removeItem: (k) => void map.delete(k) };
  };
  it('keeps unsaved text per node and drops it when it equals the saved text', () => {
    const s = memory();
    const key = draftKey('cae', 'cae_1.1.1.3');
    expect(key).toBe('label-audit:explication:cae:cae_1.1.1.3');
    writeDraft(s, key, 'Stratégie en cours', '');
    expect(readDraft(s, key, '')).toBe('Stratégie en cours');
    expect(readDraft(s, key, 'Stratégie en cours')).toBeNull();
    writeDraft(s, key, 'Texte enregistré', 'Texte enregistré');
    expect(s.map.has(key)).toBe(false);
    writeDraft(s, key, 'x', '');
    clearDraft(s, key);
    expect(readDraft(s, key, '')).toBeNull();
  });
  it('ignores a storage that refuses to work (private mode, quota)', () => {
    const broken: DraftStorage = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
      removeItem: () => {
        throw new Error('SecurityError');
      },
    };
    expect(() => writeDraft(broken, 'k', 'x', '')).not.toThrow();
    expect(readDraft(broken, 'k', '')).toBeNull();
    expect(readDraft(null, 'k', '')).toBeNull();
  });
});
