/** Loading and error states of a query, with the error message in the chosen language (never a stack trace). */
import type { ReactNode } from 'react';
import { shownError } from '../lib/errors';
import { contractDe } from '../../../shared/readiness-words';
import { tr } from '../i18n/tr';

export function QueryState<T>(props: {
  query: { data: T | undefined; error: unknown; isPending: boolean };
  /** What is being loaded, for the messages: "la liste des référentiels". */
  what: string;
  children: (data: T) => ReactNode;
}) {
  if (props.query.error) {
    return (
      <p className="error" role="alert">
        {tr('common.cannotLoad', { what: props.what, message: shownError(props.query.error).message })}
      </p>
    );
  }
  // « Chargement de {{what}} » with `what` « le référentiel cae » reads « Chargement du référentiel cae… ».
  if (props.query.data === undefined) return <p className="muted">{contractDe(tr('common.loadingOf', { what: props.what }))}</p>;
  return <>{props.children(props.query.data)}</>;
}

/** An inline error under a form control; renders nothing when there is no error. */
export function InlineError(props: { error: unknown; testId?: string }) {
  if (!props.error) return null;
  return (
    <p className="error" role="alert" data-testid={props.testId}>
      {shownError(props.error).message}
    </p>
  );
}
