// One procedure (`/thu-tuc/:code`): everything a person needs before applying — documents, fees,
// time, where to submit — and the way in: the online wizard, or the desk and post when not online.
import { useRoute } from 'preact-iso';
import { api, type Page } from '../lib/api';
import { useAsync } from '../lib/use-async';
import { formatDate, formatMoney } from '../lib/format';
import { useI18n } from '../i18n';
import { Alert, Breadcrumbs, ErrorState, Loading, PageTitle } from '../components/ui';
import { catalogue } from './catalogue';
import { FaqList } from './faq-list';
import { TableBox } from '../components/table-box';
import { formatProcessingTime, submitsOnline } from './logic';
import type { FaqEntry, Procedure } from './types';

const TYPE_NAMES: Record<string, string> = { 'application/pdf': 'PDF', 'image/jpeg': 'JPEG', 'image/png': 'PNG' };
const typeName = (mime: string) => TYPE_NAMES[mime] ?? mime.split('/')[1]?.toUpperCase() ?? mime;

export default function ProcedurePage() {
  const { t, lang } = useI18n();
  const { params } = useRoute();
  const code = params.code ?? '';
  const validCode = /^\d\.\d{6}(\.\d{6})?$/.test(code);
  const procedure = useAsync((signal) => (validCode
    ? api.get<Procedure>(`/v1/procedures/${encodeURIComponent(code)}`, undefined, { signal, auth: false })
    : Promise.reject(new Error('INVALID_CODE'))), [code]);
  const sectors = useAsync(() => catalogue('sectors'), []);
  const resultTypes = useAsync(() => catalogue('result-types'), []);
  // The FAQ is a help, not the page: if it cannot be read the procedure still shows.
  const faq = useAsync((signal) => (validCode
    ? api.get<Page<FaqEntry>>('/v1/faq', { procedure: code, limit: 20 }, { signal, auth: false }).catch(() => ({ items: [], nextCursor: null }))
    : Promise.resolve({ items: [], nextCursor: null })), [code]);

  const crumbs = [{ href: '/', label: t('common.home') }, { href: '/thu-tuc', label: t('nav.procedures') }];
  if (!validCode) {
    return (
      <>
        <Breadcrumbs items={[...crumbs, { label: code }]} />
        <PageTitle>{t('proc.notFound')}</PageTitle>
        <Alert kind="warning">{t('proc.badCode', { code })}</Alert>
        <p><a href="/thu-tuc">{t('proc.backToSearch')}</a></p>
      </>
    );
  }
  if (procedure.loading && !procedure.data) return <Loading />;
  if (procedure.error || !procedure.data) {
    return (
      <>
        <Breadcrumbs items={[...crumbs, { label: code }]} />
        <PageTitle>{t('proc.notFound')}</PageTitle>
        <ErrorState error={procedure.error} retry={procedure.reload} />
        <p><a href="/thu-tuc">{t('proc.backToSearch')}</a></p>
      </>
    );
  }
  const p = procedure.data;
  const online = submitsOnline(p) && p.status !== 'repealed';
  const sectorName = sectors.data?.find((s) => s.code === p.sectorCode)?.name ?? p.sectorCode;
  const resultName = (c: string) => resultTypes.data?.find((r) => r.code === c)?.name ?? c;
  const offline = p.channels.filter((c) => c !== 'online');

  return (
    <>
      <Breadcrumbs items={[...crumbs, { label: p.code }]} />
      <PageTitle>{p.name}</PageTitle>
      {p.status === 'repealed' && <Alert kind="warning" title={t('proc.repealed')}>{t('proc.repealedText')}</Alert>}

      <section class="card apply-box" aria-labelledby="apply-title">
        <h2 id="apply-title">{t('proc.howToApply')}</h2>
        {online ? (
          <>
            <p>{t(p.onlineService === 'full' ? 'proc.onlineFullText' : 'proc.onlinePartialText')}</p>
            <p><a class="btn btn-primary btn-large" href={`/nop-ho-so/${encodeURIComponent(p.code)}`}>{t('proc.applyOnline')}</a></p>
          </>
        ) : (
          <p>{t('proc.notOnline')}</p>
        )}
        {offline.length > 0 && (
          <ul>
            {offline.map((c) => <li key={c}>{t(`proc.channelText.${c}`, { level: t(`proc.agencyLevel.${p.agencyKinds[0] ?? p.level}`) })}</li>)}
          </ul>
        )}
      </section>

      <section class="card" aria-labelledby="facts-title">
        <h2 id="facts-title">{t('proc.overview')}</h2>
        <dl class="facts">
          <dt>{t('proc.code')}</dt><dd>{p.code}</dd>
          <dt>{t('proc.level')}</dt><dd>{t(`proc.level.${p.level}`)}</dd>
          <dt>{t('proc.sector')}</dt><dd>{sectorName}</dd>
          <dt>{t('proc.agencies')}</dt><dd>{p.agencyKinds.map((k) => t(`proc.agencyLevel.${k}`)).join('; ')}</dd>
          <dt>{t('proc.applicants')}</dt><dd>{p.applicantTypes.map((a) => t(`proc.applicant.${a}`)).join(', ')}</dd>
          <dt>{t('proc.online')}</dt><dd>{t(`proc.online.${p.onlineService}`)}</dd>
          <dt>{t('proc.channels')}</dt><dd>{p.channels.map((c) => t(`proc.channel.${c}`)).join(', ')}</dd>
          <dt>{t('proc.processingTime')}</dt><dd>{formatProcessingTime(p.processingTime, lang)}</dd>
          <dt>{t('proc.results')}</dt><dd>{p.resultTypes.length ? p.resultTypes.map(resultName).join('; ') : t('common.none')}</dd>
          <dt>{t('proc.status')}</dt><dd>{t(`proc.status.${p.status}`)}</dd>
        </dl>
      </section>

      {p.steps.length > 0 && (
        <section class="card" aria-labelledby="steps-title">
          <h2 id="steps-title">{t('proc.steps')}</h2>
          <ol class="proc-steps">{p.steps.map((s, i) => <li key={i}>{s}</li>)}</ol>
        </section>
      )}

      <section aria-labelledby="components-title">
        <h2 id="components-title">{t('proc.components')}</h2>
        {/* A list rather than a table: document names are long, and a phone has room for one column. */}
        <ol class="component-list">
          {p.components.map((c) => (
            <li key={c.code} class="card component">
              <p class="component-name">{c.name}</p>
              <p class="component-meta">
                <span class={`badge ${c.required ? 'badge-danger' : 'badge-neutral'}`}>{c.required ? t('proc.required') : t('proc.optional')}</span>{' '}
                <span>{t('proc.maxFiles', { count: c.maxFiles })}: {c.accept.map(typeName).join(', ')}</span>
              </p>
              {c.formTemplateUrl && (
                <p><a href={c.formTemplateUrl} target="_blank" rel="noopener noreferrer">{t('proc.template')}<span class="visually-hidden"> — {c.name} ({t('proc.newWindow')})</span></a></p>
              )}
            </li>
          ))}
        </ol>
      </section>

      <section aria-labelledby="fees-title">
        <h2 id="fees-title">{t('proc.fees')}</h2>
        {p.fees.length === 0 ? <p>{t('proc.noFees')}</p> : (
          <TableBox label={t('proc.fees')}>
            <table>
              <caption class="visually-hidden">{t('proc.fees')}</caption>
              <thead>
                <tr><th scope="col">{t('proc.feeName')}</th><th scope="col">{t('proc.feeKind')}</th><th scope="col" class="num">{t('proc.feeAmount')}</th></tr>
              </thead>
              <tbody>
                {p.fees.map((f) => (
                  <tr key={f.code}>
                    <td>
                      {f.name}
                      {f.reductions?.map((r, i) => (
                        <p key={i} class="muted fee-reduction">
                          {t(r.percent === 100 ? 'proc.exempt' : 'proc.reduced', { percent: r.percent })}
                          {r.channel && ` — ${t(`proc.channel.${r.channel}`)}`}
                          {r.applicantType && ` — ${t(`proc.applicant.${r.applicantType}`)}`}
                          {` (${r.basis})`}
                        </p>
                      ))}
                    </td>
                    <td>{t(`proc.feeKind.${f.kind}`)}</td>
                    <td class="num">{formatMoney(f.amount, lang)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableBox>
        )}
      </section>

      {p.requirements.length > 0 && (
        <section aria-labelledby="req-title">
          <h2 id="req-title">{t('proc.requirements')}</h2>
          <ul>{p.requirements.map((r, i) => <li key={i}>{r}</li>)}</ul>
        </section>
      )}

      {p.legalBasis.length > 0 && (
        <section aria-labelledby="legal-title">
          <h2 id="legal-title">{t('proc.legalBasis')}</h2>
          <TableBox label={t('proc.legalBasis')}>
            <table>
              <caption class="visually-hidden">{t('proc.legalBasis')}</caption>
              <thead>
                <tr><th scope="col">{t('proc.legalNumber')}</th><th scope="col">{t('proc.legalTitle')}</th><th scope="col">{t('proc.legalEffective')}</th></tr>
              </thead>
              <tbody>
                {p.legalBasis.map((l) => (
                  <tr key={l.number}><td class="nowrap">{l.number}</td><td>{l.title}</td><td>{formatDate(l.effectiveAt, lang)}</td></tr>
                ))}
              </tbody>
            </table>
          </TableBox>
        </section>
      )}

      {faq.data && faq.data.items.length > 0 && (
        <section aria-labelledby="faq-title">
          <h2 id="faq-title">{t('faq.forProcedure')}</h2>
          <FaqList items={faq.data.items} />
        </section>
      )}

      <p class="muted">{t('proc.published', { date: formatDate(p.publishedAt, lang) })}</p>
      <p><a href={`/phan-anh/gui?procedure=${encodeURIComponent(p.code)}`}>{t('proc.feedbackLink')}</a> · <a href={`/hoi-dap?procedure=${encodeURIComponent(p.code)}`}>{t('faq.allForProcedure')}</a></p>
    </>
  );
}
