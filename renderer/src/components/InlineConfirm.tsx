/**
 * A small confirmation inside the page (never `window.confirm`): a sentence and its buttons, Escape cancels.
 * Used before a TETE cascade, before removing a preuve and before closing a fiche with unsaved text.
 */
import { useEffect, useRef } from 'react';

export interface ConfirmAction {
  label: string;
  onClick(): void;
  testId?: string;
  /** Drawn as the main button (the others are secondary). */
  primary?: boolean;
}

export function InlineConfirm(props: {
  message: string;
  actions: ConfirmAction[];
  /** Escape (and the caller's own cancel button, if any). */
  onCancel(): void;
  testId?: string;
  /** Moves the focus to the first button when shown (when the user's last action was the one being confirmed). */
  autoFocus?: boolean;
}) {
  const first = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (props.autoFocus) first.current?.focus();
  }, [props.autoFocus]);
  return (
    <div
      className="inline-confirm"
      role="alert"
      data-testid={props.testId}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          e.stopPropagation();
          props.onCancel();
        }
      }}
    >
      <p>{props.message}</p>
      <div className="row">
        {props.actions.map((a, i) => (
          <button
            key={a.label}
            ref={i === 0 ? first : undefined}
            type="button"
            className={a.primary ? undefined : 'secondary'}
            data-testid={a.testId}
            onClick={a.onClick}
          >
            {a.label}
          </button>
        ))}
      </div>
    </div>
  );
}
