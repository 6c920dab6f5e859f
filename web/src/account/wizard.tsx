// The submission wizard (nộp hồ sơ trực tuyến), driven by the procedure's definition: receiving
// agency → e-form → delivery and contact → documents → review → submit. The draft is created when
// the documents step opens (the API needs form, agency and delivery to create it), with one
// Idempotency-Key per wizard session so a retried request never makes a second draft. Fields the
// State already holds come filled from the applicant's record and read-only (`GET /v1/me/prefill`,
// docs/dossiers.md "Prefilled and locked fields"); the server fills them again and locks them.
// An e-ID account of level 1 sees why it cannot submit instead of the submit button.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { useLocation, useRoute } from 'preact-iso';
import { eidLevelAllowsSubmission } from '../../../functions/dossiers/domain/eid-level';
import { api, ApiError, idempotencyKey, type Page } from '../lib/api';
import { useUser } from '../lib/session';
import { useAsync } from '../lib/use-async';
import { useI18n } from '../i18n';
import { RequireAuth } from '../components/require-auth';
import { Alert, Breadcrumbs, ErrorState, Loading, PageTitle, useErrorText } from '../components/ui';
import { ErrorSummary, Field, TextField, type FieldErrors } from '../components/form';
import { checkDelivery, checkForm, componentInputId, fieldId, INPUT, mapApiDetails, type DeliveryInput, type FormField, type WizardStep } from './form-rules';
import { ComponentUpload } from './component-upload';
import type { AgencyEntry, DossierView, Prefill, Procedure } from './types';

const STEPS: WizardStep[] = ['agency', 'form', 'delivery', 'files', 'review'];

/** Every agency of the catalogue (a few pages of 100; the list changes rarely). */
let agencyCache: Promise<AgencyEntry[]> | undefined;
const loadAgencies = () => {
  agencyCache ??= (async () => {
    const all: AgencyEntry[] = [];
    let cursor: string | null = null;
    do {
      const page: Page<AgencyEntry> = await api.get<Page<AgencyEntry>>('/v1/catalogues/agencies', { limit: 100, cursor }, { auth: false });
      all.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return all;
  })();
  agencyCache.catch(() => { agencyCache = undefined; });
  return agencyCache;
};

/** What the wizard keeps in the tab's session, so a reload or a lost phone page resumes where it was. */
interface Saved {
  step: WizardStep; province: string; agencyCode: string; typed: Record<string, string>; delivery: DeliveryInput;
  key: string; draftId: string | null; draftBody: string;
}
const savedName = (code: string) => `dvc.wizard.${code}`;
const readSaved = (code: string): Saved | null => {
  try { return JSON.parse(sessionStorage.getItem(savedName(code)) ?? 'null') as Saved | null; } catch { return null; }
};
const writeSaved = (code: string, saved: Saved | null) => {
  try { if (saved) sessionStorage.setItem(savedName(code), JSON.stringify(saved)); else sessionStorage.removeItem(savedName(code)); } catch { /* storage disabled */ }
};

export default function WizardPage() {
  return (
    <RequireAuth groups={['citizen', 'business']}>
      <WizardLoader />
    </RequireAuth>
  );
}

const WizardLoader = () => {
  const { params } = useRoute();
  const code = params.code ?? '';
  const data = useAsync(async (signal) => {
    const saved = readSaved(code);
    const [procedure, agencies, draft] = await Promise.all([
      api.get<Procedure>(`/v1/procedures/${encodeURIComponent(code)}`, undefined, { signal, auth: false }),
      loadAgencies(),
      // A draft of an earlier visit, if it is still a draft (not submitted meanwhile, not someone else's).
      saved?.draftId ? api.get<DossierView>(`/v1/dossiers/${saved.draftId}`, undefined, { signal }).then((d) => (d.status === 'draft' ? d : null), () => null) : null,
    ]);
    // The State's values of the form's sourced fields, read for the signed-in applicant (audited).
    // A refusal (422: an account without its ID number) fills nothing; creating the draft says why.
    const prefill = onlineOffered(procedure) && procedure.form.fields.some((f) => f.source)
      ? await api.get<Prefill>('/v1/me/prefill', { procedureCode: procedure.code }, { signal })
        .catch((e: unknown) => { if (e instanceof ApiError && e.status === 422) return null; throw e; })
      : null;
    return { procedure, agencies, saved: saved && (draft || !saved.draftId) ? saved : null, draft, prefill };
  }, [code]);
  const { t } = useI18n();
  if (data.loading && !data.data) return <><PageTitle>{t('wizard.title')}</PageTitle><Loading /></>;
  if (data.error instanceof ApiError && data.error.code === 'POPULATION_UNAVAILABLE') {
    return (
      <>
        <PageTitle>{t('wizard.title')}</PageTitle>
        <Alert kind="error" title={t('error.title')}>
          <p>{t('wizard.api.POPULATION_UNAVAILABLE')}</p>
          <button type="button" class="btn btn-secondary" onClick={data.reload}>{t('error.retry')}</button>
        </Alert>
      </>
    );
  }
  if (data.error || !data.data) return <><PageTitle>{t('wizard.title')}</PageTitle><ErrorState error={data.error} retry={data.reload} /></>;
  const { procedure } = data.data;
  if (!onlineOffered(procedure)) {
    return (
      <>
        <PageTitle>{t('wizard.title')}</PageTitle>
        <Alert kind="warning" title={t('wizard.notOnline')}><p>{procedure.name}</p><p><a href={`/thu-tuc/${encodeURIComponent(procedure.code)}`}>{t('wizard.seeProcedure')}</a></p></Alert>
      </>
    );
  }
  return <Wizard procedure={procedure} agencies={data.data.agencies} saved={data.data.saved} savedDraft={data.data.draft} prefill={data.data.prefill} />;
};

const onlineOffered = (procedure: Procedure) => procedure.onlineService !== 'none' && procedure.channels.includes('online');

const Wizard = ({ procedure, agencies, saved, savedDraft, prefill }: {
  procedure: Procedure; agencies: AgencyEntry[]; saved: Saved | null; savedDraft: DossierView | null; prefill: Prefill | null;
}) => {
  const { t } = useI18n();
  const user = useUser();
  const { route } = useLocation();
  const errorText = useErrorText();
  const [step, setStep] = useState<WizardStep>(saved?.step ?? 'agency');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [general, setGeneral] = useState<string[]>([]);
  const [notice, setNotice] = useState<string>();
  const [busy, setBusy] = useState(false);
  const stepHeading = useRef<HTMLHeadingElement>(null);
  const firstRender = useRef(true);

  // (a) the receiving agency
  const competent = useMemo(() => agencies.filter((a) => procedure.agencyKinds.includes(a.level)), [agencies, procedure]);
  const byProvince = competent.some((a) => a.level === 'commune');
  const provinces = useMemo(() => agencies.filter((a) => a.level === 'province' && competent.some((c) => c.code === a.code || c.parentCode === a.code))
    .sort((a, b) => a.name.localeCompare(b.name, 'vi')), [agencies, competent]);
  const [province, setProvince] = useState(saved?.province ?? '');
  const [agencyCode, setAgencyCode] = useState(saved?.agencyCode ?? (competent.length === 1 ? competent[0]!.code : ''));
  const choices = byProvince ? competent.filter((a) => a.code === province || a.parentCode === province) : competent;

  // (b) the e-form
  const fields = procedure.form.fields as FormField[];
  const [typed, setTyped] = useState<Record<string, string>>(saved?.typed ?? {});
  // The fields the State's register filled: shown read-only, left out of the request (the server fills them).
  const locked = useMemo(() => new Map((prefill?.fields ?? []).map((f) => [f.name, f])), [prefill]);
  const sourceLabel = prefill?.register ? t(`wizard.prefilled.${prefill.register}`) : '';
  const formValues = () => ({ ...typed, ...Object.fromEntries([...locked].map(([name, f]) => [name, String(f.value)])) });

  // (c) delivery and contact
  const deliveries = (['online', 'desk', 'post'] as const).filter((d) => d !== 'post' || procedure.channels.includes('post'));
  const [delivery, setDelivery] = useState<DeliveryInput>(saved?.delivery ?? { delivery: 'online', recipient: '', postPhone: '', postAddress: '', contactPhone: '', contactEmail: '' });

  // (d) the draft and its documents
  const key = useRef(saved?.key ?? idempotencyKey());
  const [draft, setDraft] = useState<DossierView | null>(savedDraft);
  const draftBody = useRef<string>(savedDraft ? saved?.draftBody ?? '' : '');
  const submittedRef = useRef(false);

  useEffect(() => {
    if (submittedRef.current) return;
    // The documents and review steps need the draft: without it, resume at delivery.
    const resumable: WizardStep = !draft && (step === 'files' || step === 'review') ? 'delivery' : step;
    writeSaved(procedure.code, { step: resumable, province, agencyCode, typed, delivery, key: key.current, draftId: draft?.id ?? null, draftBody: draftBody.current });
  }, [procedure.code, step, province, agencyCode, typed, delivery, draft]);
  const [declared, setDeclared] = useState(false);

  useEffect(() => {
    if (firstRender.current) { firstRender.current = false; return; }
    stepHeading.current?.focus();
    window.scrollTo(0, 0);
  }, [step]);

  const go = (next: WizardStep) => { setErrors({}); setGeneral([]); setStep(next); };
  const fail = (found: FieldErrors) => { setErrors(found); return Object.keys(found).length > 0; };

  const createBody = () => {
    const values = Object.fromEntries(Object.entries(checkForm(fields, formValues(), t).values).filter(([name]) => !locked.has(name)));
    const contact = {
      ...(delivery.contactPhone.trim() ? { phone: delivery.contactPhone.trim() } : {}),
      ...(delivery.contactEmail.trim() ? { email: delivery.contactEmail.trim() } : {}),
    };
    return {
      procedureCode: procedure.code, agencyCode, form: values, delivery: delivery.delivery,
      ...(delivery.delivery === 'post' ? { postalAddress: { recipient: delivery.recipient.trim(), phone: delivery.postPhone.trim(), address: delivery.postAddress.trim() } } : {}),
      ...(Object.keys(contact).length ? { contact } : {}),
    };
  };

  const showApiError = (e: unknown) => {
    if (e instanceof ApiError && e.details.length) {
      const mapped = mapApiDetails(e.details, { fields, components: procedure.components }, t);
      if (mapped.step) setStep(mapped.step);
      setErrors(mapped.fields);
      setGeneral(mapped.general.length || Object.keys(mapped.fields).length ? mapped.general : [errorText(e)]);
    } else {
      setGeneral([apiProblem(e, t) ?? errorText(e)]);
    }
  };

  /** Creates the draft (or reuses it when nothing it holds has changed since). */
  const ensureDraft = async (): Promise<boolean> => {
    const body = createBody();
    const fingerprint = JSON.stringify(body);
    if (draft && draftBody.current === fingerprint) return true;
    if (draft) {
      // The draft cannot be edited: a changed request is a new draft (and a new intent, a new key).
      key.current = idempotencyKey();
      setNotice(t('wizard.newDraft'));
    }
    try {
      const created = await api.post<DossierView>('/v1/dossiers', body, { headers: { 'idempotency-key': key.current } });
      setDraft(created);
      draftBody.current = fingerprint;
      return true;
    } catch (e) {
      showApiError(e);
      return false;
    }
  };

  const next = async (e: Event) => {
    e.preventDefault();
    setGeneral([]);
    if (step === 'agency') {
      const found: FieldErrors = {};
      if (byProvince && !province) found[INPUT.province] = t('wizard.err.choose', { label: t('wizard.province') });
      else if (!agencyCode || !choices.some((a) => a.code === agencyCode)) found[INPUT.agency] = t('wizard.err.choose', { label: t('wizard.agency') });
      if (!fail(found)) go('form');
    } else if (step === 'form') {
      if (!fail(checkForm(fields, formValues(), t).errors)) go('delivery');
    } else if (step === 'delivery') {
      if (fail(checkDelivery(delivery, t))) return;
      setBusy(true);
      const ok = await ensureDraft();
      setBusy(false);
      if (ok) go('files');
    } else if (step === 'files') {
      const found: FieldErrors = {};
      for (const c of draft?.components ?? []) {
        if (c.required && !draft!.attachments.some((a) => a.componentCode === c.code && a.status === 'verified')) {
          found[componentInputId(c.code)] = t('wizard.err.componentMissing', { name: c.name });
        }
      }
      if (!fail(found)) go('review');
    } else {
      if (!declared) { fail({ 'declare': t('wizard.err.declare') }); return; }
      setBusy(true);
      try {
        const submitted = await api.post<DossierView>(`/v1/dossiers/${draft!.id}/submit`);
        submittedRef.current = true;
        writeSaved(procedure.code, null);
        route(`/ho-so/${submitted.id}/bien-nhan`);
      } catch (err) {
        showApiError(err);
      } finally {
        setBusy(false);
      }
    }
  };

  const back = () => go(STEPS[Math.max(0, STEPS.indexOf(step) - 1)]!);
  // Online submission needs e-ID level 2: at level 1 the review step says so in place of the button (the API refuses it too).
  const levelTooLow = step === 'review' && !eidLevelAllowsSubmission(user?.eidLevel);
  const index = STEPS.indexOf(step);
  const agency = agencies.find((a) => a.code === agencyCode);

  return (
    <>
      <Breadcrumbs items={[{ href: '/', label: t('common.home') }, { href: '/thu-tuc', label: t('nav.procedures') }, { href: `/thu-tuc/${encodeURIComponent(procedure.code)}`, label: procedure.name }, { label: t('wizard.title') }]} />
      <PageTitle title={`${t('wizard.title')}: ${procedure.name}`}>{t('wizard.title')}<span class="wizard-procedure">{procedure.name}</span></PageTitle>
      <nav aria-label={t('wizard.stepsLabel')}>
        <ol class="steps">
          {STEPS.map((s, i) => (
            <li key={s} aria-current={s === step ? 'step' : undefined} class={i < index ? 'done' : undefined}>
              {t(`wizard.step.${s}`)}{i < index && <span class="visually-hidden"> ({t('wizard.stepDone')})</span>}
            </li>
          ))}
        </ol>
      </nav>
      <h2 ref={stepHeading} tabIndex={-1} class="step-title">{t('wizard.stepOf', { n: index + 1, total: STEPS.length, name: t(`wizard.step.${step}`) })}</h2>
      {notice && step === 'files' && <Alert kind="warning">{notice}</Alert>}
      <ErrorSummary errors={{ ...errors, ...Object.fromEntries(general.map((g, i) => [`general-${i}`, g])) }} />
      <form onSubmit={next} noValidate class="wizard-form">
        {step === 'agency' && (
          <>
            <p>{t('wizard.agencyIntro')}</p>
            {byProvince && (
              <Field id={INPUT.province} label={t('wizard.province')} required error={errors[INPUT.province]}>
                {(aria) => (
                  <select {...aria} value={province} onChange={(e) => { setProvince(e.currentTarget.value); setAgencyCode(''); }}>
                    <option value="">{t('wizard.chooseOption')}</option>
                    {provinces.map((p) => <option key={p.code} value={p.code}>{p.name}</option>)}
                  </select>
                )}
              </Field>
            )}
            <Field id={INPUT.agency} label={t('wizard.agency')} hint={byProvince && !province ? t('wizard.agencyHint') : undefined} required error={errors[INPUT.agency]}>
              {(aria) => (
                <select {...aria} value={agencyCode} disabled={byProvince && !province} onChange={(e) => setAgencyCode(e.currentTarget.value)}>
                  <option value="">{t('wizard.chooseOption')}</option>
                  {choices.map((a) => <option key={a.code} value={a.code}>{a.name}</option>)}
                </select>
              )}
            </Field>
          </>
        )}

        {step === 'form' && (
          <>
            <p>{t('wizard.formIntro')}</p>
            {locked.size > 0 && <p class="hint">{t('wizard.prefilledIntro', { source: sourceLabel })}</p>}
            {fields.map((f) => {
              const filled = locked.get(f.name);
              return filled
                ? <LockedInput key={f.name} field={f} value={filled.value} source={sourceLabel} />
                : <FormInput key={f.name} field={f} value={typed[f.name] ?? ''} error={errors[fieldId(f.name)]} onInput={(v) => setTyped((all) => ({ ...all, [f.name]: v }))} />;
            })}
          </>
        )}

        {step === 'delivery' && (
          <>
            <fieldset class="field" aria-describedby="delivery-hint">
              <legend>{t('wizard.delivery')}</legend>
              <p id="delivery-hint" class="hint">{t('wizard.deliveryHint')}</p>
              {deliveries.map((d) => (
                <label key={d} class="choice">
                  <input type="radio" name="delivery" id={d === 'online' ? INPUT.delivery : `delivery-${d}`} value={d} checked={delivery.delivery === d}
                    onChange={() => setDelivery((x) => ({ ...x, delivery: d }))} />
                  {t(`wizard.delivery.${d}`)}
                </label>
              ))}
            </fieldset>
            {delivery.delivery === 'post' && (
              <fieldset class="card">
                <legend>{t('wizard.postTitle')}</legend>
                <TextField id={INPUT.recipient} label={t('wizard.postRecipient')} required value={delivery.recipient} error={errors[INPUT.recipient]} autoComplete="name" onInput={(v) => setDelivery((x) => ({ ...x, recipient: v }))} />
                <TextField id={INPUT.postPhone} type="tel" label={t('wizard.postPhone')} required value={delivery.postPhone} error={errors[INPUT.postPhone]} autoComplete="tel" onInput={(v) => setDelivery((x) => ({ ...x, postPhone: v }))} />
                <Field id={INPUT.postAddress} label={t('wizard.postAddress')} required error={errors[INPUT.postAddress]}>
                  {(aria) => <textarea {...aria} rows={2} autoComplete="street-address" value={delivery.postAddress} onInput={(e) => setDelivery((x) => ({ ...x, postAddress: e.currentTarget.value }))} />}
                </Field>
              </fieldset>
            )}
            <h3>{t('wizard.contactTitle')}</h3>
            <p class="hint">{t('wizard.contactHint')}</p>
            <TextField id={INPUT.contactPhone} type="tel" label={t('wizard.contactPhone')} value={delivery.contactPhone} error={errors[INPUT.contactPhone]} autoComplete="tel" onInput={(v) => setDelivery((x) => ({ ...x, contactPhone: v }))} />
            <TextField id={INPUT.contactEmail} type="email" label={t('wizard.contactEmail')} value={delivery.contactEmail} error={errors[INPUT.contactEmail]} autoComplete="email" onInput={(v) => setDelivery((x) => ({ ...x, contactEmail: v }))} />
          </>
        )}

        {step === 'files' && draft && (
          <>
            <p>{t('wizard.filesIntro')}</p>
            {draft.components.map((c) => (
              <ComponentUpload key={c.code} dossierId={draft.id} component={c} error={errors[componentInputId(c.code)]}
                files={draft.attachments.filter((a) => a.componentCode === c.code)} onDossier={setDraft} />
            ))}
          </>
        )}

        {step === 'review' && draft && (
          <Review procedure={procedure} agency={agency} fields={fields} draft={draft} delivery={delivery} declared={declared} setDeclared={setDeclared} error={errors.declare} />
        )}

        {levelTooLow && (
          <Alert kind="warning" title={t('wizard.eidLevelTitle')}><p>{t('wizard.api.EID_LEVEL_TOO_LOW')}</p></Alert>
        )}
        <div class="actions">
          {index > 0 && <button type="button" class="btn btn-secondary" onClick={back} disabled={busy}>{t('common.previous')}</button>}
          {!levelTooLow && (
            <button type="submit" class="btn btn-primary" disabled={busy} aria-busy={busy}>
              {busy ? t('app.loading') : step === 'review' ? t('wizard.submit') : t('common.next')}
            </button>
          )}
        </div>
      </form>
    </>
  );
};

/** The user's words for the refusals of creating and submitting that carry no field details. */
const apiProblem = (e: unknown, t: (k: string) => string): string | undefined => {
  if (!(e instanceof ApiError)) return undefined;
  const known = [
    'NOT_OFFERED_ONLINE', 'APPLICANT_TYPE_NOT_ALLOWED', 'PROFILE_INCOMPLETE', 'PROCEDURE_REPEALED', 'IDEMPOTENCY_KEY_REUSED', 'INVALID_TRANSITION',
    'LOCKED_FIELD_CHANGED', 'POPULATION_UNAVAILABLE', 'EID_LEVEL_TOO_LOW',
  ];
  return known.includes(e.code) ? t(`wizard.api.${e.code}`) : undefined;
};

const FIELD_HINTS: Partial<Record<FormField['type'], string>> = {
  idNumber: 'wizard.hint.idNumber', phone: 'wizard.hint.phone', date: 'wizard.hint.date', number: 'wizard.hint.number', address: 'wizard.hint.address',
};

/** A value as the reader sees it: a select's option label, a date as dd/mm/yyyy. */
const shownValue = (f: FormField, v: string | number | undefined): string => {
  if (v === undefined || v === '') return '—';
  if (f.type === 'select') return f.options?.find((o) => o.value === v)?.label ?? String(v);
  if (f.type === 'date' && typeof v === 'string') return v.split('-').reverse().join('/');
  return String(v);
};

/** A field the State's register filled: read-only, its source as the hint. */
const LockedInput = ({ field, value, source }: { field: FormField; value: string | number; source: string }) => (
  <Field id={fieldId(field.name)} label={field.label} hint={source} required={field.required}>
    {(aria) => <input {...aria} type="text" class="prefilled" readOnly value={shownValue(field, value)} />}
  </Field>
);

const FormInput = ({ field, value, error, onInput }: { field: FormField; value: string; error?: string; onInput(v: string): void }) => {
  const { t } = useI18n();
  const id = fieldId(field.name);
  const hint = FIELD_HINTS[field.type] ? t(FIELD_HINTS[field.type]!) : undefined;
  if (field.type === 'select') {
    return (
      <Field id={id} label={field.label} required={field.required} error={error}>
        {(aria) => (
          <select {...aria} value={value} onChange={(e) => onInput(e.currentTarget.value)}>
            <option value="">{t('wizard.chooseOption')}</option>
            {(field.options ?? []).map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
          </select>
        )}
      </Field>
    );
  }
  if (field.type === 'address') {
    return (
      <Field id={id} label={field.label} hint={hint} required={field.required} error={error}>
        {(aria) => <textarea {...aria} rows={2} value={value} onInput={(e) => onInput(e.currentTarget.value)} />}
      </Field>
    );
  }
  const kind = { text: 'text', number: 'text', date: 'date', idNumber: 'text', phone: 'tel', email: 'email' } as const;
  return (
    <TextField id={id} label={field.label} hint={hint} required={field.required} error={error} value={value} onInput={onInput}
      type={kind[field.type as keyof typeof kind] ?? 'text'}
      inputMode={field.type === 'number' ? 'decimal' : field.type === 'idNumber' ? 'numeric' : undefined}
      autoComplete={field.type === 'phone' ? 'tel' : field.type === 'email' ? 'email' : 'off'}
      maxLength={field.type === 'idNumber' ? 15 : undefined} spellcheck={field.type === 'text' ? undefined : false} />
  );
};

const Review = ({ procedure, agency, fields, draft, delivery, declared, setDeclared, error }: {
  procedure: Procedure; agency?: AgencyEntry; fields: FormField[]; draft: DossierView; delivery: DeliveryInput;
  declared: boolean; setDeclared(v: boolean): void; error?: string;
}) => {
  const { t } = useI18n();
  const prefilled = new Map(draft.prefilled.map((p) => [p.name, p.source.startsWith('population.') ? 'population' : 'enterprise']));
  return (
    <>
      <p>{t('wizard.reviewIntro')}</p>
      <section class="card" aria-labelledby="review-agency">
        <h3 id="review-agency">{t('wizard.step.agency')}</h3>
        <dl class="facts">
          <dt>{t('wizard.procedure')}</dt><dd>{procedure.name} ({procedure.code})</dd>
          <dt>{t('wizard.agency')}</dt><dd>{agency?.name ?? draft.agencyName}</dd>
        </dl>
      </section>
      <section class="card" aria-labelledby="review-form">
        <h3 id="review-form">{t('wizard.step.form')}</h3>
        <dl class="facts">{fields.map((f) => [
          <dt key={`t-${f.name}`}>{f.label}</dt>,
          <dd key={`d-${f.name}`}>
            {shownValue(f, draft.form[f.name])}
            {prefilled.has(f.name) && <> <span class="badge badge-info">{t(`wizard.prefilled.${prefilled.get(f.name)}`)}</span></>}
          </dd>,
        ])}</dl>
      </section>
      <section class="card" aria-labelledby="review-delivery">
        <h3 id="review-delivery">{t('wizard.step.delivery')}</h3>
        <dl class="facts">
          <dt>{t('wizard.delivery')}</dt><dd>{t(`wizard.delivery.${delivery.delivery}`)}</dd>
          {delivery.delivery === 'post' && <><dt>{t('wizard.postTitle')}</dt><dd>{delivery.recipient}, {delivery.postPhone}, {delivery.postAddress}</dd></>}
          <dt>{t('wizard.contactPhone')}</dt><dd>{delivery.contactPhone || '—'}</dd>
          <dt>{t('wizard.contactEmail')}</dt><dd>{delivery.contactEmail || '—'}</dd>
        </dl>
      </section>
      <section class="card" aria-labelledby="review-files">
        <h3 id="review-files">{t('wizard.step.files')}</h3>
        <ul class="link-list">
          {draft.components.filter((c) => draft.attachments.some((a) => a.componentCode === c.code && a.status === 'verified')).map((c) => (
            <li key={c.code}><strong>{c.code}</strong>: {draft.attachments.filter((a) => a.componentCode === c.code && a.status === 'verified').map((a) => a.fileName).join(', ')}</li>
          ))}
        </ul>
      </section>
      <div class={`field${error ? ' field-error' : ''}`}>
        {error && <p id="declare-error" class="error-message"><span class="visually-hidden">{t('error.title')}: </span>{error}</p>}
        <label class="choice">
          <input type="checkbox" id="declare" checked={declared} aria-describedby={error ? 'declare-error' : undefined} aria-invalid={error ? true : undefined} onChange={(e) => setDeclared(e.currentTarget.checked)} />
          {t('wizard.declare')}
        </label>
      </div>
    </>
  );
};
