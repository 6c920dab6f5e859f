// The six group codes (CKMB, TDGQ, …) are short enough for a table header only as abbreviations:
// each header spells its group out for screen readers and on hover, and the glossary under a table
// spells them out for everyone.
import { useI18n } from '../i18n';
import { DEFINITIONS, GROUP_CODES, type GroupCode } from './definitions';

/** A group's maximum in the newest definition (they are the same in every revision so far). */
const groupMax = (code: GroupCode) => DEFINITIONS[DEFINITIONS.length - 1]!.groups.find((g) => g.code === code)?.max;

export const GroupHeader = ({ code }: { code: GroupCode }) => {
  const { t } = useI18n();
  const name = t(`dash.group.${code}`);
  return (
    <th scope="col" class="num">
      <abbr title={name}>{code}</abbr>
      <span class="visually-hidden"> ({name})</span>
    </th>
  );
};

export const GroupGlossary = () => {
  const { t } = useI18n();
  return (
    <details class="dash-glossary">
      <summary>{t('dash.groups.glossary')}</summary>
      <dl>
        {GROUP_CODES.map((code) => (
          <div key={code}>
            <dt><abbr title={t(`dash.group.${code}`)}>{code}</abbr></dt>
            <dd>{t(`dash.group.${code}`)} — {t('dash.points', { points: groupMax(code) ?? '—' })}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
};
