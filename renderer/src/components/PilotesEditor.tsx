/**
 * Pilotes (people), services and échéance of a node in the criterion panel. Ticking a box saves at once
 * (`nodes.setPilotes` with the whole selection); "Ajouter une personne" / "Ajouter un service" create one
 * (`people.create`, `services.create`) and select it; the date input saves `nodes.setEcheance` (YYYY-MM-DD or null).
 */
import { useMutation, useQuery } from '@tanstack/react-query';
import { useEffect, useId, useState } from 'react';
import { useTRPC } from '../trpc/client';
import { useRefresh } from '../trpc/refresh';
import { InlineError } from './QueryState';

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
  useEffect(() => setDate(props.echeance ?? ''), [props.echeance]);

  const personIds = props.pilotes.map((p) => p.id);
  const serviceIds = props.services.map((s) => s.id);
  const save = (nextPeople: string[], nextServices: string[]) =>
    setPilotes.mutate({ referentialId, nodeId, personIds: nextPeople, serviceIds: nextServices });
  const toggle = (list: string[], value: string) => (list.includes(value) ? list.filter((x) => x !== value) : [...list, value]);

  const addPerson = async () => {
    const nom = newPerson.trim();
    if (nom === '') return;
    const person = await createPerson.mutateAsync({ nom }).catch(() => null);
    if (!person) return;
    setNewPerson('');
    save([...personIds, person.id], serviceIds);
  };
  const addService = async () => {
    const nom = newService.trim();
    if (nom === '') return;
    const service = await createService.mutateAsync({ nom }).catch(() => null);
    if (!service) return;
    setNewService('');
    save(personIds, [...serviceIds, service.id]);
  };

  return (
    <section className="panel-section">
      <h3>Pilotes et services</h3>
      <fieldset className="checks" data-testid="pilotes" disabled={setPilotes.isPending}>
        <legend>Pilotes</legend>
        {(people.data ?? []).length === 0 && <p className="muted small">Aucune personne pour l'instant.</p>}
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
            Nom de la personne à ajouter
          </label>
          <input
            id={`${id}-person`}
            data-testid="person-new-nom"
            placeholder="Prénom Nom"
            value={newPerson}
            onChange={(e) => setNewPerson(e.target.value)}
            onKeyDown={(e) => e.key === 'Enter' && void addPerson()}
          />
          <button type="button" className="secondary" data-testid="person-add" onClick={() => void addPerson()} disabled={newPerson.trim() === ''}>
            Ajouter une personne
          </button>
        </div>
        <InlineError error={createPerson.error} testId="person-error" />
      </fieldset>

      <fieldset className="checks" data-testid="services" disabled={setPilotes.isPending}>
        <legend>Services</legend>
        {(services.data ?? []).length === 0 && <p className="muted small">Aucun service pour l'instant.</p>}
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
            Nom du service à ajouter
          </label>
          <input
            id={`${id}-service`}
            data-testid="service-new-nom"
            placeholder="Service"
            value={newService}
            onChange={(e) => setNewService(e.target.value)}
            onKeyDown={(e) => e.key === 'Enter' && void addService()}
          />
          <button type="button" className="secondary" data-testid="service-add" onClick={() => void addService()} disabled={newService.trim() === ''}>
            Ajouter un service
          </button>
        </div>
        <InlineError error={createService.error} testId="service-error" />
      </fieldset>
      <InlineError error={setPilotes.error} testId="pilotes-error" />

      <div className="field-inline">
        <label htmlFor={`${id}-echeance`}>Échéance</label>
        <input
          id={`${id}-echeance`}
          type="date"
          data-testid="echeance"
          value={date}
          onChange={(e) => {
            setDate(e.target.value);
            setEcheance.mutate({ referentialId, nodeId, echeance: e.target.value === '' ? null : e.target.value });
          }}
        />
      </div>
      <InlineError error={setEcheance.error} testId="echeance-error" />
    </section>
  );
}
