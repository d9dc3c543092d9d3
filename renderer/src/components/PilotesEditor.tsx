/**
 * Pilotes (people), services and échéance of a node in the criterion panel. Ticking a box saves at once
 * (`nodes.setPilotes` with the whole selection, one save at a time, the latest selection wins: lib/serialSave.ts);
 * the boxes are never disabled while saving (the focus stays where the user is; `aria-busy` says a save runs).
 * "Ajouter une personne" / "Ajouter un service" create one (`people.create`, `services.create`) and select it.
 * The échéance saves `nodes.setEcheance` (YYYY-MM-DD or null) once: a date typed digit by digit when the user
 * leaves the field or presses Enter, a date picked in the calendar (a change without keystrokes) at once; and only a
 * complete date between 2000 and 2100 that changed (lib/echeance.ts).
 */
import { useMutation, useQuery } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState } from 'react';
import { commitEcheance } from '../lib/echeance';
import { formatDate } from '../lib/format';
import { createSerialSaver, type SerialSaver } from '../lib/serialSave';
import { useTRPC } from '../trpc/client';
import { useRefresh } from '../trpc/refresh';
import { InlineError } from './QueryState';
import { tr } from '../i18n/tr';

interface Named {
  id: string;
  nom: string;
}

export function PilotesEditor(props: { referentialId: string; nodeId: string; pilotes: Named[]; services: Named[]; echeance: string | null }) {
  const { referentialId, nodeId } = props;
  const trpc = useTRPC();
  const refresh = useRefresh();
  const id = useId();
  const people = useQuery(trpc.people.list.queryOptions());
  const services = useQuery(trpc.services.list.queryOptions());
  const setPilotes = useMutation(trpc.nodes.setPilotes.mutationOptions({ onSuccess: () => refresh.afterNode() }));
  const setEcheance = useMutation(trpc.nodes.setEcheance.mutationOptions({ onSuccess: () => refresh.afterNode() }));
  const createPerson = useMutation(trpc.people.create.mutationOptions({ onSuccess: () => refresh.afterPeople() }));
  const createService = useMutation(trpc.services.create.mutationOptions({ onSuccess: () => refresh.afterPeople() }));
  const [newPerson, setNewPerson] = useState('');
  const [newService, setNewService] = useState('');
  const [date, setDate] = useState(props.echeance ?? '');
  const [dateError, setDateError] = useState<string | null>(null);
  // Keys typed in the date field since the last commit (typing waits for blur / Enter; a calendar pick does not).
  const typingRef = useRef(false);
  // The échéance last sent, until the server's value comes back: a blur right after Enter saves nothing more.
  const sentRef = useRef<{ value: string | null } | null>(null);
  useEffect(() => {
    setDate(props.echeance ?? '');
    sentRef.current = null;
  }, [props.echeance]);

  // The selection as the user sees it: ahead of the server while saves run, then back in step with it.
  const storedPeople = props.pilotes.map((p) => p.id);
  const storedServices = props.services.map((s) => s.id);
  const [selection, setSelection] = useState({ people: storedPeople, services: storedServices });
  const [busy, setBusy] = useState(false);
  const busyRef = useRef(false);
  const storedRef = useRef({ people: storedPeople, services: storedServices });
  storedRef.current = { people: storedPeople, services: storedServices };
  const storedKey = `${storedPeople.join(',')}|${storedServices.join(',')}`;
  // Follow the server when its lists change (after the saves, another window), not while saves are running.
  useEffect(() => {
    if (!busyRef.current) setSelection(storedRef.current);
  }, [storedKey]);
  const mutateRef = useRef(setPilotes.mutateAsync);
  mutateRef.current = setPilotes.mutateAsync;
  const saverRef = useRef<SerialSaver<{ people: string[]; services: string[] }> | null>(null);
  saverRef.current ??= createSerialSaver(
    (sel) => mutateRef.current({ referentialId, nodeId, personIds: sel.people, serviceIds: sel.services }),
    (failed) => {
      busyRef.current = false;
      setBusy(false);
      // A refused save: show what is stored again (the error says why).
      if (failed) setSelection(storedRef.current);
    },
  );

  const personIds = selection.people;
  const serviceIds = selection.services;
  const save = (nextPeople: string[], nextServices: string[]) => {
    setSelection({ people: nextPeople, services: nextServices });
    busyRef.current = true;
    setBusy(true);
    saverRef.current!.submit({ people: nextPeople, services: nextServices });
  };
  const commitDate = (input: HTMLInputElement) => {
    typingRef.current = false;
    const stored = sentRef.current ? sentRef.current.value : props.echeance;
    const outcome = commitEcheance(input.value, input.validity.badInput, stored);
    setDateError(outcome.kind === 'error' ? outcome.message : null);
    if (outcome.kind !== 'save') return;
    sentRef.current = { value: outcome.value };
    setEcheance.mutate(
      { referentialId, nodeId, echeance: outcome.value },
      {
        onError: () => {
          sentRef.current = null;
        },
      },
    );
  };
  const toggle = (list: string[], value: string) => (list.includes(value) ? list.filter((x) => x !== value) : [...list, value]);

  const personInput = useRef<HTMLInputElement>(null);
  const serviceInput = useRef<HTMLInputElement>(null);
  // The add buttons stay enabled (one that goes disabled under the focus drops it to the page): an empty name
  // sends the user to the field instead.
  const addPerson = async () => {
    const nom = newPerson.trim();
    if (nom === '') return personInput.current?.focus();
    const person = await createPerson.mutateAsync({ nom }).catch(() => null);
    if (!person) return;
    setNewPerson('');
    save([...personIds, person.id], serviceIds);
  };
  const addService = async () => {
    const nom = newService.trim();
    if (nom === '') return serviceInput.current?.focus();
    const service = await createService.mutateAsync({ nom }).catch(() => null);
    if (!service) return;
    setNewService('');
    save(personIds, [...serviceIds, service.id]);
  };

  return (
    <section className="panel-section">
      <h3>{tr('pilotes.title')}</h3>
      <fieldset className="checks" data-testid="pilotes" aria-busy={busy}>
        <legend>{tr('pilotes.legend')}</legend>
        {(people.data ?? []).length === 0 && <p className="muted small">{tr('pilotes.noPerson')}</p>}
        {(people.data ?? []).map((p) => (
          <label key={p.id} className="check">
            <input
              type="checkbox"
              data-testid={`pilote-${p.id}`}
              checked={personIds.includes(p.id)}
              onChange={() => save(toggle(personIds, p.id), serviceIds)}
            />
            {p.nom}
          </label>
        ))}
        <div className="row">
          <label className="visually-hidden" htmlFor={`${id}-person`}>
            {tr('pilotes.personLabel')}
          </label>
          <input
            id={`${id}-person`}
            ref={personInput}
            data-testid="person-new-nom"
            placeholder={tr('pilotes.personPlaceholder')}
            value={newPerson}
            onChange={(e) => setNewPerson(e.target.value)}
            onKeyDown={(e) => e.key === 'Enter' && void addPerson()}
          />
          <button type="button" className="secondary" data-testid="person-add" onClick={() => void addPerson()} aria-disabled={newPerson.trim() === ''}>
            {tr('pilotes.addPerson')}
          </button>
        </div>
        <InlineError error={createPerson.error} testId="person-error" />
      </fieldset>

      <fieldset className="checks" data-testid="services" aria-busy={busy}>
        <legend>{tr('pilotes.services')}</legend>
        {(services.data ?? []).length === 0 && <p className="muted small">{tr('pilotes.noService')}</p>}
        {(services.data ?? []).map((s) => (
          <label key={s.id} className="check">
            <input
              type="checkbox"
              data-testid={`service-${s.id}`}
              checked={serviceIds.includes(s.id)}
              onChange={() => save(personIds, toggle(serviceIds, s.id))}
            />
            {s.nom}
          </label>
        ))}
        <div className="row">
          <label className="visually-hidden" htmlFor={`${id}-service`}>
            {tr('pilotes.serviceLabel')}
          </label>
          <input
            id={`${id}-service`}
            ref={serviceInput}
            data-testid="service-new-nom"
            placeholder={tr('pilotes.servicePlaceholder')}
            value={newService}
            onChange={(e) => setNewService(e.target.value)}
            onKeyDown={(e) => e.key === 'Enter' && void addService()}
          />
          <button type="button" className="secondary" data-testid="service-add" onClick={() => void addService()} aria-disabled={newService.trim() === ''}>
            {tr('pilotes.addService')}
          </button>
        </div>
        <InlineError error={createService.error} testId="service-error" />
      </fieldset>
      <InlineError error={setPilotes.error} testId="pilotes-error" />

      <div className="field-inline">
        <label htmlFor={`${id}-echeance`}>{tr('pilotes.echeance')}</label>
        <input
          id={`${id}-echeance`}
          type="date"
          data-testid="echeance"
          min="2000-01-01"
          max="2100-12-31"
          value={date}
          aria-invalid={dateError !== null}
          aria-describedby={dateError !== null ? `${id}-echeance-error` : undefined}
          onChange={(e) => {
            setDate(e.target.value);
            setDateError(null);
            setEcheance.reset();
            if (!typingRef.current) commitDate(e.currentTarget);
          }}
          onBlur={(e) => commitDate(e.currentTarget)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              commitDate(e.currentTarget);
            } else if (e.key !== 'Tab' && e.key !== 'Escape' && e.key !== 'Shift') {
              typingRef.current = true;
            }
          }}
        />
        {setEcheance.isPending && <span className="muted small">{tr('perso.saving')}</span>}
      </div>
      {dateError !== null ? (
        <p className="error" role="alert" id={`${id}-echeance-error`} data-testid="echeance-error">
          {dateError}
        </p>
      ) : (
        <InlineError error={setEcheance.error} testId="echeance-error" />
      )}
    </section>
  );
}

/** Pilotes, services and échéance as text, for who may not change them (an invited auditeur or lecteur). */
export function PilotesLecture(props: { pilotes: Named[]; services: Named[]; echeance: string | null }) {
  const none = tr('pilotes.nobody');
  return (
    <section className="panel-section" data-testid="pilotes-lecture">
      <h3>{tr('pilotes.title')}</h3>
      <dl className="lecture">
        <dt>{tr('pilotes.legend')}</dt>
        <dd data-testid="pilotes-lecture-pilotes">{props.pilotes.map((p) => p.nom).join(', ') || none}</dd>
        <dt>{tr('pilotes.services')}</dt>
        <dd data-testid="pilotes-lecture-services">{props.services.map((s) => s.nom).join(', ') || none}</dd>
        <dt>{tr('pilotes.echeance')}</dt>
        <dd data-testid="pilotes-lecture-echeance">{props.echeance ? formatDate(props.echeance) : none}</dd>
      </dl>
    </section>
  );
}
