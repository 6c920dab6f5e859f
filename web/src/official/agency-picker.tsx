// The agency whose queue the official works on: a list of the agencies in the account's scope
// (a province's People's Committee and its communes), or — for an administrator, who serves no
// agency in particular — the agency code typed in.
import { useI18n } from '../i18n';
import type { User } from '../lib/auth';
import { useAsync } from '../lib/use-async';
import { Field } from '../components/form';
import { agenciesInScope, type AgencyOption } from './data';

export const useScopeAgencies = (user: User | null) =>
  useAsync<AgencyOption[]>(() => (user?.agencyScope.length ? agenciesInScope(user) : Promise.resolve([])), [user?.username]);

/** "You serve: …" — the agencies of the account's scope, named. */
export const ScopeNote = ({ user, agencies }: { user: User; agencies: AgencyOption[] | undefined }) => {
  const { t } = useI18n();
  if (!user.agencyScope.length) return <p class="muted">{t('console.scope.admin')}</p>;
  const roots = user.agencyScope.map((code) => agencies?.find((a) => a.code === code)?.name ?? code);
  const communes = agencies ? agencies.length - user.agencyScope.length : 0;
  return (
    <p class="scope-note">
      {t('console.scope.serves', { agencies: roots.join(', ') })}
      {communes > 0 && ` ${t('console.scope.communes', { count: communes })}`}
    </p>
  );
};

export const AgencyPicker = ({ id, value, agencies, onChange, hint }: {
  id: string; value: string; agencies: AgencyOption[]; onChange(code: string): void; hint?: string;
}) => {
  const { t } = useI18n();
  if (!agencies.length) {
    return (
      <Field id={id} label={t('console.agency')} hint={hint ?? t('console.agencyCodeHint')} required>
        {(aria) => <input {...aria} type="text" value={value} autoComplete="off" spellcheck={false} onChange={(e) => onChange((e.target as HTMLInputElement).value.trim())} />}
      </Field>
    );
  }
  return (
    <Field id={id} label={t('console.agency')} hint={hint} required>
      {(aria) => (
        <select {...aria} value={value} onChange={(e) => onChange((e.target as HTMLSelectElement).value)}>
          {agencies.map((a) => <option key={a.code} value={a.code}>{a.name}</option>)}
        </select>
      )}
    </Field>
  );
};
