// The actions panel of the dossier page: one button per action the transition table allows an
// official in the dossier's status (and the API confirms), each opening its form — required fields
// per docs/requirements.md R-DOSSIER-ACTIONS, checked before sending with an error summary, a
// confirmation step for the actions that cannot be undone — and posting
// POST /v1/dossiers/{id}/actions at the version on screen.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { DossierAction } from '../../../shared/contracts/dossier-status';
import { useI18n } from '../i18n';
import { api, ApiError } from '../lib/api';
import { formatDate } from '../lib/format';
import { ErrorSummary, Field, type FieldErrors } from '../components/form';
import { Alert } from '../components/ui';
import type { DossierView } from './data';
import { ActionFormFooter } from './parts';
import { dossierActionBody, isIrreversible, offeredDossierActions, validateDossierAction, type DossierActionInput } from './logic';

const fieldId = (name: string) => `action-${name}`;

/** What went wrong with a sent action, for the alert above the form. */
interface Failure { kind: 'conflict' | 'transition' | 'rejected' | 'other'; text: string }

export const DossierActions = ({ dossier, onChanged, onReload }: {
  dossier: DossierView;
  onChanged(next: DossierView, action: DossierAction): void;
  onReload(): void;
}) => {
  const { t, lang } = useI18n();
  const offered = offeredDossierActions(dossier.status, dossier.allowedActions);
  const [open, setOpen] = useState<DossierAction | null>(null);
  const [input, setInput] = useState<DossierActionInput>({});
  const [problems, setProblems] = useState<FieldErrors>({});
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<Failure | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const confirmRef = useRef<HTMLDivElement>(null);

  // A new status closes whatever form was open (its action may no longer apply).
  useEffect(() => { setOpen(null); setConfirming(false); }, [dossier.status]);
  useEffect(() => { if (confirming) confirmRef.current?.focus(); }, [confirming]);

  const start = (action: DossierAction) => {
    setOpen(open === action ? null : action);
    setInput({});
    setProblems({});
    setConfirming(false);
    setFailure(null);
    requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>('h3')?.focus());
  };

  const label = (action: DossierAction) => t(`console.action.${action}`);
  const componentName = (code: string) => dossier.components.find((c) => c.code === code)?.name ?? code;

  const send = async (action: DossierAction) => {
    setBusy(true);
    setFailure(null);
    try {
      const next = await api.post<DossierView>(`/v1/dossiers/${dossier.id}/actions`, dossierActionBody(action, dossier.version, input));
      setOpen(null);
      setConfirming(false);
      onChanged(next, action);
    } catch (error) {
      setConfirming(false);
      setFailure(describe(error));
    } finally {
      setBusy(false);
    }
  };

  const describe = (error: unknown): Failure => {
    if (error instanceof ApiError) {
      if (error.status === 409 && error.code === 'VERSION_CONFLICT') return { kind: 'conflict', text: t('console.error.conflict') };
      if (error.status === 409) return { kind: 'transition', text: t('console.error.transition', { detail: error.message }) };
      if (error.status === 400 && error.details.length) {
        const fields: FieldErrors = {};
        for (const d of error.details) {
          const name = String(d.path ?? '').replace(/^body\./, '').split('.')[0] ?? '';
          fields[fieldId(name || 'note')] = t('console.error.field', { detail: String(d.message ?? '') });
        }
        setProblems(fields);
        return { kind: 'rejected', text: t('console.error.rejected') };
      }
      if (error.status === 422) return { kind: 'rejected', text: t('console.error.unprocessable', { detail: error.message }) };
      if (error.status === 403) return { kind: 'other', text: t('console.error.forbidden') };
      if (error.status === 0) return { kind: 'other', text: t('error.network') };
      return { kind: 'other', text: t('error.generic', { code: error.code }) };
    }
    return { kind: 'other', text: t('error.generic', { code: (error as Error)?.message ?? 'UNKNOWN' }) };
  };

  const submit = (e: Event) => {
    e.preventDefault();
    if (!open) return;
    const found = validateDossierAction(open, input, {
      appointmentAt: dossier.late.appointmentAt ?? dossier.dueDate,
      components: dossier.components.map((c) => c.code),
    });
    const translated = Object.fromEntries(Object.entries(found).map(([field, key]) => [fieldId(field), t(key)]));
    setProblems(translated);
    if (Object.keys(translated).length) return;
    if (isIrreversible(open)) { setConfirming(true); return; }
    void send(open);
  };

  if (!offered.length) {
    return (
      <section class="card" aria-labelledby="actions-title">
        <h2 id="actions-title">{t('console.actions.title')}</h2>
        <p class="muted">{t('console.actions.none')}</p>
      </section>
    );
  }

  const text = (name: 'note' | 'reason', labelKey: string, required: boolean, hint?: string) => (
    <Field id={fieldId(name)} label={t(labelKey)} hint={hint} error={problems[fieldId(name)]} required={required}>
      {(aria) => <textarea {...aria} maxLength={2000} value={input[name] ?? ''} onInput={(e) => setInput({ ...input, [name]: (e.target as HTMLTextAreaElement).value })} />}
    </Field>
  );

  return (
    <section class="card" aria-labelledby="actions-title">
      <h2 id="actions-title">{t('console.actions.title')}</h2>
      <p class="muted">{t('console.actions.intro')}</p>
      {/* biome-ignore lint/a11y/useSemanticElements: these buttons are a toolbar outside any form; a <fieldset> groups form controls and lays out its own box (min-inline-size: min-content), role=group names the toolbar without a change of layout. */}
      <div class="actions" role="group" aria-label={t('console.actions.title')}>
        {offered.map((a) => (
          <button key={a} type="button" class={`btn ${a === 'refuse' || a === 'stop' ? 'btn-danger' : open === a ? 'btn-primary' : 'btn-secondary'}`}
            aria-expanded={open === a} aria-controls="action-form" onClick={() => start(a)}>
            {label(a)}
          </button>
        ))}
      </div>
      {failure && (
        <Alert kind="error" title={failure.kind === 'conflict' ? t('console.error.conflictTitle') : t('error.title')}>
          <p>{failure.text}</p>
          {(failure.kind === 'conflict' || failure.kind === 'transition') && (
            <button type="button" class="btn btn-secondary" onClick={() => { setFailure(null); onReload(); }}>{t('console.reload')}</button>
          )}
        </Alert>
      )}
      {open && (
        <form id="action-form" ref={formRef} class="action-form" onSubmit={submit} noValidate aria-labelledby="action-form-title">
          <h3 id="action-form-title" tabIndex={-1}>{label(open)}</h3>
          <p class="hint">{t(`console.actionHelp.${open}`)}</p>
          <ErrorSummary errors={problems} />
          {open === 'refuse' || open === 'stop' ? text('reason', 'console.field.reason', true, t('console.field.reasonHint')) : null}
          {open === 'request_supplement' && (
            <>
              <fieldset class={`field${problems[fieldId('missingComponents')] ? ' field-error' : ''}`} aria-describedby={problems[fieldId('missingComponents')] ? `${fieldId('missingComponents')}-error` : undefined}>
                <legend>{t('console.field.missingComponents')}</legend>
                {problems[fieldId('missingComponents')] && <p id={`${fieldId('missingComponents')}-error`} class="error-message">{problems[fieldId('missingComponents')]}</p>}
                {dossier.components.map((c, i) => {
                  const chosen = input.missingComponents ?? [];
                  return (
                    <label key={c.code} class="choice" for={i === 0 ? fieldId('missingComponents') : `${fieldId('missingComponents')}-${i}`}>
                      <input type="checkbox" id={i === 0 ? fieldId('missingComponents') : `${fieldId('missingComponents')}-${i}`} checked={chosen.includes(c.code)}
                        onChange={(e) => setInput({ ...input, missingComponents: (e.target as HTMLInputElement).checked ? [...chosen, c.code] : chosen.filter((x) => x !== c.code) })} />
                      {componentName(c.code)}
                    </label>
                  );
                })}
              </fieldset>
              {text('note', 'console.field.supplementNote', true, t('console.field.supplementNoteHint'))}
            </>
          )}
          {open === 'issue_apology' && (
            <>
              <Field id={fieldId('newDueDate')} label={t('console.field.newDueDate')} required error={problems[fieldId('newDueDate')]}
                hint={t('console.field.newDueDateHint', { date: formatDate(dossier.late.appointmentAt ?? dossier.dueDate, lang) })}>
                {(aria) => <input {...aria} type="date" value={input.newDueDate ?? ''} onInput={(e) => setInput({ ...input, newDueDate: (e.target as HTMLInputElement).value })} />}
              </Field>
              {text('reason', 'console.field.apologyReason', true)}
            </>
          )}
          {['receive', 'start', 'resume', 'request_payment', 'finish', 'return_result'].includes(open) && text('note', 'console.field.note', false)}
          <ActionFormFooter idPrefix="confirm" confirming={confirming} confirmRef={confirmRef} busy={busy}
            title={t('console.confirm.title', { action: label(open) })} text={t('console.confirm.text')}
            onConfirm={() => void send(open)} onBack={() => setConfirming(false)} onCancel={() => setOpen(null)} />
        </form>
      )}
    </section>
  );
};
