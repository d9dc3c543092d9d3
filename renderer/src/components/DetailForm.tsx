/**
 * The three % of a « Détaillé » statut (fait / programmé / pas fait, tete-referentials.md §2.1), their running total
 * and « Enregistrer la répartition »: the form of the fiche's statut editor and of the auditor's statuts on the Audit
 * screen. Presentational: the caller keeps the texts typed and checks them with lib/detail.ts `parseDetail` on submit.
 * Test ids `${testId}-fait`, `-programme`, `-pas-fait`, `-total`, `-save` and `${testId}-form` (the fiche: `detail`).
 */
import { detailTotal, type DetailPercents } from '../lib/detail';
import { tr } from '../i18n/tr';

export function DetailForm(props: { percents: DetailPercents; onChange(next: DetailPercents): void; onSubmit(): void; testId: string; label?: string }) {
  const total = detailTotal(props.percents);
  return (
    <form
      className="detail"
      data-testid={`${props.testId}-form`}
      aria-label={props.label}
      onSubmit={(e) => {
        e.preventDefault();
        props.onSubmit();
      }}
    >
      {(['fait', 'programme', 'pas-fait'] as const).map((k, i) => (
        <label key={k} className="field-inline">
          <span>{tr(`statutEditor.${(['fait', 'programme', 'pasFait'] as const)[i]}`)} (%)</span>
          <input
            type="text"
            inputMode="decimal"
            autoComplete="off"
            placeholder="0"
            data-testid={`${props.testId}-${k}`}
            value={props.percents[i]}
            onChange={(e) => {
              const next = [...props.percents] as DetailPercents;
              next[i] = e.target.value;
              props.onChange(next);
            }}
          />
        </label>
      ))}
      <span className={`small ${total.tenths === 1000 ? 'ok' : 'muted'}`} data-testid={`${props.testId}-total`} aria-live="polite">
        {total.text}
      </span>
      <button type="submit" data-testid={`${props.testId}-save`}>
        {tr('statutEditor.saveDetail')}
      </button>
    </form>
  );
}
