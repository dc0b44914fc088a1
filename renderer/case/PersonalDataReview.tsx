import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Finding } from '../../shared/privacy/personalData';
import type { CheckedText } from './usePersonalDataCheck';

interface Props {
  checked: CheckedText;
  /** Puts the caret on a finding in the text field, to change it there. */
  onSelect: (finding: Finding) => void;
}

/**
 * What the personal-data check found: the case with each finding marked and numbered, and the list
 * of findings in plain Dutch with why each was flagged. The text is shown as text (React escapes
 * it): markup typed into a case is never interpreted.
 */
export function PersonalDataReview({ checked, onSelect }: Props) {
  const { t } = useTranslation();
  const { text, findings } = checked;
  if (findings.length === 0) {
    return (
      <p role="status" className="case-clear">
        <strong>✓ {t('case.noFindings')}</strong> {t('case.noFindingsHint')}
      </p>
    );
  }
  const pieces: ReactNode[] = [];
  let at = 0;
  findings.forEach((f, i) => {
    if (f.start > at) pieces.push(text.slice(at, f.start));
    pieces.push(
      <mark key={`${f.start}-${f.end}`} className={`pd pd-${f.kind}`} title={t(`case.kind.${f.kind}`)}>
        {f.text}
        <sup aria-hidden="true">{i + 1}</sup>
      </mark>,
    );
    at = f.end;
  });
  if (at < text.length) pieces.push(text.slice(at));
  return (
    <div className="case-review">
      <p role="status" className="case-findings-summary">
        {t('case.findings', { count: findings.length })}
      </p>
      <div className="case-marked">{pieces}</div>
      <ol className="case-findings">
        {findings.map((f) => (
          <li key={`${f.start}-${f.end}`}>
            <span className={`pd-kind pd-${f.kind}`}>{t(`case.kind.${f.kind}`)}</span>: “{f.text}”{' '}
            <span className="muted">({t(`case.reason.${f.reason}`)})</span>{' '}
            <button type="button" className="link" onClick={() => onSelect(f)} aria-label={t('case.selectFinding', { text: f.text })}>
              {t('case.select')}
            </button>
          </li>
        ))}
      </ol>
    </div>
  );
}
