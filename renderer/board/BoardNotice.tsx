import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { LostNote } from './useNoteEditing';

/** Something the board has to tell the person at this laptop about what others did. */
export type Notice =
  /** Someone else deleted the note this person was typing in. */
  | { kind: 'lost'; lost: LostNote }
  /** An undo or redo left (part of) a step alone because someone else changed it since. */
  | { kind: 'history'; action: 'undo' | 'redo'; outcome: 'partly' | 'kept' }
  /** A note added by key or button found no free place in its part: it lies partly over another. */
  | { kind: 'crowded'; zone: { readonly nl: string; readonly en: string } };

interface Props {
  notice: Notice;
  /** Puts the lost note's words back as a new note of this person's. */
  onRestore: (lost: LostNote) => void;
  onClose: () => void;
}

/** How long a message about undo or a full part stays up; the one about a deleted note stays until answered. */
const HISTORY_NOTICE_MS = 7000;

/**
 * A message over the top of the board, outside the board's keyboard area, so its buttons take
 * their own keys. A lost note's words are shown in full, so they can also be copied by hand.
 */
export function BoardNotice({ notice, onRestore, onClose }: Props) {
  const { t, i18n } = useTranslation();
  useEffect(() => {
    if (notice.kind === 'lost') return;
    const timer = setTimeout(onClose, HISTORY_NOTICE_MS);
    return () => clearTimeout(timer);
  }, [notice, onClose]);

  if (notice.kind !== 'lost') {
    const text =
      notice.kind === 'history'
        ? t(`board.history.${notice.action}.${notice.outcome}`)
        : t('board.crowded', { zone: notice.zone[i18n.language === 'en' ? 'en' : 'nl'] });
    return (
      <div className="board-notice" role="status">
        <p>{text}</p>
        <button type="button" className="ghost" onClick={onClose}>
          {t('common.close')}
        </button>
      </div>
    );
  }
  const words = notice.lost.text.trim();
  return (
    <div className="board-notice lost" role="alert">
      <p>
        <strong>{t('board.lost.title')}</strong>
      </p>
      {words ? (
        <>
          <p>{t('board.lost.kept')}</p>
          <blockquote className="lost-text">{notice.lost.text}</blockquote>
          <div className="notice-actions">
            <button type="button" className="primary" onClick={() => onRestore(notice.lost)}>
              {t('board.lost.restore')}
            </button>
            <button type="button" className="ghost" onClick={onClose}>
              {t('board.lost.discard')}
            </button>
          </div>
        </>
      ) : (
        <div className="notice-actions">
          <button type="button" className="ghost" onClick={onClose}>
            {t('common.close')}
          </button>
        </div>
      )}
    </div>
  );
}
