/**
 * The explication of a node's statut (`statuts.setExplication`): saved on blur or with its button, and only when
 * the text changed since the last save (a blur followed by a click on the button saves once). While unsaved, the
 * text is kept as a draft in sessionStorage per node (lib/drafts.ts), so a reload does not lose it; the panel
 * asks before closing with unsaved text through `control`.
 */
import { useMutation } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState } from 'react';
import { clearDraft, draftKey, readDraft, sessionDrafts, writeDraft } from '../lib/drafts';
import { useTRPC } from '../trpc/client';
import { useRefresh } from '../trpc/refresh';
import { InlineError } from './QueryState';
import { tr } from '../i18n/tr';

/** What the panel may ask the editor: whether text is unsaved, and to save it (resolves true when saved). */
export interface ExplicationControl {
  dirty(): boolean;
  save(): Promise<boolean>;
}

/** Blank text is stored as no explication: compare texts the way they are stored. */
const norm = (t: string) => (t.trim() === '' ? '' : t);

/**
 * `versionRef`: the node's version the statut editor tracks (issue 5 item 4), sent as `expectedVersion` and moved
 * by each save, so that a change made meanwhile by someone else is refused as a conflict, not overwritten.
 */
export function ExplicationEditor(props: {
  referentialId: string;
  nodeId: string;
  stored: string | null;
  control?: { current: ExplicationControl | null };
  versionRef?: { current: number };
}) {
  const { referentialId, nodeId } = props;
  const trpc = useTRPC();
  const refresh = useRefresh();
  const id = useId();
  const saved = props.stored ?? '';
  const key = draftKey(referentialId, nodeId);
  const [restored] = useState(() => readDraft(sessionDrafts(), key, saved));
  const [text, setText] = useState(restored ?? saved);
  // The text last saved or being saved: what "changed" is measured against.
  const [baseline, setBaseline] = useState(saved);
  const textRef = useRef(text);
  textRef.current = text;
  const baselineRef = useRef(baseline);
  baselineRef.current = baseline;

  // Follow the server's text when it changes, unless the user has edits of their own.
  useEffect(() => {
    if (norm(textRef.current) === norm(baselineRef.current)) setText(saved);
    setBaseline(saved);
  }, [saved]);

  const save = useMutation(
    trpc.statuts.setExplication.mutationOptions({
      onSuccess: (_res, vars) => {
        // The draft goes once saved, unless the user typed more meanwhile (then it is the newer text).
        const storage = sessionDrafts();
        const k = draftKey(vars.referentialId, vars.nodeId);
        if ((readDraft(storage, k, vars.explication ?? '') ?? null) === null) clearDraft(storage, k);
        refresh.afterNode();
      },
    }),
  );
  const dirty = norm(text) !== norm(baseline);

  const submit = async (): Promise<boolean> => {
    const current = textRef.current;
    const previous = baselineRef.current;
    if (norm(current) === norm(previous)) return true;
    setBaseline(current);
    baselineRef.current = current;
    try {
      const versionRef = props.versionRef;
      const res = await save.mutateAsync({ referentialId, nodeId, explication: norm(current) === '' ? null : current, ...(versionRef ? { expectedVersion: versionRef.current } : {}) });
      if (versionRef) versionRef.current = res.version;
      return true;
    } catch {
      // Unsaved again: the error is shown under the field.
      setBaseline(previous);
      return false;
    }
  };

  if (props.control) props.control.current = { dirty: () => norm(textRef.current) !== norm(baselineRef.current), save: submit };

  const state = save.isPending
    ? tr('explication.saving')
    : dirty
      ? restored !== null && text === restored
        ? tr('explication.draft')
        : tr('explication.unsaved')
      : save.isSuccess
        ? tr('explication.saved')
        : '';

  return (
    <div className="field">
      <label htmlFor={`${id}-explication`}>{tr('explication.label')}</label>
      <textarea
        id={`${id}-explication`}
        data-testid="explication"
        rows={4}
        placeholder={tr('explication.placeholder')}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          writeDraft(sessionDrafts(), key, e.target.value, saved);
        }}
        onBlur={() => void submit()}
      />
      <div className="row">
        {/* aria-disabled, not disabled: a button that goes disabled under the focus drops the focus to the page. */}
        <button type="button" className="secondary" data-testid="explication-save" onClick={() => void submit()} aria-disabled={!dirty}>
          {tr('explication.save')}
        </button>
        <span className={`small ${dirty ? 'unsaved' : 'muted'}`} aria-live="polite" data-testid="explication-state">
          {state}
        </span>
      </div>
      <InlineError error={save.error} testId="explication-error" />
    </div>
  );
}
