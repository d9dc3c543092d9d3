/**
 * Preuves of a node in the criterion panel: the list (file name or link, size, date), adding files (picker, or
 * drag-and-drop onto the whole panel: `useUploadFiles`, read as base64 → `preuves.addFile`), adding a link
 * (`preuves.addLink`, http(s) only), attaching a preuve of the library, detaching, a new version of a file, the
 * confidentiel flag, and the preuves attendues of the referential with which are covered: a preuve attendue is
 * covered when a preuve of the node is marked as answering it (at upload, by picking it in the add forms, or later
 * in the list; PreuveLibraryControls.tsx).
 * « Retirer » asks first (inline); a file already in the store says so; in browser mode a file preuve has an
 * « Ouvrir » link to `/preuves/<id>/fichier` (electron/web.ts; not in Electron yet); links are checked here, in
 * French, before sending (lib/preuves.ts). Each control shows only for who may use it (lib/droits.tsx): an invited
 * auditeur or lecteur sees the list, and the « Ouvrir » link of every file but the confidentiel ones.
 */
import { useMutation } from '@tanstack/react-query';
import { useId, useRef, useState } from 'react';
import type { PreuveAttendue } from '../../../shared/domain';
import { shownError } from '../lib/errors';
import { fileMessage, fileToBase64 } from '../lib/files';
import { displayUrl, formatBytes, formatDate } from '../lib/format';
import { checkLinkUrl, wasAlreadyStored } from '../lib/preuves';
import { isBrowserMode, useTRPC, type RouterOutputs } from '../trpc/client';
import { useRefresh } from '../trpc/refresh';
import { InlineConfirm } from './InlineConfirm';
import { AttachFromLibrary, AttenduesCoverage, ConfidentielToggle, RevisionButton } from './PreuveLibraryControls';
import { InlineError } from './QueryState';
import { tr } from '../i18n/tr';
import { useDroits } from '../lib/droits';

type Preuve = RouterOutputs['preuves']['list'][number];

/** Upload state shared by the panel's drop zone and the file picker. */
export interface UploadFiles {
  /** `preuveAttendueId`: the preuve attendue the files answer (their titre becomes its nom). */
  run(files: File[], preuveAttendueId?: string): void;
  pending: string[];
  errors: string[];
  /** Files that were already in the store (now attached here): « « x.pdf » : Ce fichier est déjà enregistré… ». */
  notices: string[];
}

/**
 * Uploads files one by one to `preuves.addFile`; collects French error messages naming each file, and notices for
 * files the store already held. `knownIds` gives the preuve ids already on the node.
 */
export function useUploadFiles(referentialId: string, nodeId: string, knownIds: () => ReadonlySet<string> = () => new Set()): UploadFiles {
  const trpc = useTRPC();
  const refresh = useRefresh();
  const addFile = useMutation(trpc.preuves.addFile.mutationOptions());
  const [pending, setPending] = useState<string[]>([]);
  const [errors, setErrors] = useState<string[]>([]);
  const [notices, setNotices] = useState<string[]>([]);
  const run = (files: File[], preuveAttendueId?: string) => {
    setErrors([]);
    setNotices([]);
    setPending(files.map((f) => f.name));
    const known = new Set(knownIds());
    const startedAt = Date.now();
    void (async () => {
      const failed: string[] = [];
      const already: string[] = [];
      for (const file of files) {
        try {
          const contentBase64 = await fileToBase64(file);
          const preuve = await addFile.mutateAsync({ referentialId, nodeId, fileName: file.name, contentBase64, ...(preuveAttendueId ? { preuveAttendueId } : {}) });
          if (wasAlreadyStored(preuve, known, startedAt)) already.push(fileMessage(file.name, tr('link.alreadyStored')));
        } catch (e) {
          failed.push(fileMessage(file.name, shownError(e).message));
        }
        setPending((p) => p.filter((n) => n !== file.name));
      }
      setErrors(failed);
      setNotices(already);
      refresh.afterNode();
    })();
  };
  return { run, pending, errors, notices };
}

export function PreuvesSection(props: {
  referentialId: string;
  nodeId: string;
  preuves: Preuve[];
  preuvesAttendues: PreuveAttendue[];
  upload: UploadFiles;
  /** Heading text (default « Preuves ») and level (default 3): the Candidature screen shows « Documents de candidature » as an h2. */
  title?: string;
  headingLevel?: 2 | 3;
  /** What the preuves belong to, in « Retirer … de ce critère » (default « ce critère »). */
  owner?: string;
  /** Where files can be dropped (default « sur la fiche »). */
  dropTarget?: string;
  /** Text when there is none (default « Aucune preuve pour l'instant. Déposez des fichiers sur cette fiche ou ajoutez un lien. »). */
  emptyText?: string;
}) {
  const { referentialId, nodeId, upload } = props;
  const owner = props.owner ?? tr('preuves.owner');
  const Heading = props.headingLevel === 2 ? 'h2' : 'h3';
  const trpc = useTRPC();
  const refresh = useRefresh();
  const id = useId();
  const fileInput = useRef<HTMLInputElement>(null);
  const [url, setUrl] = useState('');
  const [titre, setTitre] = useState('');
  const [attendue, setAttendue] = useState('');
  const [linkError, setLinkError] = useState<string | null>(null);
  const [confirmDetach, setConfirmDetach] = useState<string | null>(null);
  const browser = isBrowserMode();
  // Each control is shown only to who may use it (lib/droits.tsx): an invited auditeur or lecteur reads the list.
  const droits = useDroits();
  const can = {
    addFile: droits.peut('preuves.addFile'),
    addLink: droits.peut('preuves.addLink'),
    detach: droits.peut('preuves.detach'),
    revision: droits.peut('preuves.addRevision'),
    update: droits.peut('preuves.update'),
    attach: droits.peut('preuves.attach'),
    couverture: droits.peut('preuves.setCouverture'),
  };
  const addLink = useMutation(
    trpc.preuves.addLink.mutationOptions({
      onSuccess: () => {
        setUrl('');
        setTitre('');
        refresh.afterNode();
      },
    }),
  );
  const detach = useMutation(trpc.preuves.detach.mutationOptions({ onSuccess: () => refresh.afterNode() }));
  const attendueNom = props.preuvesAttendues.find((a) => a.id === attendue)?.nom;

  const submitLink = () => {
    if (addLink.isPending) return;
    const checked = checkLinkUrl(url);
    if (!checked.ok) {
      setLinkError(checked.message);
      return;
    }
    setLinkError(null);
    const t = titre.trim();
    addLink.mutate({ referentialId, nodeId, url: checked.url, ...(t ? { titre: t } : {}), ...(attendue ? { preuveAttendueId: attendue } : {}) });
  };

  return (
    <section className="panel-section" data-testid="preuves">
      <Heading>{props.title ?? tr('preuves.title')}</Heading>
      {props.preuves.length === 0 ? (
        <p className="muted small">{can.addFile || can.addLink ? (props.emptyText ?? tr('preuves.empty')) : tr('preuves.emptyReadonly')}</p>
      ) : (
        <ul className="preuves" data-testid="preuves-list">
          {props.preuves.map((p) => (
            <li key={p.id} data-testid={`preuve-${p.id}`} data-kind={p.kind}>
              <span className="preuve-main">
                {p.kind === 'lien' && p.url ? (
                  <>
                    {/* Shown decoded (délibération, not d%C3%A9lib%C3%A9ration); the href keeps the stored URL. */}
                    <a href={p.url} target="_blank" rel="noopener noreferrer" title={displayUrl(p.url)}>
                      {p.titre === p.url ? displayUrl(p.url) : p.titre}
                    </a>
                    {p.titre !== p.url && <span className="url muted small">{displayUrl(p.url)}</span>}
                  </>
                ) : (
                  <span title={p.sha256 ? `SHA-256 ${p.sha256}` : undefined}>{p.titre}</span>
                )}
                {p.kind === 'fichier' && p.fileName && p.fileName !== p.titre && <span className="muted small"> · {p.fileName}</span>}
              </span>
              <span className="preuve-meta muted small">
                {p.kind === 'fichier'
                  ? tr('preuves.fileMeta', { size: formatBytes(p.size), date: formatDate(p.addedAt), who: p.addedBy })
                  : tr('preuves.linkMeta', { date: formatDate(p.addedAt), who: p.addedBy })}
                {p.revision > 1 && <span data-testid={`preuve-version-${p.id}`}>{tr('preuves.version', { n: p.revision })}</span>}
                {p.dateDocument && tr('preuves.documentOf', { date: formatDate(p.dateDocument) })}
                {p.nodeIds.length > 1 && tr('preuves.attachedTo', { n: p.nodeIds.length })}
                {p.confidentiel && (
                  <span className="badge badge-neutre" data-testid={`preuve-confidentielle-${p.id}`}>
                    {' '}
                    {tr('preuves.confidentielle')}
                  </span>
                )}
              </span>
              <span className="preuve-actions">
                {browser && p.kind === 'fichier' && droits.peutOuvrir(p) && (
                  <a href={`/preuves/${encodeURIComponent(p.id)}/fichier`} download data-testid={`preuve-open-${p.id}`} title={tr('preuves.openTitle', { name: p.fileName ?? p.titre })}>
                    {tr('preuves.open')}
                  </a>
                )}
                {p.kind === 'fichier' && can.revision && <RevisionButton preuve={p} />}
                {can.update && <ConfidentielToggle preuve={p} />}
                {can.detach && (
                  <button
                    type="button"
                    className="link-button"
                    data-testid={`preuve-detach-${p.id}`}
                    onClick={() => setConfirmDetach(p.id)}
                    aria-label={tr('preuves.detachLabel', { titre: p.titre, owner })}
                  >
                    {tr('preuves.detach')}
                  </button>
                )}
              </span>
              {confirmDetach === p.id && (
                <div className="preuve-confirm">
                  <InlineConfirm
                    testId={`preuve-detach-confirm-${p.id}`}
                    autoFocus
                    message={`${tr('preuves.detachQuestion', { titre: p.titre, owner })} ${p.kind === 'fichier' ? tr('preuves.detachKeeps') : ''}`.trim()}
                    onCancel={() => setConfirmDetach(null)}
                    actions={[
                      {
                        label: tr('preuves.detach'),
                        primary: true,
                        testId: `preuve-detach-ok-${p.id}`,
                        onClick: () => {
                          setConfirmDetach(null);
                          detach.mutate({ preuveId: p.id, nodeId });
                        },
                      },
                      { label: tr('common.cancel'), testId: `preuve-detach-cancel-${p.id}`, onClick: () => setConfirmDetach(null) },
                    ]}
                  />
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
      <InlineError error={detach.error} testId="preuve-detach-error" />

      {props.preuvesAttendues.length > 0 && (can.addFile || can.addLink) && (
        <label className="field-inline">
          <span>{tr('preuves.attendue')}</span>
          <select data-testid="preuve-attendue-select" value={attendue} onChange={(e) => setAttendue(e.target.value)}>
            <option value="">{tr('preuves.attendueNone')}</option>
            {props.preuvesAttendues.map((a) => (
              <option key={a.id} value={a.id}>
                {a.nom}
              </option>
            ))}
          </select>
        </label>
      )}

      {can.addFile && (
        <div className="dropzone" data-testid="preuve-dropzone">
          <input
            ref={fileInput}
            id={`${id}-file`}
            type="file"
            multiple
            className="visually-hidden"
            // Reached through the visible button below, never by Tab; the label names it for assistive technologies.
            tabIndex={-1}
            aria-label={tr('preuves.addFiles')}
            data-testid="preuve-file-input"
            onChange={(e) => {
              const files = Array.from(e.target.files ?? []);
              if (files.length > 0) upload.run(files, attendue || undefined);
              e.target.value = '';
            }}
          />
          <button type="button" onClick={() => fileInput.current?.click()}>
            {tr('preuves.addFilesButton')}
          </button>
          <span className="muted small">{tr('preuves.dropHint', { target: props.dropTarget ?? tr('preuves.dropTarget') })}</span>
        </div>
      )}
      {upload.pending.length > 0 && (
        <p className="muted small" aria-live="polite" data-testid="preuve-upload-pending">
          {tr('preuves.sending', { names: upload.pending.join(', ') })}
        </p>
      )}
      {upload.errors.map((m) => (
        <p key={m} className="error" role="alert" data-testid="preuve-upload-error">
          {m}
        </p>
      ))}
      {upload.notices.map((m) => (
        <p key={m} className="notice small" role="status" data-testid="preuve-upload-notice">
          {m}
        </p>
      ))}

      {can.addLink && (
        <form
          className="link-form"
          onSubmit={(e) => {
            e.preventDefault();
            submitLink();
          }}
        >
          <label className="field-inline grow">
            <span>{tr('preuves.link')}</span>
            <input
              type="text"
              inputMode="url"
              autoComplete="off"
              spellCheck={false}
              data-testid="preuve-link-url"
              placeholder="https://…"
              value={url}
              aria-invalid={linkError !== null}
              onChange={(e) => {
                setUrl(e.target.value);
                setLinkError(null);
                addLink.reset();
              }}
            />
          </label>
          <label className="field-inline grow">
            <span>{tr('preuves.titre')}</span>
            <input data-testid="preuve-link-titre" placeholder={attendueNom ?? tr('preuves.titrePlaceholder')} value={titre} onChange={(e) => setTitre(e.target.value)} />
          </label>
          <button type="submit" className="secondary" data-testid="preuve-link-add" aria-busy={addLink.isPending}>
            {tr('preuves.addLink')}
          </button>
        </form>
      )}
      {linkError !== null ? (
        <p className="error" role="alert" data-testid="preuve-link-error">
          {linkError}
        </p>
      ) : (
        <InlineError error={addLink.error} testId="preuve-link-error" />
      )}

      {can.attach && <AttachFromLibrary referentialId={referentialId} nodeId={nodeId} onNode={props.preuves} />}

      <AttenduesCoverage referentialId={referentialId} preuves={props.preuves} attendues={props.preuvesAttendues} editable={can.couverture} />
    </section>
  );
}
