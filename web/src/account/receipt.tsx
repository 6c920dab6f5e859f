// The receipt after submission (biên nhận nộp hồ sơ trực tuyến): the dossier code, big and easy to
// copy, what happens next and when, a printable layout, and the latest slip as a PDF: right after
// submission the portal's acknowledgement (clearly not the receipt slip, Mẫu 01, which the agency
// issues when it receives the dossier), later the slips the dossier was issued.
import { useState } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import { api, download } from '../lib/api';
import { useAsync } from '../lib/use-async';
import { formatDateTime } from '../lib/format';
import { useI18n } from '../i18n';
import { RequireAuth } from '../components/require-auth';
import { Alert, ErrorState, Loading, PageTitle, StatusBadge } from '../components/ui';
import { loadSlips } from '../components/slips';
import type { DossierView, Procedure } from './types';

export default function ReceiptPage() {
  return <RequireAuth groups={['citizen', 'business']}><Receipt /></RequireAuth>;
}

const Receipt = () => {
  const { t, lang } = useI18n();
  const { params } = useRoute();
  const [copied, setCopied] = useState(false);
  const data = useAsync(async (signal) => {
    const dossier = await api.get<DossierView>(`/v1/dossiers/${encodeURIComponent(params.id ?? '')}`, undefined, { signal });
    const procedure = await api.get<Procedure>(`/v1/procedures/${encodeURIComponent(dossier.procedureCode)}`, undefined, { signal, auth: false }).catch(() => undefined);
    // The slip is a convenience here: the receipt shows without it.
    const slips = dossier.code ? await loadSlips(dossier.id, signal).catch(() => []) : [];
    return { dossier, procedure, slip: slips.at(-1) };
  }, [params.id]);
  const [slipError, setSlipError] = useState(false);
  if (data.loading && !data.data) return <><PageTitle>{t('acct.receipt.title')}</PageTitle><Loading /></>;
  if (!data.data) return <><PageTitle>{t('acct.receipt.title')}</PageTitle><ErrorState error={data.error} retry={data.reload} /></>;
  const { dossier: d, procedure, slip } = data.data;
  const copy = async () => {
    try { await navigator.clipboard.writeText(d.code ?? ''); setCopied(true); } catch {
      // No clipboard permission: select the code so the user can copy it by hand.
      const range = document.createRange();
      const node = document.getElementById('dossier-code');
      if (node) { range.selectNodeContents(node); getSelection()?.removeAllRanges(); getSelection()?.addRange(range); }
    }
  };
  const time = procedure?.processingTime;
  return (
    <div class="receipt">
      <PageTitle>{t('acct.receipt.title')}</PageTitle>
      {d.code ? (
        <>
          <Alert kind="success" title={t('acct.receipt.success')}><p>{t('acct.receipt.successText')}</p></Alert>
          <section class="card receipt-code" aria-labelledby="code-label">
            <p id="code-label" class="muted">{t('acct.receipt.codeLabel')}</p>
            <p id="dossier-code" class="dossier-code" data-testid="dossier-code">{d.code}</p>
            <button type="button" class="btn btn-secondary no-print" onClick={copy}>{t('acct.receipt.copy')}</button>
            <p role="status" class="muted">{copied ? t('acct.receipt.copied') : ''}</p>
            {slip && (
              <div class="no-print">
                <button type="button" class="btn btn-primary" onClick={() => { setSlipError(false); download(slip.href, `${slip.kind}.pdf`).catch(() => setSlipError(true)); }}>
                  {t('acct.receipt.downloadSlip', { name: t(`acct.slips.kind.${slip.kind}`) })}
                </button>
                {slip.kind === 'submission_ack' && <p class="muted">{t('acct.receipt.slipNote')}</p>}
                {slipError && <p class="error-message" role="alert">{t('acct.receipt.slipFailed')}</p>}
              </div>
            )}
          </section>
        </>
      ) : <Alert kind="warning">{t('acct.receipt.notSubmitted')}</Alert>}
      <section class="card" aria-labelledby="receipt-facts">
        <h2 id="receipt-facts">{t('acct.receipt.facts')}</h2>
        <dl class="facts">
          <dt>{t('acct.dossier.procedure')}</dt><dd>{d.procedureName}</dd>
          <dt>{t('acct.dossier.agency')}</dt><dd>{d.agencyName}</dd>
          <dt>{t('acct.dossier.status')}</dt><dd><StatusBadge status={d.status} /></dd>
          <dt>{t('acct.dossier.submittedAt')}</dt><dd>{formatDateTime(d.submittedAt, lang)}</dd>
          <dt>{t('acct.dossier.dueDate')}</dt>
          <dd>{d.dueDate ? formatDateTime(d.dueDate, lang) : time ? t('acct.receipt.dueLater', { time: t(`acct.receipt.unit.${time.unit}`, { n: time.value }) }) : t('acct.receipt.dueUnknown')}</dd>
        </dl>
      </section>
      <section class="card" aria-labelledby="receipt-next">
        <h2 id="receipt-next">{t('acct.receipt.next')}</h2>
        <ol class="link-list">
          <li>{t('acct.receipt.next1')}</li>
          <li>{t('acct.receipt.next2')}</li>
          <li>{t('acct.receipt.next3')}</li>
        </ol>
      </section>
      <div class="actions no-print">
        <a class="btn btn-primary" href={`/ho-so/${d.id}`}>{t('acct.receipt.open')}</a>
        <button type="button" class="btn btn-secondary" onClick={() => window.print()}>{t('acct.receipt.print')}</button>
        <a class="btn btn-secondary" href="/ho-so">{t('nav.myDossiers')}</a>
      </div>
    </div>
  );
};
