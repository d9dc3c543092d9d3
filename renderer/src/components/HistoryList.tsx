/** History of a node (newest first, as `nodes.detail` returns it): when, who, and what changed as a French sentence. */
import { useT } from '../i18n';
import type { ScoringModel } from '../../../shared/domain';
import { formatCount, formatDateTime } from '../lib/format';
import { describeEvent, type HistoryEventLike } from '../lib/history';
import { tr } from '../i18n/tr';

/** `fullHref`: the « Historique » screen filtered on this node (the whole timeline, with its filters). */
export function HistoryList(props: { events: HistoryEventLike[]; model: ScoringModel; fullHref?: string }) {
  const { lang } = useT();
  return (
    <section className="panel-section">
      <details open={props.events.length > 0 && props.events.length <= 5}>
        <summary>
          <h3 className="inline">{tr('history.title', { n: formatCount(props.events.length) })}</h3>
        </summary>
        {props.events.length === 0 ? (
          <p className="muted small">{tr('history.empty')}</p>
        ) : (
          <ol className="history" data-testid="history-list">
            {props.events.map((e) => (
              <li key={e.id} data-testid={`history-${e.id}`}>
                <span className="muted small">
                  {formatDateTime(e.at)} · {e.who}
                </span>
                <span>{describeEvent(e, props.model, lang)}</span>
              </li>
            ))}
          </ol>
        )}
        {props.fullHref && (
          <p className="small">
            <a href={props.fullHref} data-testid="history-full-link">
              {tr('historique.fullLink')}
            </a>
          </p>
        )}
      </details>
    </section>
  );
}
