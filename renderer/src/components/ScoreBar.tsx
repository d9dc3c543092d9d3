/**
 * Stacked bar of a node's potentiel: fait, programmé, pas fait, non renseigné (widths in % of the potentiel).
 * Decorative: the figures are always written next to it, so it is hidden from assistive technology.
 */
import type { NodeScore } from '../../../shared/domain';

export function ScoreBar(props: { score: Pick<NodeScore, 'pointPotentiel' | 'pointFait' | 'pointProgramme' | 'pointPasFait'> }) {
  const { pointPotentiel: pot, pointFait, pointProgramme, pointPasFait } = props.score;
  if (pot <= 0) return <div className="bar bar-empty" aria-hidden="true" />;
  const w = (x: number) => `${Math.max(0, Math.min(100, (x / pot) * 100))}%`;
  return (
    <div className="bar" aria-hidden="true">
      <span className="bar-fait" style={{ width: w(pointFait) }} />
      <span className="bar-programme" style={{ width: w(pointProgramme) }} />
      <span className="bar-pas-fait" style={{ width: w(pointPasFait) }} />
    </div>
  );
}
