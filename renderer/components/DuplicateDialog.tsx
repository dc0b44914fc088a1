import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionIndexEntry } from '../../shared/platform';
import { TITLE_MAX, fitTitle } from '../../shared/schema/session';
import { duplicateSession, newSessionFrom } from '../docs/library';
import { todayIso } from '../format';
import { Dialog } from './Dialog';

type Kind = 'setup' | 'all';

interface Props {
  entry: SessionIndexEntry;
  onClose: () => void;
  /** Runs the copy; the library shows its row, or an error when it fails. */
  onCopy: (copy: () => Promise<unknown>) => void;
}

/**
 * "Dupliceren": either a new session from this one (same subgroups and questions, empty houses,
 * today's date or another) or a full copy with every note. The title starts as "Kopie van …",
 * cut to fit the 200-character cap.
 */
export function DuplicateDialog({ entry, onClose, onCopy }: Props) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<Kind>('setup');
  const [title, setTitle] = useState(() => fitTitle(entry.title, (inner) => t('library.copyOf', { title: inner })));
  const [dateFor, setDateFor] = useState<Record<Kind, string>>(() => ({ setup: todayIso(), all: entry.date }));
  const [invalid, setInvalid] = useState(false);
  const date = dateFor[kind];

  const submit = () => {
    if (!title.trim()) return setInvalid(true);
    onClose();
    onCopy(() => (kind === 'setup' ? newSessionFrom(entry.id, title, date) : duplicateSession(entry.id, title, date)));
  };

  return (
    <Dialog
      title={t('duplicate.title')}
      onClose={onClose}
      onSubmit={submit}
      actions={
        <>
          <button type="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="primary">
            {t('duplicate.confirm')}
          </button>
        </>
      }
    >
      <fieldset className="group-choice">
        <legend>{t('duplicate.what')}</legend>
        {(['setup', 'all'] as const).map((k) => (
          <label key={k} className="choice">
            <input type="radio" name="duplicate-kind" value={k} checked={kind === k} onChange={() => setKind(k)} />
            <span>
              {t(`duplicate.${k}`)}
              <span className="choice-hint">{t(`duplicate.${k}Hint`)}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <div className="field">
        <label htmlFor="duplicate-title">{t('session.title')}</label>
        <input
          id="duplicate-title"
          value={title}
          maxLength={TITLE_MAX}
          onChange={(e) => {
            setTitle(e.target.value);
            setInvalid(false);
          }}
          aria-invalid={invalid || undefined}
          aria-describedby={invalid ? 'duplicate-title-error' : undefined}
        />
        {invalid && (
          <span id="duplicate-title-error" className="field-error">
            {t('form.titleRequired')}
          </span>
        )}
      </div>
      <div className="field">
        <label htmlFor="duplicate-date">{t('session.date')}</label>
        <input
          id="duplicate-date"
          type="date"
          value={date}
          onChange={(e) => setDateFor((old) => ({ ...old, [kind]: e.target.value }))}
        />
      </div>
    </Dialog>
  );
}
