import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import type { Finding } from '../../shared/privacy/personalData';
import { readRun, writeRunFields } from '../../shared/schema/agenda';
import { approveCase, caseStatus, readCaseField, readShownCase, withdrawCase } from '../../shared/schema/caseDoc';
import { useDocValue } from '../hooks';
import { CaseTextField } from './CaseTextField';
import { DiscussionPoints } from './DiscussionPoints';
import { PersonalDataReview } from './PersonalDataReview';
import { loadPersonalDataCheck, usePersonalDataFindings } from './usePersonalDataCheck';
import './case.css';

interface Props {
  doc: Y.Doc;
  /** This device runs the session (its facilitator): it edits; anyone else only reads the shown case. */
  facilitator: boolean;
  /** The doc may not be changed here (a newer app wrote it). */
  readOnly: boolean;
}

/**
 * "Casus" on the session page. The facilitator prepares the case, checks it for personal data and
 * shows it (on the projector and the participants' laptops), captures the discussion points, the
 * observations and the closing words. A participant sees the case once it is shown, read-only.
 */
export function CaseSection({ doc, facilitator, readOnly }: Props) {
  return facilitator ? <CaseEditor doc={doc} readOnly={readOnly} /> : <ShownCase doc={doc} />;
}

function ShownCase({ doc }: { doc: Y.Doc }) {
  const { t } = useTranslation();
  const text = useDocValue(doc, readShownCase);
  if (text === null) return null;
  return (
    <section className="case-section case-shown" aria-labelledby="case-heading">
      <h2 id="case-heading">{t('case.heading')}</h2>
      <p className="case-text">{text}</p>
    </section>
  );
}

type Notice = 'shown' | 'changed-meanwhile' | 'check-failed' | null;

/** Takes the case off the screen; a projector that was told to show it goes back to its phase's view. */
function withdraw(doc: Y.Doc): void {
  doc.transact(() => {
    withdrawCase(doc);
    if (readRun(doc).projectorView === 'case') writeRunFields(doc, { projectorView: 'auto' });
  });
}

function CaseEditor({ doc, readOnly }: { doc: Y.Doc; readOnly: boolean }) {
  const { t } = useTranslation();
  const status = useDocValue(doc, caseStatus);
  const [text, setText] = useState('');
  const [checking, setChecking] = useState(false);
  const [notice, setNotice] = useState<Notice>(null);
  const checked = usePersonalDataFindings(text, checking);
  const field = useRef<HTMLTextAreaElement>(null);
  const hasFindings = !!checked && checked.findings.length > 0;

  const approve = (reviewed: string) => {
    try {
      approveCase(doc, reviewed, Date.now());
      writeRunFields(doc, { projectorView: 'case' });
      setNotice('shown');
    } catch {
      // Typed in meanwhile (here or in another window): what is shown must be what was checked.
      setNotice('changed-meanwhile');
      setChecking(true);
    }
  };
  const show = async () => {
    const check = await loadPersonalDataCheck().catch(() => null);
    if (!check) {
      // Nothing is shown unchecked.
      setNotice('check-failed');
      return;
    }
    const current = readCaseField(doc, 'caseText');
    setChecking(true);
    if (check(current).length === 0) approve(current);
    else setNotice(null);
  };
  const select = (f: Finding) => {
    const el = field.current;
    if (!el) return;
    let start = el.value.slice(f.start, f.end) === f.text ? f.start : el.value.indexOf(f.text);
    if (start < 0) start = Math.min(f.start, el.value.length);
    el.focus();
    el.setSelectionRange(start, start + f.text.length);
  };

  return (
    <section className="case-section" aria-labelledby="case-heading">
      <h2 id="case-heading">{t('case.heading')}</h2>
      <label htmlFor="case-text" className="case-label">
        {t('case.textLabel')}
      </label>
      <p className="hint" id="case-text-hint">
        {t('case.textHint')}
      </p>
      <CaseTextField
        doc={doc}
        field="caseText"
        id="case-text"
        describedBy="case-text-hint"
        rows={8}
        readOnly={readOnly}
        ref={field}
        onText={(next) => {
          setText(next);
          if (notice === 'shown') setNotice(null);
        }}
      />
      <div className="case-actions">
        <button type="button" onClick={() => loadPersonalDataCheck().then(() => setChecking(true), () => setNotice('check-failed'))} disabled={!text.trim()}>
          {t('case.check')}
        </button>
        <button type="button" className="primary" onClick={() => void show()} disabled={readOnly || !text.trim() || status === 'shown'}>
          {t('case.show')}
        </button>
        {status === 'shown' && (
          <button type="button" onClick={() => withdraw(doc)} disabled={readOnly}>
            {t('case.withdraw')}
          </button>
        )}
      </div>
      <CaseStatusLine status={status} />
      {notice === 'check-failed' && (
        <p role="alert" className="banner error">
          {t('case.checkFailed')}
        </p>
      )}
      {notice === 'changed-meanwhile' && (
        <p role="alert" className="banner warning">
          {t('case.changedMeanwhile')}
        </p>
      )}
      {checking && checked && (
        <>
          <PersonalDataReview checked={checked} onSelect={select} />
          {hasFindings && status !== 'shown' && (
            <div className="banner warning case-confirm">
              <p>{t('case.confirmText')}</p>
              <button type="button" onClick={() => approve(checked.text)} disabled={readOnly || checked.text !== text}>
                {t('case.confirm')}
              </button>
            </div>
          )}
        </>
      )}

      <DiscussionPoints doc={doc} readOnly={readOnly} />

      <div className="case-notes">
        <div>
          <label htmlFor="case-observations" className="case-label">
            {t('case.observations')}
          </label>
          <p className="hint" id="case-observations-hint">
            {t('case.observationsHint')}
          </p>
          <CaseTextField doc={doc} field="observations" id="case-observations" describedBy="case-observations-hint" rows={4} readOnly={readOnly} />
        </div>
        <div>
          <label htmlFor="case-closing" className="case-label">
            {t('case.closingWords')}
          </label>
          <p className="hint" id="case-closing-hint">
            {t('case.closingWordsHint')}
          </p>
          <CaseTextField doc={doc} field="closingWords" id="case-closing" describedBy="case-closing-hint" rows={4} readOnly={readOnly} />
        </div>
      </div>
    </section>
  );
}

function CaseStatusLine({ status }: { status: ReturnType<typeof caseStatus> }) {
  const { t } = useTranslation();
  if (status === 'empty') return null;
  return (
    <p className={`case-status case-status-${status}`} role="status">
      {t(`case.status.${status}`)}
    </p>
  );
}
