/**
 * « Premiers pas »: the first-run guide of a new workspace on the Tableau de bord (issue 8 item 6). Three steps
 * that can be done right here: name the collectivité (`workspace.update`; the full identity for the TETE
 * personnalisation is on the Personnalisation screen), see and import référentiels (Référentiel screen), add the
 * first pilotes (`people.create`, `services.create`). Once shown it stays until closed, for good with « Fermer le guide » (per workspace,
 * in localStorage). Steps and visibility: lib/firstRun.ts.
 */
import { useT } from '../i18n';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { shownError } from '../lib/errors';
import { DEFAULT_WORKSPACE_NOM, guideClosedKey, guideSteps, showGuide } from '../lib/firstRun';
import { formatHash } from '../router';
import { useTRPC } from '../trpc/client';
import { useRefresh } from '../trpc/refresh';

function readClosed(workspaceId: string): boolean {
  try {
    return window.localStorage.getItem(guideClosedKey(workspaceId)) === '1';
  } catch {
    return false;
  }
}

export function FirstRunGuide() {
  const trpc = useTRPC();
  const { t } = useT();
  const queryClient = useQueryClient();
  const refresh = useRefresh();
  const workspace = useQuery(trpc.workspace.get.queryOptions());
  const referentials = useQuery(trpc.referentials.list.queryOptions());
  const people = useQuery(trpc.people.list.queryOptions());
  const services = useQuery(trpc.services.list.queryOptions());
  const [closedNow, setClosedNow] = useState(false);
  // Once shown, the guide stays until closed (naming the collectivité and adding a pilote make it look "not new").
  const shownOnce = useRef(false);
  const [nom, setNom] = useState('');
  const [personne, setPersonne] = useState('');
  const [service, setService] = useState('');
  const updateWorkspace = useMutation(trpc.workspace.update.mutationOptions({ onSuccess: () => void queryClient.invalidateQueries(trpc.workspace.pathFilter()) }));
  const createService = useMutation(trpc.services.create.mutationOptions());
  const createPerson = useMutation(trpc.people.create.mutationOptions({ onSuccess: () => refresh.afterPeople() }));

  if (!workspace.data || !referentials.data || !people.data || !services.data) return null;
  const w = workspace.data;
  const facts = { nom: w.nom, referentials: referentials.data, people: people.data.length, services: services.data.length };
  const closed = closedNow || readClosed(w.id);
  if (closed || !(shownOnce.current || showGuide(facts, closed))) return null;
  shownOnce.current = true;
  const steps = guideSteps(facts);
  const allDone = steps.every((s) => s.done);
  const close = () => {
    try {
      window.localStorage.setItem(guideClosedKey(w.id), '1');
    } catch {
      // Private mode: the guide closes for this session only.
    }
    setClosedNow(true);
  };
  const saveNom = (e: FormEvent) => {
    e.preventDefault();
    if (nom.trim() === '') return;
    updateWorkspace.mutate({ nom: nom.trim() });
  };
  const addPerson = async (e: FormEvent) => {
    e.preventDefault();
    if (personne.trim() === '') return;
    let serviceId: string | null = null;
    if (service.trim() !== '') {
      const existing = services.data.find((s) => s.nom.toLowerCase() === service.trim().toLowerCase());
      serviceId = existing ? existing.id : (await createService.mutateAsync({ nom: service.trim() })).id;
    }
    await createPerson.mutateAsync({ nom: personne.trim(), serviceId });
    setPersonne('');
  };
  const error = updateWorkspace.error ?? createPerson.error ?? createService.error;
  const [identite, refs, pilotes] = steps as [(typeof steps)[0], (typeof steps)[1], (typeof steps)[2]];

  return (
    <section className="card guide no-print" data-testid="first-run-guide" aria-labelledby="guide-title">
      <header className="card-header">
        <h2 id="guide-title">{t('firstRun.title')}</h2>
        <button type="button" className="secondary" data-testid="guide-close" onClick={close}>
          {allDone ? t('firstRun.finish') : t('firstRun.close')}
        </button>
      </header>
      <p className="muted">{t('firstRun.intro')}</p>
      {error && (
        <p className="error" role="alert" data-testid="guide-error">
          {shownError(error).message}
        </p>
      )}
      <ol className="guide-steps">
        <li data-testid="guide-step-identite" data-done={identite.done}>
          <h3>
            {identite.done ? '✓ ' : ''}1. {identite.titre}
          </h3>
          <p className="muted">{identite.etat}</p>
          <form className="field-row" onSubmit={saveNom}>
            <label className="field-inline grow">
              <span>{t('firstRun.nomLabel')}</span>
              <input data-testid="guide-nom" value={nom} placeholder={w.nom === DEFAULT_WORKSPACE_NOM ? t('firstRun.nomPlaceholder') : w.nom} onChange={(e) => setNom(e.target.value)} maxLength={200} />
            </label>
            <button type="submit" data-testid="guide-nom-save" disabled={nom.trim() === '' || updateWorkspace.isPending}>
              {t('common.save')}
            </button>
          </form>
          <p className="small">
            {t('firstRun.identiteBefore')}<a href={formatHash({ page: 'personnalisation' })}>{t('firstRun.identiteLink')}</a>{t('firstRun.identiteAfter')}
          </p>
        </li>
        <li data-testid="guide-step-referentiels" data-done={refs.done}>
          <h3>
            {refs.done ? '✓ ' : ''}2. {refs.titre}
          </h3>
          <p className="muted">{refs.etat}</p>
          <p className="small">
            {t('firstRun.importBefore')}{' '}
            <a href={formatHash({ page: 'referentiel', referentialId: null, nodeId: null })} data-testid="guide-import">
              {t('firstRun.importLink')}
            </a>
            .
          </p>
        </li>
        <li data-testid="guide-step-pilotes" data-done={pilotes.done}>
          <h3>
            {pilotes.done ? '✓ ' : ''}3. {pilotes.titre}
          </h3>
          <p className="muted">{pilotes.etat}</p>
          <form className="field-row" onSubmit={(e) => void addPerson(e)}>
            <label className="field-inline grow">
              <span>{t('firstRun.piloteLabel')}</span>
              <input data-testid="guide-personne" value={personne} onChange={(e) => setPersonne(e.target.value)} maxLength={200} />
            </label>
            <label className="field-inline">
              <span>{t('firstRun.serviceLabel')}</span>
              <input data-testid="guide-service" value={service} onChange={(e) => setService(e.target.value)} maxLength={200} list="guide-services" />
              <datalist id="guide-services">
                {services.data.map((s) => (
                  <option key={s.id} value={s.nom} />
                ))}
              </datalist>
            </label>
            <button type="submit" data-testid="guide-personne-add" disabled={personne.trim() === '' || createPerson.isPending}>
              {t('firstRun.add')}
            </button>
          </form>
          {people.data.length > 0 && (
            <ul className="small" data-testid="guide-people">
              {people.data.map((p) => (
                <li key={p.id}>{p.nom}</li>
              ))}
            </ul>
          )}
          <p className="small">{t('firstRun.then')}</p>
        </li>
      </ol>
    </section>
  );
}
