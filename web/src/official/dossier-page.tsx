// A dossier in the console (/can-bo/ho-so/:id): who applied for what at which agency, the form
// with the procedure's labels, the documents, the result upload, the full history and apologies,
// the deadline and late flag, the slips issued (PDF), and the actions panel (only what the status allows).
import { useEffect, useRef, useState } from 'preact/hooks';
import type { DossierAction } from '../../../shared/contracts/dossier-status';
import { useRoute } from 'preact-iso';
import { useI18n } from '../i18n';
import { api, download } from '../lib/api';
import { formatBytes, formatDate, formatDateTime } from '../lib/format';
import { useAsync } from '../lib/use-async';
import { RequireAuth } from '../components/require-auth';
import { Alert, Breadcrumbs, ErrorState, Loading, PageTitle, StatusBadge, useErrorText } from '../components/ui';
import { loadProcedure, type DossierView, type ProcedureView } from './data';
import { DossierActions } from './dossier-actions';
import { ResultUpload } from './result-upload';
import { ConsoleNav, TimeLeftText } from './parts';
import { SlipDownloads } from '../components/slips';

const formValue = (procedure: ProcedureView | undefined, name: string, value: string | number) => {
  const field = procedure?.form.fields.find((f) => f.name === name);
  const option = field?.options?.find((o) => o.value === String(value));
  return { label: field?.label ?? name, text: option?.label ?? String(value), type: field?.type };
};

const DossierPage = ({ id }: { id: string }) => {
  const { t, lang } = useI18n();
  const errorText = useErrorText();
  const loaded = useAsync((signal) => api.get<DossierView>(`/v1/dossiers/${encodeURIComponent(id)}`, undefined, { signal }), [id]);
  const [dossier, setDossier] = useState<DossierView | undefined>();
  const [message, setMessage] = useState<string | null>(null);
  const [downloadError, setDownloadError] = useState<string | null>(null);
  const messageRef = useRef<HTMLDivElement>(null);
  useEffect(() => { if (loaded.data) setDossier(loaded.data); }, [loaded.data]);
  const procedure = useAsync(() => (dossier ? loadProcedure(dossier.procedureCode) : Promise.resolve(undefined)), [dossier?.procedureCode]);

  if (!dossier) return loaded.error ? <ErrorState error={loaded.error} retry={loaded.reload} /> : <Loading />;

  const changed = (next: DossierView, action: DossierAction) => {
    setDossier(next);
    const returnedToo = action === 'finish' && next.status === 'returned';
    setMessage(t(returnedToo ? 'console.done.autoReturned' : 'console.done', { action: t(`console.action.${action}`), status: t(`status.${next.status}`) }));
    requestAnimationFrame(() => messageRef.current?.scrollIntoView({ block: 'nearest' }));
  };
  const reload = () => { setMessage(null); loaded.reload(); };

  const title = t('console.dossier.title', { code: dossier.code ?? dossier.id.slice(0, 8) });
  const componentName = (code: string | null) => (code ? dossier.components.find((c) => c.code === code)?.name ?? code : t('console.doc.result'));
  const now = new Date();
  const postal = dossier.postalAddress;

  return (
    <div class="console">
      <ConsoleNav current="dossiers" />
      <Breadcrumbs items={[{ href: '/can-bo', label: t('console.queue.title') }, { label: title }]} />
      <PageTitle>{title}</PageTitle>
      <p class="dossier-status"><StatusBadge status={dossier.status} /> <span class="muted">{t('console.dossier.version', { version: dossier.version })}</span></p>
      <div ref={messageRef}>{message && <Alert kind="success">{message}</Alert>}</div>
      {loaded.error && <Alert kind="error">{errorText(loaded.error)}</Alert>}
      {dossier.late.late && <Alert kind="error" title={t('console.late.title')}>{t('console.late.text')}</Alert>}
      {dossier.late.apologyRequired && <Alert kind="warning" title={t('console.apology.owedTitle')}>{t('console.apology.owed')}</Alert>}

      <div class="grid-2">
        <section class="card" aria-labelledby="general-title">
          <h2 id="general-title">{t('console.dossier.general')}</h2>
          <dl class="facts">
            <dt>{t('console.col.procedure')}</dt><dd>{dossier.procedureName} <span class="muted">({dossier.procedureCode})</span></dd>
            <dt>{t('console.agency')}</dt><dd>{dossier.agencyName}</dd>
            <dt>{t('console.dossier.channel')}</dt><dd>{t(`console.channel.${dossier.channel}`)}</dd>
            <dt>{t('console.col.submitted')}</dt><dd>{formatDateTime(dossier.submittedAt, lang)}</dd>
            <dt>{t('console.dossier.received')}</dt><dd>{formatDateTime(dossier.receivedAt, lang)}</dd>
            <dt>{t('console.col.due')}</dt><dd>{formatDateTime(dossier.dueDate, lang)}</dd>
            {dossier.late.appointmentAt && dossier.late.appointmentAt !== dossier.dueDate && (
              <><dt>{t('console.dossier.appointment')}</dt><dd>{formatDate(dossier.late.appointmentAt, lang)}</dd></>
            )}
            <dt>{t('console.col.timeLeft')}</dt><dd><TimeLeftText dossier={dossier} now={now} /></dd>
            <dt>{t('console.dossier.late')}</dt><dd>{dossier.late.late ? <strong class="overdue-marker">{t('console.dossier.lateYes')}</strong> : t('console.dossier.lateNo')}</dd>
            {dossier.finishedAt && <><dt>{t('console.dossier.finished')}</dt><dd>{formatDateTime(dossier.finishedAt, lang)}</dd></>}
            {dossier.returnedAt && <><dt>{t('console.dossier.returned')}</dt><dd>{formatDateTime(dossier.returnedAt, lang)}</dd></>}
          </dl>
        </section>
        <section class="card" aria-labelledby="applicant-title">
          <h2 id="applicant-title">{t('console.dossier.applicant')}</h2>
          <dl class="facts">
            <dt>{t('console.applicant.type')}</dt><dd>{t(`console.applicant.${dossier.applicant.type}`)}</dd>
            {dossier.applicant.idNumber && <><dt>{t('console.applicant.idNumber')}</dt><dd>{dossier.applicant.idNumber}</dd></>}
            {dossier.applicant.enterpriseCode && <><dt>{t('console.applicant.enterpriseCode')}</dt><dd>{dossier.applicant.enterpriseCode}</dd></>}
            <dt>{t('console.applicant.vneid')}</dt><dd>{dossier.applicant.vneidVerified ? t('common.yes') : t('common.no')}</dd>
            <dt>{t('console.applicant.phone')}</dt><dd>{dossier.contact?.phone ?? '—'}</dd>
            <dt>{t('console.applicant.email')}</dt><dd>{dossier.contact?.email ?? '—'}</dd>
            <dt>{t('console.delivery')}</dt><dd>{t(`console.delivery.${dossier.delivery}`)}</dd>
            {postal && <><dt>{t('console.delivery.address')}</dt><dd>{postal.recipient}, {postal.phone}<br />{postal.address}</dd></>}
          </dl>
        </section>
      </div>

      <DossierActions dossier={dossier} onChanged={changed} onReload={reload} />

      {dossier.supplementRequest && (
        <section class="card" aria-labelledby="supplement-title">
          <h2 id="supplement-title">{t('console.supplement.title')}</h2>
          <p>{t('console.supplement.requestedAt', { at: formatDateTime(dossier.supplementRequest.requestedAt, lang) })}</p>
          <ul>{dossier.supplementRequest.missingComponents.map((c) => <li key={c}>{componentName(c)}</li>)}</ul>
          <p>{dossier.supplementRequest.note}</p>
        </section>
      )}

      {(dossier.status === 'processing' || dossier.status === 'done') && (
        <ResultUpload dossier={dossier} onUploaded={(next, autoReturned) => {
          setDossier(next);
          setMessage(t(autoReturned ? 'console.result.autoReturned' : 'console.result.uploaded'));
        }} />
      )}

      <section class="card" aria-labelledby="form-title">
        <h2 id="form-title">{t('console.dossier.form')}</h2>
        {procedure.loading && !procedure.data ? <Loading /> : null}
        {Object.keys(dossier.form).length === 0 ? <p class="muted">{t('common.none')}</p> : (
          <dl class="facts">
            {Object.entries(dossier.form).map(([name, value]) => {
              const v = formValue(procedure.data, name, value);
              return [<dt key={`${name}-t`}>{v.label}</dt>, <dd key={`${name}-d`}>{v.type === 'date' ? formatDate(String(value), lang) : v.text}</dd>];
            })}
          </dl>
        )}
      </section>

      <section class="card" aria-labelledby="docs-title">
        <h2 id="docs-title">{t('console.dossier.documents')}</h2>
        {downloadError && <Alert kind="error">{downloadError}</Alert>}
        {dossier.attachments.length === 0 ? <p class="muted">{t('common.none')}</p> : (
          <div class="table-wrap">
            <table>
              <caption class="visually-hidden">{t('console.dossier.documents')}</caption>
              <thead><tr>
                <th scope="col">{t('console.doc.component')}</th><th scope="col">{t('console.doc.file')}</th>
                <th scope="col">{t('console.doc.status')}</th><th scope="col">{t('console.doc.uploaded')}</th><th scope="col"><span class="visually-hidden">{t('common.download')}</span></th>
              </tr></thead>
              <tbody>
                {dossier.attachments.map((a) => (
                  <tr key={a.id}>
                    <td>{a.kind === 'result' ? <strong>{t('console.doc.result')}</strong> : componentName(a.componentCode)}</td>
                    <td>{a.fileName}<br /><span class="muted">{formatBytes(a.size, lang)}</span></td>
                    <td>{t(`console.doc.${a.status}`)}{a.rejectedReason ? `: ${a.rejectedReason}` : ''}</td>
                    <td>{formatDateTime(a.createdAt, lang)}</td>
                    <td>{a.status === 'verified' && (
                      <button type="button" class="btn btn-secondary btn-compact" aria-label={t('console.doc.download', { name: a.fileName })}
                        onClick={() => { setDownloadError(null); download(`/v1/dossiers/${dossier.id}/attachments/${a.id}`, a.fileName).catch((e) => setDownloadError(errorText(e))); }}>
                        {t('common.download')}
                      </button>
                    )}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      {dossier.code && <SlipDownloads dossierId={dossier.id} version={dossier.version} area="console" />}

      <section class="card" aria-labelledby="history-title">
        <h2 id="history-title">{t('console.dossier.history')}</h2>
        {dossier.history.length === 0 ? <p class="muted">{t('common.none')}</p> : (
          <ol class="timeline history">
            {dossier.history.map((h, i) => (
              <li key={i}>
                <time dateTime={h.at}>{formatDateTime(h.at, lang)}</time>
                <strong>{t(`console.history.${h.action}`)}</strong>
                {h.from !== h.to && <span> — {t(`status.${h.from}`)} → {t(`status.${h.to}`)}</span>}
                <span class="muted"> ({t(`console.actor.${h.actor.kind}`)})</span>
                {h.note && <p class="history-note">{h.note}</p>}
              </li>
            ))}
          </ol>
        )}
      </section>

      <section class="card" aria-labelledby="apologies-title">
        <h2 id="apologies-title">{t('console.dossier.apologies')}</h2>
        {dossier.apologies.length === 0 ? <p class="muted">{t('console.apology.none')}</p> : (
          <ul>
            {dossier.apologies.map((a, i) => (
              <li key={i}>{t('console.apology.item', { issued: formatDateTime(a.issuedAt, lang), date: formatDate(a.newDueDate, lang) })} — {a.reason}</li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
};

const Page = () => {
  const { params } = useRoute();
  return <RequireAuth groups={['official', 'admin']}><DossierPage id={params.id ?? ''} /></RequireAuth>;
};
export default Page;
