/** A coloured statut badge; the label always states the statut (colour is never the only cue). */
import type { DisplayStatut, ScoringModel } from '../../../shared/domain';
import { displayStatut } from '../lib/statuts';

export function StatutBadge(props: { statut: DisplayStatut | null; model: ScoringModel; testId?: string }) {
  const { label, tone, title } = displayStatut(props.statut, props.model);
  return (
    <span className={`badge badge-${tone}`} data-testid={props.testId} data-statut={props.statut ?? 'non_renseigne'} title={title}>
      {label}
    </span>
  );
}
