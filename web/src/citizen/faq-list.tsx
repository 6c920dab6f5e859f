// Questions and answers as a list of disclosures (native details/summary: keyboard and screen
// readers know them; the answer is read only when opened).
import { useI18n } from '../i18n';
import type { FaqEntry } from './types';

export const FaqList = ({ items, headingLevel = 3 }: { items: FaqEntry[]; headingLevel?: 2 | 3 }) => {
  const { t } = useI18n();
  const Question = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <ul class="faq-list">
      {items.map((item) => (
        <li key={item.id}>
          <details class="faq">
            <summary><Question class="faq-question">{item.question}</Question></summary>
            <div class="faq-answer">
              {item.answer.split(/\n{2,}/).map((para, i) => <p key={i}>{para}</p>)}
              {item.procedureCode && <p class="muted"><a href={`/thu-tuc/${encodeURIComponent(item.procedureCode)}`}>{t('faq.procedureLink', { code: item.procedureCode })}</a></p>}
            </div>
          </details>
        </li>
      ))}
    </ul>
  );
};
