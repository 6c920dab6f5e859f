// Form parts that meet WCAG 2.1 AA: every input has a visible label, a hint and its error tied by
// aria-describedby; a submit with errors shows an error summary that takes focus and links to each
// field (GOV.UK / USWDS pattern).
import type { ComponentChildren, InputHTMLAttributes } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { useI18n } from '../i18n';

export type FieldErrors = Record<string, string>;

interface FieldProps {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  required?: boolean;
  children: (aria: { id: string; 'aria-describedby'?: string; 'aria-invalid'?: boolean; required?: boolean }) => ComponentChildren;
}

export const Field = ({ id, label, hint, error, required, children }: FieldProps) => {
  const { t } = useI18n();
  const describedBy = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ') || undefined;
  return (
    <div class={`field${error ? ' field-error' : ''}`}>
      <label for={id}>{label}{!required && <span class="optional"> {t('form.optional')}</span>}</label>
      {hint && <p id={`${id}-hint`} class="hint">{hint}</p>}
      {error && <p id={`${id}-error`} class="error-message"><span class="visually-hidden">{t('error.title')}: </span>{error}</p>}
      {children({ id, 'aria-describedby': describedBy, 'aria-invalid': error ? true : undefined, required })}
    </div>
  );
};

export const TextField = ({ id, label, hint, error, required, value, onInput, type = 'text', ...rest }: Omit<FieldProps, 'children'> & {
  value: string; onInput(value: string): void; type?: 'text' | 'password' | 'email' | 'tel' | 'number' | 'date' | 'search';
} & Pick<InputHTMLAttributes<HTMLInputElement>, 'autoComplete' | 'autoCapitalize' | 'spellcheck' | 'inputMode' | 'placeholder' | 'maxLength' | 'pattern' | 'min' | 'max' | 'step' | 'disabled'>) => (
  <Field id={id} label={label} hint={hint} error={error} required={required}>
    {(aria) => <input {...rest} {...aria} type={type as 'text'} value={value} onInput={(e) => onInput((e.target as HTMLInputElement).value)} />}
  </Field>
);

/** Lists the form's errors; focused when it appears so keyboard and screen-reader users land on it. */
export const ErrorSummary = ({ errors, title }: { errors: FieldErrors; title?: string }) => {
  const { t } = useI18n();
  const ref = useRef<HTMLDivElement>(null);
  const entries = Object.entries(errors);
  useEffect(() => { if (entries.length) ref.current?.focus(); }, [entries.length, errors]);
  if (!entries.length) return null;
  return (
    <div ref={ref} class="error-summary" role="alert" tabIndex={-1} aria-labelledby="error-summary-title">
      <h2 id="error-summary-title">{title ?? t('form.errorSummary', { count: entries.length })}</h2>
      <ul>
        {entries.map(([field, message]) => (
          <li key={field}><a href={`#${field}`} onClick={(e) => { e.preventDefault(); document.getElementById(field)?.focus(); }}>{message}</a></li>
        ))}
      </ul>
    </div>
  );
};

/** Several problems of one input (a file input's refusals), announced at once; nothing when none. */
export const FieldMessages = ({ id, messages }: { id: string; messages: readonly string[] }) => {
  const { t } = useI18n();
  if (!messages.length) return null;
  return (
    <div id={id} class="error-message" role="alert">
      {messages.map((m, i) => <p key={i}><span class="visually-hidden">{t('error.title')}: </span>{m}</p>)}
    </div>
  );
};
