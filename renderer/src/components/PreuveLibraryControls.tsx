/**
 * The library controls of the preuves section (issue 4 item 1): a new version of a file preuve (the earlier ones
 * stay), the confidentiel flag, attaching an existing preuve of the library to this node, and marking which
 * preuve answers each preuve attendue (tete-referentials.md §4.6).
 */
import { useMutation, useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import type { PreuveAttendue } from '../../../shared/domain';
import { shownError } from '../lib/errors';
import { fileMessage, fileToBase64 } from '../lib/files';
import { coveringPreuves, filterLibrary } from '../lib/preuves';
import { formatCount } from '../lib/format';
import { useTRPC, type RouterOutputs } from '../trpc/client';
import { useRefresh } from '../trpc/refresh';
import { InlineError } from './QueryState';
import { plural, tr } from '../i18n/tr';

type Preuve = RouterOutputs['preuves']['list'][number];

/** « Nouvelle version… » of a file preuve: picks one file and sends it to `preuves.addRevision`. */
export function RevisionButton(props: { preuve: Preuve }) {
  const trpc = useTRPC();
  const refresh = useRefresh();
  const input = useRef<HTMLInputElement>(null);
  const [error, setError] = useState<string | null>(null);
  const add = useMutation(trpc.preuves.addRevision.mutationOptions({ onSuccess: () => refresh.afterNode() }));
  const p = props.preuve;
  return (
    <>
      <input
        ref={input}
        type="file"
        className="visually-hidden"
        data-testid={`preuve-revision-input-${p.id}`}
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (!file) return;
          setError(null);
          void fileToBase64(file)
            .then((contentBase64) => add.mutateAsync({ preuveId: p.id, fileName: file.name, contentBase64 }))
            .catch((err: unknown) => setError(fileMessage(file.name, shownError(err).message)));
        }}
      />
      <button type="button" className="link-button" data-testid={`preuve-revision-${p.id}`} onClick={() => input.current?.click()} aria-label={tr('libraryControls.revisionLabel', { titre: p.titre })}>
        {tr('libraryControls.revision')}
      </button>
      {error && (
        <p className="error small" role="alert" data-testid={`preuve-revision-error-${p.id}`}>
          {error}
        </p>
      )}
    </>
  );
}

/** The confidentiel checkbox of a preuve (`preuves.update`). */
export function ConfidentielToggle(props: { preuve: Preuve }) {
  const trpc = useTRPC();
  const refresh = useRefresh();
  const update = useMutation(trpc.preuves.update.mutationOptions({ onSuccess: () => refresh.afterNode() }));
  const p = props.preuve;
  return (
    <label className="small" title={tr('libraryControls.confidentielHint')}>
      <input
        type="checkbox"
        data-testid={`preuve-confidentiel-${p.id}`}
        checked={p.confidentiel}
        disabled={update.isPending}
        onChange={(e) => update.mutate({ preuveId: p.id, confidentiel: e.target.checked })}
      />{' '}
      {tr('libraryControls.confidentielle')}
      <InlineError error={update.error} testId={`preuve-confidentiel-error-${p.id}`} />
    </label>
  );
}

/** How many matches the library picker lists at once (the library may hold thousands of preuves). */
export const LIBRARY_PICKER_LIMIT = 12;

/**
 * « Rattacher une preuve existante… »: a search in the library's preuves not yet on this node (titre, file name,
 * URL, owner, node ids, accents and case aside: `filterLibrary`), at most `LIBRARY_PICKER_LIMIT` matches listed,
 * each with « Rattacher » (`preuves.attach`). Folded until asked for: the library is only fetched then, so opening
 * a fiche never draws the whole library (2 000 preuves were 2 000 `<option>`s, most of a fiche's opening time).
 */
export function AttachFromLibrary(props: { referentialId: string; nodeId: string; onNode: readonly Preuve[] }) {
  const [open, setOpen] = useState(false);
  // Closed from the picker: the focus goes back to the button that opened it.
  const [refocus, setRefocus] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!open && refocus) {
      button.current?.focus();
      setRefocus(false);
    }
  }, [open, refocus]);
  if (!open) {
    return (
      <p className="library-picker-open">
        <button ref={button} type="button" className="link-button" data-testid="preuve-library-open" aria-expanded="false" onClick={() => setOpen(true)}>
          {tr('libraryControls.open')}
        </button>
      </p>
    );
  }
  return (
    <LibraryPicker
      {...props}
      onClose={() => {
        setOpen(false);
        setRefocus(true);
      }}
    />
  );
}

function LibraryPicker(props: { referentialId: string; nodeId: string; onNode: readonly Preuve[]; onClose(): void }) {
  const trpc = useTRPC();
  const refresh = useRefresh();
  // Fresh on each opening (another person may have added preuves meanwhile); the cached list shows until then.
  const library = useQuery(trpc.preuves.library.queryOptions(undefined, { staleTime: 0 }));
  const [q, setQ] = useState('');
  const search = useRef<HTMLInputElement>(null);
  // Attached, the preuve leaves the list (it is on the node now): the focus goes back to the search, not to the page.
  const attach = useMutation(
    trpc.preuves.attach.mutationOptions({
      onSuccess: () => {
        refresh.afterNode();
        search.current?.focus();
      },
    }),
  );
  const here = new Set(props.onNode.map((p) => p.id));
  const choices = (library.data ?? []).filter((p) => !here.has(p.id));
  const matches = filterLibrary(choices, { q, referentialId: '', kind: '', confidentiel: '' });
  const shown = matches.slice(0, LIBRARY_PICKER_LIMIT);
  return (
    <div className="library-picker" data-testid="preuve-library-picker" role="group" aria-labelledby="library-picker-title">
      <div className="library-picker-head">
        <h4 id="library-picker-title">{tr('libraryControls.existing')}</h4>
        <button type="button" className="link-button" data-testid="preuve-library-close" onClick={props.onClose}>
          {tr('libraryControls.close')}
        </button>
      </div>
      <label className="field-inline grow">
        <span>{tr('libraryControls.search')}</span>
        <input
          ref={search}
          type="search"
          autoFocus
          data-testid="preuve-library-search"
          onKeyDown={(e) => {
            // Escape closes the picker (not the fiche); a first Escape on a search with text clears it, as browsers do.
            if (e.key !== 'Escape' || q !== '') return;
            e.preventDefault();
            props.onClose();
          }}
          placeholder={tr('libraryControls.searchPlaceholder')}
          value={q}
          onChange={(e) => setQ(e.target.value)}
        />
      </label>
      {library.isPending ? (
        <p className="muted small">{tr('libraryControls.loading')}</p>
      ) : library.error ? (
        <InlineError error={library.error} testId="preuve-library-load-error" />
      ) : (
        <>
          <p className="muted small" data-testid="preuve-library-count" aria-live="polite">
            {choices.length === 0
              ? tr('libraryControls.none')
              : matches.length > shown.length
                ? tr('libraryControls.more', { shown: formatCount(shown.length), n: formatCount(matches.length) })
                : tr(`libraryControls.found_${plural(matches.length)}`, { n: formatCount(matches.length) })}
          </p>
          {shown.length > 0 && (
            <ul className="library-picker-list">
              {shown.map((p) => (
                <li key={p.id} data-testid={`preuve-library-choice-${p.id}`}>
                  <span>
                    {p.titre}
                    {p.kind === 'fichier' && p.fileName && p.fileName !== p.titre ? <span className="muted small"> — {p.fileName}</span> : null}
                    {p.confidentiel ? <span className="muted small">{tr('libraryControls.confidentialSuffix')}</span> : null}
                  </span>
                  <button
                    type="button"
                    className="secondary small"
                    data-testid={`preuve-library-attach-${p.id}`}
                    aria-label={tr('libraryControls.attachLabel', { titre: p.titre })}
                    disabled={attach.isPending}
                    onClick={() => attach.mutate({ preuveId: p.id, referentialId: props.referentialId, nodeId: props.nodeId })}
                  >
                    {tr('libraryControls.attach')}
                  </button>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
      <InlineError error={attach.error} testId="preuve-library-error" />
    </div>
  );
}

/**
 * The preuves attendues of the node: « Fournie » with the preuves marked as answering it (each can be unmarked), or
 * « À fournir » with a picker of the node's preuves to mark one (`preuves.setCouverture`).
 */
export function AttenduesCoverage(props: { referentialId: string; preuves: readonly Preuve[]; attendues: readonly PreuveAttendue[]; /** False: the list without the mark / unmark controls (default true). */ editable?: boolean }) {
  const editable = props.editable ?? true;
  const trpc = useTRPC();
  const refresh = useRefresh();
  const set = useMutation(trpc.preuves.setCouverture.mutationOptions({ onSuccess: () => refresh.afterNode() }));
  if (props.attendues.length === 0) return null;
  return (
    <>
      <h4>{tr('libraryControls.attendues')}</h4>
      <ul className="attendues">
        {props.attendues.map((a) => {
          const by = coveringPreuves(props.preuves, props.referentialId, a.id);
          const covered = by.length > 0;
          return (
            <li key={a.id} data-testid={`preuve-attendue-${a.id}`} data-covered={covered}>
              <span className={`badge ${covered ? 'badge-fait' : 'badge-neutre'}`}>{covered ? tr('libraryControls.fournie') : tr('libraryControls.aFournir')}</span> {a.nom}
              {by.map((p) => (
                <span key={p.id} className="muted small">
                  {' '}
                  {tr('libraryControls.by', { titre: p.titre })}{' '}
                  {editable && (
                    <button
                      type="button"
                      className="link-button"
                      data-testid={`preuve-attendue-unmark-${a.id}-${p.id}`}
                      onClick={() => set.mutate({ preuveId: p.id, referentialId: props.referentialId, preuveAttendueId: a.id, couvre: false })}
                    >
                      {tr('libraryControls.unmark')}
                    </button>
                  )}
                </span>
              ))}
              {editable && !covered && props.preuves.length > 0 && (
                <select
                  className="small"
                  data-testid={`preuve-attendue-mark-${a.id}`}
                  aria-label={tr('libraryControls.markLabel', { nom: a.nom })}
                  value=""
                  onChange={(e) => e.target.value && set.mutate({ preuveId: e.target.value, referentialId: props.referentialId, preuveAttendueId: a.id, couvre: true })}
                >
                  <option value="">{tr('libraryControls.fourniePar')}</option>
                  {props.preuves.map((p) => (
                    <option key={p.id} value={p.id}>
                      {p.titre}
                    </option>
                  ))}
                </select>
              )}
            </li>
          );
        })}
      </ul>
      <InlineError error={set.error} testId="preuve-attendue-error" />
    </>
  );
}
