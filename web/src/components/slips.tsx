// A dossier's slips (phiếu: the portal's submission acknowledgement and the Circular 01/2018 forms
// it was issued), each downloadable as a PDF (GET /v1/dossiers/{id}/slips). Shared by the
// applicant's and the official's dossier pages; the texts come from the page's own area
// (`acct.slips.*` or `console.slips.*`), so each area keeps its wording.
import { useState } from 'preact/hooks';
import type { SlipItem } from '../../../shared/contracts/dossiers';
import { api, download } from '../lib/api';
import { formatDateTime } from '../lib/format';
import { useAsync } from '../lib/use-async';
import { useI18n } from '../i18n';
import { ErrorState, Loading, useErrorText } from './ui';

export type { SlipItem };

export const loadSlips = (dossierId: string, signal?: AbortSignal) =>
  api.get<{ items: SlipItem[] }>(`/v1/dossiers/${encodeURIComponent(dossierId)}/slips`, undefined, { signal }).then((r) => r.items);

/** `version` reloads the list after an action that may have issued a slip. */
export const SlipDownloads = ({ dossierId, version, area }: { dossierId: string; version: number; area: 'acct' | 'console' }) => {
  const { t, lang } = useI18n();
  const errorText = useErrorText();
  const slips = useAsync((signal) => loadSlips(dossierId, signal), [dossierId, version]);
  const [error, setError] = useState<string>();
  const text = (key: string, params?: Record<string, string | number>) => t(`${area}.slips.${key}`, params);
  const get = (s: SlipItem) => {
    setError(undefined);
    download(s.href, `${s.kind}.pdf`).catch((e: unknown) => setError(errorText(e)));
  };
  return (
    <section class="card" aria-labelledby="slips-title">
      <h2 id="slips-title">{text('title')}</h2>
      {error && <p class="error-message" role="alert">{error}</p>}
      {slips.loading && !slips.data ? <Loading /> : !slips.data ? <ErrorState error={slips.error} retry={slips.reload} /> : slips.data.length ? (
        <ul class="file-list" data-testid="slips">
          {slips.data.map((s) => (
            <li key={s.href}>
              {text(`kind.${s.kind}`)}{' '}
              <span class="muted">({s.form ? `${text('form', { form: s.form })}, ` : ''}{formatDateTime(s.issuedAt, lang)})</span>{' '}
              <button type="button" class="btn-link file-download" onClick={() => get(s)}>
                {text('download')}<span class="visually-hidden"> {text(`kind.${s.kind}`)}</span>
              </button>
            </li>
          ))}
        </ul>
      ) : <p class="muted">{text('none')}</p>}
    </section>
  );
};
