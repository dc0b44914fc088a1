import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionIndexEntry } from '../../shared/platform';
import { routeHref } from '../hooks';
import { liveRoomFor } from '../live/liveRoom';
import { loadMembership } from '../live/membership';
import { Dialog } from './Dialog';

interface Props {
  entry: SessionIndexEntry;
  onClose: () => void;
  onDelete: () => void;
}

/**
 * "Verwijderen" in the library: asks first, and says what goes (every house and its notes; for a
 * joined session only this device's copy). A session live on this computer cannot be deleted: the
 * dialog says so and leads to its page, where it can be stopped.
 */
export function DeleteSessionDialog({ entry, onClose, onDelete }: Props) {
  const { t } = useTranslation();
  // Undefined while the membership is read (a moment): the dialog opens once it is known.
  const [liveHere, setLiveHere] = useState<boolean>();
  useEffect(() => {
    let alive = true;
    void loadMembership(entry.id).then(
      (m) => alive && setLiveHere(!entry.joined && m?.role === 'facilitator'),
      () => alive && setLiveHere(false),
    );
    return () => {
      alive = false;
    };
  }, [entry]);

  if (liveHere === undefined) return null;
  if (liveHere) {
    return (
      <Dialog
        title={t('library.deleteLiveTitle')}
        onClose={onClose}
        actions={
          <>
            <button type="button" onClick={onClose}>
              {t('common.close')}
            </button>
            <a className="button-link primary" href={routeHref({ name: 'session', sessionId: entry.id })} onClick={onClose}>
              {t('library.toSession')}
            </a>
          </>
        }
      >
        <p>{t('library.deleteLiveText', { title: entry.title })}</p>
      </Dialog>
    );
  }
  return (
    <Dialog
      title={entry.joined ? t('library.deleteJoinedTitle') : t('library.deleteTitle')}
      onClose={onClose}
      onSubmit={onDelete}
      actions={
        <>
          <button type="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="danger-solid">
            {entry.joined ? t('library.deleteJoinedConfirm') : t('library.deleteConfirm')}
          </button>
        </>
      }
    >
      <p>
        {entry.joined
          ? // Only a laptop synced with the host right now may promise that the group's work is safe.
            t(liveRoomFor(entry.id)?.getSnapshot().status === 'live' ? 'library.deleteJoinedText' : 'library.deleteJoinedUnsynced', {
              title: entry.title,
            })
          : t('library.deleteText', { title: entry.title, count: entry.noteCount })}
      </p>
    </Dialog>
  );
}
