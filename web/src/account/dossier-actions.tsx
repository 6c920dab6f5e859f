// What an applicant may do with a dossier, each shown only when its status allows it: pay the fees
// (provider page and back, with the order's state), answer a supplement request with new files,
// withdraw with a reason (after a confirmation), and rate the service once the dossier is handled.
import { useEffect, useRef, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { api, ApiError, download, idempotencyKey, type Page } from '../lib/api';
import { useAsync } from '../lib/use-async';
import { formatDateTime, formatMoney } from '../lib/format';
import { useI18n } from '../i18n';
import { Alert, useErrorText } from '../components/ui';
import { ErrorSummary, Field, type FieldErrors } from '../components/form';
import { ComponentUpload } from './component-upload';
import type { DossierView, OverallRating, PaymentOrder, Procedure, Rating } from './types';

// ---------------------------------------------------------------------------------------------
// Payment

/** One key per payment request of a dossier (its version when payment was asked), kept across reloads. */
const paymentKey = (d: DossierView) => {
  const name = `dvc.pay.${d.id}.${d.version}`;
  try {
    const kept = sessionStorage.getItem(name);
    if (kept) return kept;
    const key = idempotencyKey();
    sessionStorage.setItem(name, key);
    return key;
  } catch { return idempotencyKey(); }
};

export const PaymentSection = ({ d, onChange }: { d: DossierView; onChange(d: DossierView): void }) => {
  const { t, lang } = useI18n();
  const errorText = useErrorText();
  const { query } = useLocation();
  const returned = query['thanh-toan'];
  const orders = useAsync((signal) => api.get<Page<PaymentOrder>>(`/v1/dossiers/${d.id}/payments`, undefined, { signal }), [d.id, d.status]);
  // The catalogue's fees, shown before an order exists (the order applies any reduction).
  const fees = useAsync(async (signal) => (d.status === 'payment_required'
    ? (await api.get<Procedure>(`/v1/procedures/${encodeURIComponent(d.procedureCode)}`, undefined, { signal, auth: false })).fees
    : []), [d.procedureCode, d.status]);
  const [returnedOrder, setReturnedOrder] = useState<PaymentOrder>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const polls = useRef(0);

  // Back from the provider: read the order, polling briefly while its callback is on the way.
  useEffect(() => {
    if (!returned || !/^[0-9a-f-]{36}$/.test(returned)) return;
    let stop = false;
    let timer: ReturnType<typeof setTimeout>;
    const read = async () => {
      try {
        const order = await api.get<PaymentOrder>(`/v1/payments/${returned}`);
        if (stop) return;
        setReturnedOrder(order);
        if (order.status === 'pending' && polls.current++ < 20) { timer = setTimeout(read, 1500); return; }
        if (order.status !== 'paid') return;
        // The order is paid a moment before its receipt is numbered and the dossier moves on.
        const dossier = await api.get<DossierView>(`/v1/dossiers/${d.id}`);
        if (stop) return;
        onChange(dossier);
        if ((dossier.status === 'payment_required' || !order.receiptNumber) && polls.current++ < 20) timer = setTimeout(read, 1000);
        else orders.reload();
      } catch (e) { if (!stop) setError(errorText(e)); }
    };
    void read();
    return () => { stop = true; clearTimeout(timer); };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [returned]);

  const pay = async () => {
    setBusy(true); setError(undefined);
    try {
      const order = await api.post<PaymentOrder>(`/v1/dossiers/${d.id}/payments`, {}, { headers: { 'idempotency-key': paymentKey(d) } });
      if (order.status === 'pending' && order.redirectUrl) { window.location.assign(order.redirectUrl); return; }
      orders.reload();
    } catch (e) {
      if (e instanceof ApiError && ['PAYMENT_PENDING', 'ALREADY_PAID', 'NOT_AWAITING_PAYMENT'].includes(e.code)) {
        setError(t(`acct.pay.api.${e.code}`));
        // A failed or expired order frees the key's slot only with a fresh key.
      } else if (e instanceof ApiError && e.code === 'IDEMPOTENCY_KEY_REUSED') {
        try { sessionStorage.removeItem(`dvc.pay.${d.id}.${d.version}`); } catch { /* ignore */ }
        setError(errorText(e));
      } else setError(errorText(e));
      orders.reload();
    } finally { setBusy(false); }
  };

  const list = orders.data?.items ?? [];
  const live = list.find((o) => o.status === 'pending' && o.redirectUrl);
  const latestFailed = list[0] && (list[0].status === 'failed' || list[0].status === 'expired');
  const amount = live?.amount ?? list[0]?.amount;
  if (d.status !== 'payment_required' && !list.length && !returnedOrder) return null;

  const getReceipt = (o: PaymentOrder) => {
    download(`/v1/payments/${o.id}/receipt?format=pdf`, `bien-lai-${o.receiptNumber ?? o.id}.pdf`).catch((e) => setError(errorText(e)));
  };

  return (
    <section class="card payment" aria-labelledby="pay-title">
      <h2 id="pay-title">{t('acct.pay.title')}</h2>
      {returnedOrder && (
        <Alert kind={returnedOrder.status === 'paid' ? 'success' : returnedOrder.status === 'pending' ? 'info' : 'error'} title={t(`acct.pay.returned.${returnedOrder.status}`)}>
          {returnedOrder.status === 'paid' && <p>{t('acct.pay.paidText', { amount: formatMoney(returnedOrder.amount, lang), receipt: returnedOrder.receiptNumber ?? '' })}</p>}
        </Alert>
      )}
      {error && <Alert kind="error">{error}</Alert>}
      {d.status === 'payment_required' && (
        <>
          <p>{t('acct.pay.intro')}</p>
          {amount !== undefined ? <p><strong>{t('acct.pay.amount')}:</strong> {formatMoney(amount, lang)}</p> : fees.data && fees.data.length > 0 && (
            <>
              <ul class="fee-list">{fees.data.map((f) => <li key={f.code}>{f.name}: <strong>{formatMoney(f.amount, lang)}</strong></li>)}</ul>
              <p class="hint">{t('acct.pay.feesNote')}</p>
            </>
          )}
          {latestFailed && !live && <p>{t('acct.pay.retry')}</p>}
          <div class="actions">
            {live
              ? <a class="btn btn-primary" href={live.redirectUrl!}>{t('acct.pay.continue')}</a>
              : <button type="button" class="btn btn-primary" onClick={pay} disabled={busy} aria-busy={busy}>{busy ? t('app.loading') : t('acct.pay.pay')}</button>}
          </div>
        </>
      )}
      {list.length > 0 && (
        <div class="table-wrap">
          <table>
            <caption>{t('acct.pay.orders')}</caption>
            <thead><tr><th scope="col">{t('acct.pay.createdAt')}</th><th scope="col" class="num">{t('acct.pay.amount')}</th><th scope="col">{t('acct.dossier.status')}</th><th scope="col">{t('acct.pay.receipt')}</th></tr></thead>
            <tbody>
              {list.map((o) => (
                <tr key={o.id}>
                  <td>{formatDateTime(o.createdAt, lang)}</td>
                  <td class="num">{formatMoney(o.amount, lang)}</td>
                  <td><span class={`badge badge-${o.status === 'paid' ? 'success' : o.status === 'pending' ? 'info' : 'neutral'}`}>{t(`acct.pay.status.${o.status}`)}</span></td>
                  <td>{o.status === 'paid'
                    ? <button type="button" class="btn btn-secondary" onClick={() => getReceipt(o)}>{t('acct.pay.downloadReceipt')}<span class="visually-hidden"> {o.receiptNumber}</span></button>
                    : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
};

// ---------------------------------------------------------------------------------------------
// Supplement

export const SupplementSection = ({ d, onChange }: { d: DossierView; onChange(d: DossierView): void }) => {
  const { t, lang } = useI18n();
  const errorText = useErrorText();
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const request = d.supplementRequest;
  if (d.status !== 'supplement_requested' || !d.allowedActions.includes('supplement') || !request) return null;
  const since = Date.parse(request.requestedAt);
  // Files of this round: added after the request.
  const roundFiles = d.attachments.filter((a) => a.kind === 'application' && Date.parse(a.createdAt) >= since);
  const requested = d.components.filter((c) => request.missingComponents.includes(c.code));

  const send = async (e: Event) => {
    e.preventDefault();
    const found: FieldErrors = {};
    for (const c of requested) {
      if (!roundFiles.some((a) => a.componentCode === c.code && a.status === 'verified')) found[`file-${c.code}`] = t('wizard.err.componentMissing', { name: c.name });
    }
    if (!requested.length && !note.trim() && !roundFiles.length) found['supplement-note'] = t('acct.supp.err.empty');
    if (note.length > 2000) found['supplement-note'] = t('wizard.err.tooLong', { label: t('acct.supp.note'), max: 2000 });
    setErrors(found);
    if (Object.keys(found).length) return;
    setBusy(true);
    try {
      const after = await api.post<DossierView>(`/v1/dossiers/${d.id}/supplement`, {
        ...(note.trim() ? { note: note.trim() } : {}),
        attachmentIds: roundFiles.filter((a) => a.status === 'verified').map((a) => a.id),
      });
      onChange(after);
    } catch (err) {
      setErrors({ 'supplement-general': errorText(err) });
    } finally { setBusy(false); }
  };

  return (
    <section class="card supplement" aria-labelledby="supp-title">
      <h2 id="supp-title">{t('acct.supp.title')}</h2>
      <Alert kind="warning" title={t('acct.supp.requestedAt', { date: formatDateTime(request.requestedAt, lang) })}>
        {request.note && <p>{request.note}</p>}
        {requested.length > 0 && <><p>{t('acct.supp.missing')}</p><ul>{requested.map((c) => <li key={c.code}>{c.code}. {c.name}</li>)}</ul></>}
      </Alert>
      <ErrorSummary errors={errors} />
      <form onSubmit={send} noValidate>
        {(requested.length ? requested : d.components).map((c) => (
          <ComponentUpload key={c.code} dossierId={d.id} component={c} error={errors[`file-${c.code}`]} files={roundFiles.filter((a) => a.componentCode === c.code)} onDossier={onChange} />
        ))}
        <Field id="supplement-note" label={t('acct.supp.note')} error={errors['supplement-note']}>
          {(aria) => <textarea {...aria} rows={3} maxLength={2000} value={note} onInput={(e) => setNote(e.currentTarget.value)} />}
        </Field>
        <div class="actions"><button type="submit" class="btn btn-primary" disabled={busy} aria-busy={busy}>{busy ? t('app.loading') : t('acct.supp.send')}</button></div>
      </form>
    </section>
  );
};

// ---------------------------------------------------------------------------------------------
// Withdrawal

export const WithdrawSection = ({ d, onChange }: { d: DossierView; onChange(d: DossierView): void }) => {
  const { t } = useI18n();
  const errorText = useErrorText();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const reasonRef = useRef<HTMLTextAreaElement>(null);
  useEffect(() => { if (open) reasonRef.current?.focus(); }, [open]);
  if (!d.allowedActions.includes('withdraw')) return null;

  const confirm = async (e: Event) => {
    e.preventDefault();
    if (!reason.trim()) { setErrors({ 'withdraw-reason': t('wizard.err.required', { label: t('acct.withdraw.reason') }) }); return; }
    if (reason.trim().length > 2000) { setErrors({ 'withdraw-reason': t('wizard.err.tooLong', { label: t('acct.withdraw.reason'), max: 2000 }) }); return; }
    setErrors({}); setBusy(true);
    try {
      onChange(await api.post<DossierView>(`/v1/dossiers/${d.id}/withdraw`, { reason: reason.trim() }));
      setOpen(false);
    } catch (err) { setErrors({ 'withdraw-general': errorText(err) }); } finally { setBusy(false); }
  };

  return (
    <section class="card" aria-labelledby="withdraw-title">
      <h2 id="withdraw-title">{t('acct.withdraw.title')}</h2>
      <p>{t('acct.withdraw.intro')}</p>
      {!open ? (
        <button type="button" class="btn btn-danger" onClick={() => setOpen(true)}>{t('acct.withdraw.open')}</button>
      ) : (
        <form onSubmit={confirm} noValidate>
          <ErrorSummary errors={errors} />
          <Alert kind="warning">{t('acct.withdraw.warning')}</Alert>
          <Field id="withdraw-reason" label={t('acct.withdraw.reason')} required error={errors['withdraw-reason']}>
            {(aria) => <textarea {...aria} ref={reasonRef} rows={3} maxLength={2000} value={reason} onInput={(e) => setReason(e.currentTarget.value)} />}
          </Field>
          <div class="actions">
            <button type="submit" class="btn btn-danger" disabled={busy} aria-busy={busy}>{busy ? t('app.loading') : t('acct.withdraw.confirm')}</button>
            <button type="button" class="btn btn-secondary" onClick={() => { setOpen(false); setErrors({}); }}>{t('common.cancel')}</button>
          </div>
        </form>
      )}
    </section>
  );
};

// ---------------------------------------------------------------------------------------------
// Rating

const OVERALL: OverallRating[] = ['satisfied', 'neutral', 'dissatisfied'];

export const RatingSection = ({ d }: { d: DossierView }) => {
  const { t, lang } = useI18n();
  const errorText = useErrorText();
  const ratable = d.status === 'done' || d.status === 'returned';
  const current = useAsync(async (signal) => {
    if (!ratable) return null;
    try { return await api.get<Rating>(`/v1/dossiers/${d.id}/rating`, undefined, { signal }); } catch (e) {
      if (e instanceof ApiError && e.status === 404) return null;
      throw e;
    }
  }, [d.id, ratable]);
  const [overall, setOverall] = useState<OverallRating | ''>('');
  const [comment, setComment] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<Rating>();
  const [editing, setEditing] = useState(false);
  if (!ratable) return null;
  const rating = saved ?? current.data ?? null;
  const replaceable = rating && Date.parse(rating.replaceableUntil) > Date.now();

  const send = async (e: Event) => {
    e.preventDefault();
    if (!overall) { setErrors({ 'rating-satisfied': t('wizard.err.choose', { label: t('acct.rating.overall') }) }); return; }
    setErrors({}); setBusy(true);
    try {
      const r = await api.post<Rating>(`/v1/dossiers/${d.id}/rating`, { overall, ...(comment.trim() ? { comment: comment.trim() } : {}) });
      setSaved(r); setEditing(false);
    } catch (err) {
      setErrors({ 'rating-general': err instanceof ApiError && ['NOT_RATABLE', 'RATING_FINAL'].includes(err.code) ? t(`acct.rating.api.${err.code}`) : errorText(err) });
    } finally { setBusy(false); }
  };

  return (
    <section class="card" aria-labelledby="rating-title">
      <h2 id="rating-title">{t('acct.rating.title')}</h2>
      {current.loading && !rating ? <p class="muted">{t('app.loading')}</p> : rating && !editing ? (
        <>
          <Alert kind="success" title={t('acct.rating.thanks')}>
            <p>{t('acct.rating.yours')}: <strong>{t(`acct.rating.overall.${rating.overall}`)}</strong></p>
            {rating.comment && <p>{rating.comment}</p>}
          </Alert>
          {replaceable && (
            <>
              <p class="muted">{t('acct.rating.replaceUntil', { date: formatDateTime(rating.replaceableUntil, lang) })}</p>
              <button type="button" class="btn btn-secondary" onClick={() => { setOverall(rating.overall); setComment(rating.comment ?? ''); setEditing(true); }}>{t('acct.rating.change')}</button>
            </>
          )}
        </>
      ) : (
        <form onSubmit={send} noValidate>
          <ErrorSummary errors={errors} />
          <fieldset class={`field${errors['rating-satisfied'] ? ' field-error' : ''}`} aria-describedby={errors['rating-satisfied'] ? 'rating-error' : undefined}>
            <legend>{t('acct.rating.overall')}</legend>
            {errors['rating-satisfied'] && <p id="rating-error" class="error-message">{errors['rating-satisfied']}</p>}
            {OVERALL.map((o) => (
              <label key={o} class="choice">
                <input type="radio" name="overall" id={`rating-${o}`} value={o} checked={overall === o} onChange={() => setOverall(o)} />
                {t(`acct.rating.overall.${o}`)}
              </label>
            ))}
          </fieldset>
          <Field id="rating-comment" label={t('acct.rating.comment')} error={errors['rating-comment']}>
            {(aria) => <textarea {...aria} rows={3} maxLength={1000} value={comment} onInput={(e) => setComment(e.currentTarget.value)} />}
          </Field>
          <div class="actions"><button type="submit" class="btn btn-primary" disabled={busy} aria-busy={busy}>{busy ? t('app.loading') : t('acct.rating.send')}</button></div>
        </form>
      )}
    </section>
  );
};
