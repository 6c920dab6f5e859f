// One of my dossiers: its facts, the status timeline, files and results, apologies, and what I may
// do now (and download its slips) — answer a supplement request, pay the fees, withdraw, rate the service.
import { useRoute } from 'preact-iso';
import { api, download } from '../lib/api';
import { useAsync } from '../lib/use-async';
import { formatDate, formatDateTime, formatBytes } from '../lib/format';
import { useI18n } from '../i18n';
import { RequireAuth } from '../components/require-auth';
import { Alert, Breadcrumbs, ErrorState, Loading, PageTitle, StatusBadge } from '../components/ui';
import { SlipDownloads } from '../components/slips';
import { PaymentSection, RatingSection, SupplementSection, WithdrawSection } from './dossier-actions';
import type { DossierView } from './types';
import { useState } from 'preact/hooks';

export default function DossierPage() {
  return <RequireAuth groups={['citizen', 'business']}><DossierLoader /></RequireAuth>;
}

const DossierLoader = () => {
  const { t } = useI18n();
  const { params } = useRoute();
  const data = useAsync((signal) => api.get<DossierView>(`/v1/dossiers/${encodeURIComponent(params.id ?? '')}`, undefined, { signal }), [params.id]);
  const [fresh, setFresh] = useState<DossierView>();
  const d = fresh && fresh.id === data.data?.id && fresh.version >= data.data.version ? fresh : data.data;
  if (data.loading && !d) return <><PageTitle>{t('acct.dossier.title')}</PageTitle><Loading /></>;
  if (!d) return <><PageTitle>{t('acct.dossier.title')}</PageTitle><ErrorState error={data.error} retry={data.reload} /></>;
  return <Dossier d={d} onChange={setFresh} />;
};

const Dossier = ({ d, onChange }: { d: DossierView; onChange(d: DossierView): void }) => {
  const { t, lang } = useI18n();
  const [fileError, setFileError] = useState<string>();
  const results = d.attachments.filter((a) => a.kind === 'result' && a.status === 'verified');
  const files = d.attachments.filter((a) => a.kind === 'application');
  const get = (id: string, name: string) => {
    setFileError(undefined);
    download(`/v1/dossiers/${d.id}/attachments/${id}`, name).catch(() => setFileError(t('acct.dossier.downloadFailed')));
  };
  return (
    <>
      <Breadcrumbs items={[{ href: '/', label: t('common.home') }, { href: '/ho-so', label: t('nav.myDossiers') }, { label: d.code ?? t('acct.mine.draft') }]} />
      <PageTitle title={`${t('acct.dossier.title')} ${d.code ?? ''}`}>{t('acct.dossier.title')} <span class="dossier-code-inline">{d.code ?? t('acct.mine.draft')}</span></PageTitle>
      <p><StatusBadge status={d.status} />{d.late.late && <strong class="late-mark"> {t('acct.dossier.late')}</strong>}</p>

      {d.status === 'draft' && (
        <Alert kind="warning" title={t('acct.dossier.draftNote')}>
          <p><a href={`/nop-ho-so/${encodeURIComponent(d.procedureCode)}`}>{t('acct.dossier.draftStart')}</a></p>
        </Alert>
      )}
      <PaymentSection d={d} onChange={onChange} />
      <SupplementSection d={d} onChange={onChange} />

      <section class="card" aria-labelledby="facts-title">
        <h2 id="facts-title">{t('acct.dossier.facts')}</h2>
        <dl class="facts">
          <dt>{t('acct.dossier.code')}</dt><dd>{d.code ?? '—'}</dd>
          <dt>{t('acct.dossier.procedure')}</dt><dd>{d.procedureName} <span class="muted">({d.procedureCode})</span></dd>
          <dt>{t('acct.dossier.agency')}</dt><dd>{d.agencyName}</dd>
          <dt>{t('acct.dossier.submittedAt')}</dt><dd>{formatDateTime(d.submittedAt, lang)}</dd>
          <dt>{t('acct.dossier.receivedAt')}</dt><dd>{formatDateTime(d.receivedAt, lang)}</dd>
          <dt>{t('acct.dossier.dueDate')}</dt><dd>{formatDateTime(d.dueDate, lang)}</dd>
          {d.finishedAt && <><dt>{t('acct.dossier.finishedAt')}</dt><dd>{formatDateTime(d.finishedAt, lang)}</dd></>}
          {d.returnedAt && <><dt>{t('acct.dossier.returnedAt')}</dt><dd>{formatDateTime(d.returnedAt, lang)}</dd></>}
          <dt>{t('wizard.delivery')}</dt><dd>{t(`wizard.delivery.${d.delivery}`)}</dd>
        </dl>
      </section>

      {d.apologies.length > 0 && (
        <section class="card" aria-labelledby="apology-title">
          <h2 id="apology-title">{t('acct.dossier.apologies')}</h2>
          {d.apologies.map((a, i) => (
            <Alert key={i} kind="warning" title={t('acct.dossier.apology', { date: formatDate(a.issuedAt, lang) })}>
              <p>{a.reason}</p>
              <p><strong>{t('acct.dossier.newDueDate')}:</strong> {formatDate(a.newDueDate, lang)}</p>
            </Alert>
          ))}
        </section>
      )}

      {(results.length > 0 || d.status === 'done' || d.status === 'returned') && (
        <section class="card" aria-labelledby="result-title">
          <h2 id="result-title">{t('acct.dossier.result')}</h2>
          {results.length ? (
            <ul class="file-list">
              {results.map((r) => <li key={r.id}><button type="button" class="btn btn-primary" onClick={() => get(r.id, r.fileName)}>{t('acct.dossier.downloadResult', { name: r.fileName })}</button></li>)}
            </ul>
          ) : <p>{t(d.delivery === 'online' ? 'acct.dossier.resultPending' : 'acct.dossier.resultByDelivery')}</p>}
        </section>
      )}

      {d.code && <SlipDownloads dossierId={d.id} version={d.version} area="acct" />}

      <section class="card" aria-labelledby="timeline-title">
        <h2 id="timeline-title">{t('acct.dossier.timeline')}</h2>
        {d.history.length ? (
          <ol class="timeline">
            {[...d.history].reverse().map((h, i) => (
              <li key={i}>
                <time dateTime={h.at}>{formatDateTime(h.at, lang)}</time>
                <strong>{t(`status.${h.to}`)}</strong> <span class="muted">— {t(`acct.dossier.actor.${h.actor.kind}`)}</span>
                {h.note && <p class="timeline-note">{h.note}</p>}
              </li>
            ))}
          </ol>
        ) : <p>{t('acct.dossier.noHistory')}</p>}
      </section>

      <section class="card" aria-labelledby="files-title">
        <h2 id="files-title">{t('acct.dossier.files')}</h2>
        {fileError && <p class="error-message" role="alert">{fileError}</p>}
        {files.length ? (
          <ul class="file-list">
            {files.map((f) => (
              <li key={f.id}>
                <span class="muted">{f.componentCode}</span> {f.fileName} <span class="muted">({formatBytes(f.size, lang)})</span>{' '}
                {f.status === 'verified'
                  ? <button type="button" class="btn-link file-download" onClick={() => get(f.id, f.fileName)}>{t('common.download')}<span class="visually-hidden"> {f.fileName}</span></button>
                  : <span class={`badge badge-${f.status === 'rejected' ? 'danger' : 'neutral'}`}>{t(`acct.upload.status.${f.status}`)}</span>}
              </li>
            ))}
          </ul>
        ) : <p>{t('common.none')}</p>}
      </section>

      <RatingSection d={d} />
      <WithdrawSection d={d} onChange={onChange} />
    </>
  );
};
