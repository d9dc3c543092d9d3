/**
 * « Partage » (issue 5 item 4): the référent turns sharing on the local network on or off (address of this
 * machine, port), invites a person with a role (the link is shown once: only its fingerprint is kept), lists the
 * invitations (who, role, expiry, last seen, state) and revokes them. The core enforces the roles (access.ts).
 */
import { useT } from '../i18n';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ROLE_LABELS, type Role } from '../../../shared/roles';
import { InlineError, QueryState } from '../components/QueryState';
import { formatDate, formatDateTime } from '../lib/format';
import { interfaceLabel, parsePort } from '../lib/partage';
import { type RouterOutputs, useTRPC } from '../trpc/client';

type Etat = RouterOutputs['partage']['etat'];
/** Suggested port of the sharing listener (the invitation links name it: keep it stable between sessions). */
const PORT_PAR_DEFAUT = 4781;

export function PartagePage() {
  const trpc = useTRPC();
  const { t } = useT();
  const etat = useQuery(trpc.partage.etat.queryOptions(undefined, { refetchInterval: 5000 }));
  return (
    <div className="page">
      <h1>{t('partage.title')}</h1>
      <p className="muted">
        {t('partage.intro')}
      </p>
      <QueryState query={etat} what={t('partage.etatWhat')}>
        {(e) => (
          <>
            <Activation etat={e} />
            <Inviter etat={e} />
            <Invitations />
          </>
        )}
      </QueryState>
    </div>
  );
}

function Activation(props: { etat: Etat }) {
  const trpc = useTRPC();
  const { t } = useT();
  const qc = useQueryClient();
  const { etat } = props;
  const [host, setHost] = useState(etat.adresses[0]?.adresse ?? '127.0.0.1');
  const [port, setPort] = useState(String(PORT_PAR_DEFAUT));
  // The port is checked here, in the interface's language, before anything is sent (lib/partage.ts).
  const [portError, setPortError] = useState<string | null>(null);
  const done = { onSuccess: () => qc.invalidateQueries(trpc.partage.pathFilter()) };
  const demarrer = useMutation(trpc.partage.demarrer.mutationOptions(done));
  const arreter = useMutation(trpc.partage.arreter.mutationOptions(done));
  if (!etat.disponible) return <p className="error">{t('partage.indisponible')}</p>;
  return (
    <section className="card" aria-labelledby="partage-activation">
      <h2 id="partage-activation">{t('partage.activation')}</h2>
      {etat.actif ? (
        <p data-testid="partage-actif">
          {t('partage.actifDepuis', { date: formatDateTime(etat.depuis) })} <code data-testid="partage-url">{etat.url}</code>.{' '}
          <button type="button" data-testid="partage-arreter" disabled={arreter.isPending} onClick={() => arreter.mutate()}>
            {t('partageBanner.stop')}
          </button>
        </p>
      ) : (
        <form
          className="toolbar"
          onSubmit={(ev) => {
            ev.preventDefault();
            const parsed = parsePort(port);
            setPortError(parsed.ok ? null : parsed.message);
            if (parsed.ok) demarrer.mutate({ host, port: parsed.port });
          }}
        >
          <label className="field-inline">
            <span>{t('partage.host')}</span>
            <select data-testid="partage-host" value={host} onChange={(ev) => setHost(ev.target.value)}>
              {etat.adresses.map((a) => (
                <option key={`${a.interface}-${a.adresse}`} value={a.adresse}>
                  {a.adresse} ({interfaceLabel(a)})
                </option>
              ))}
            </select>
          </label>
          <label className="field-inline">
            <span>{t('partage.port')}</span>
            <input data-testid="partage-port" inputMode="numeric" size={6} value={port} onChange={(ev) => setPort(ev.target.value.trim())} />
          </label>
          <button type="submit" data-testid="partage-demarrer" disabled={demarrer.isPending}>
            {t('partage.demarrer')}
          </button>
        </form>
      )}
      {portError !== null ? (
        <p className="error" role="alert" data-testid="partage-error">
          {portError}
        </p>
      ) : (
        <InlineError error={demarrer.error ?? arreter.error} testId="partage-error" />
      )}
    </section>
  );
}

function Inviter(props: { etat: Etat }) {
  const trpc = useTRPC();
  const { t } = useT();
  const qc = useQueryClient();
  const people = useQuery(trpc.people.list.queryOptions());
  const [role, setRole] = useState<Role>('pilote');
  const [personId, setPersonId] = useState('');
  const [nom, setNom] = useState('');
  const [jours, setJours] = useState('14');
  const inviter = useMutation(trpc.partage.inviter.mutationOptions({ onSuccess: () => qc.invalidateQueries(trpc.partage.pathFilter()) }));
  const lien = inviter.data ? (inviter.data.lien ?? (props.etat.url ? `${props.etat.url}?token=${inviter.data.token}` : null)) : null;
  return (
    <section className="card" aria-labelledby="partage-inviter">
      <h2 id="partage-inviter">{t('partage.inviter')}</h2>
      <form
        className="toolbar"
        onSubmit={(ev) => {
          ev.preventDefault();
          inviter.mutate({ role, ...(personId ? { personId } : {}), ...(nom.trim() ? { nom } : {}), validiteJours: Number(jours) });
        }}
      >
        <label className="field-inline">
          <span>{t('partage.role')}</span>
          <select data-testid="invitation-role" value={role} onChange={(ev) => setRole(ev.target.value as Role)}>
            {(Object.keys(ROLE_LABELS) as Role[]).map((r) => (
              <option key={r} value={r}>
                {t(`roles.${r}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field-inline">
          <span>{t('partage.personne')}</span>
          <select data-testid="invitation-personne" value={personId} onChange={(ev) => setPersonId(ev.target.value)}>
            <option value="">{t('partage.horsListe')}</option>
            {(people.data ?? []).map((p) => (
              <option key={p.id} value={p.id}>
                {p.nom}
              </option>
            ))}
          </select>
        </label>
        {personId === '' && (
          <label className="field-inline">
            <span>{t('jalons.nom')}</span>
            <input data-testid="invitation-nom" value={nom} onChange={(ev) => setNom(ev.target.value)} />
          </label>
        )}
        <label className="field-inline">
          <span>{t('partage.validite')}</span>
          <input data-testid="invitation-jours" inputMode="numeric" size={3} value={jours} onChange={(ev) => setJours(ev.target.value.trim())} />
        </label>
        <button type="submit" data-testid="invitation-creer" disabled={inviter.isPending}>
          {t('partage.creer')}
        </button>
      </form>
      <InlineError error={inviter.error} testId="invitation-error" />
      {inviter.data && (
        <div role="status" data-testid="invitation-lien-bloc">
          <p>
            {t('partage.lien', { nom: inviter.data.invitation.nom, role: t(`roles.${inviter.data.invitation.role}`), date: formatDate(inviter.data.invitation.expiresAt.slice(0, 10)) })}
          </p>
          {lien ? (
            <input className="lien-invitation" readOnly data-testid="invitation-lien" value={lien} onFocus={(ev) => ev.target.select()} size={80} />
          ) : (
            <p className="muted">{t('partage.jeton')} <code data-testid="invitation-token">{inviter.data.token}</code></p>
          )}
        </div>
      )}
    </section>
  );
}

function Invitations() {
  const trpc = useTRPC();
  const { t } = useT();
  const qc = useQueryClient();
  const list = useQuery(trpc.partage.invitations.queryOptions(undefined, { refetchInterval: 10_000 }));
  const revoquer = useMutation(trpc.partage.revoquer.mutationOptions({ onSuccess: () => qc.invalidateQueries(trpc.partage.pathFilter()) }));
  return (
    <section className="card" aria-labelledby="partage-invitations">
      <h2 id="partage-invitations">{t('partageBanner.invitations')}</h2>
      <InlineError error={revoquer.error} />
      <QueryState query={list} what={t('partage.invitationsWhat')}>
        {(rows) =>
          rows.length === 0 ? (
            <p className="muted">{t('partage.noInvitation')}</p>
          ) : (
            <table className="table" data-testid="invitations">
              <thead>
                <tr>
                  <th>{t('partage.personne')}</th>
                  <th>{t('partage.role')}</th>
                  <th>{t('partage.expire')}</th>
                  <th>{t('partage.lastSeen')}</th>
                  <th>{t('partage.etat')}</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {rows.map((i) => (
                  <tr key={i.id} data-testid={`invitation-${i.id}`}>
                    <td>{i.nom}</td>
                    <td>{t(`roles.${i.role}`)}</td>
                    <td>{formatDate(i.expiresAt.slice(0, 10))}</td>
                    <td>{i.lastSeenAt ? formatDateTime(i.lastSeenAt) : t('partage.never')}</td>
                    <td data-testid={`invitation-etat-${i.id}`}>{t(`partage.etat_${i.etat}`)}</td>
                    <td>
                      {i.etat === 'active' && (
                        <button type="button" data-testid={`invitation-revoquer-${i.id}`} disabled={revoquer.isPending} onClick={() => revoquer.mutate({ id: i.id })}>
                          {t('partage.revoquer')}
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </QueryState>
    </section>
  );
}
