import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionIndexEntry } from '../../shared/platform';
import { DeleteSessionDialog } from '../components/DeleteSessionDialog';
import { Dialog } from '../components/Dialog';
import { DuplicateDialog } from '../components/DuplicateDialog';
import { SampleSessionButton } from '../components/SampleSessionButton';
import { loadLibrary, onLibraryChange, renameSession } from '../docs/library';
import { HostCopyKept, SessionIsLive } from '../docs/sessionDocs';
import { recountLibrary, sessionDocs } from '../docs/sessions';
import { formatDate } from '../format';
import { navigate, routeHref } from '../hooks';
import { isParticipantBrowser } from '../platform/device';

type Pending = { kind: 'rename' | 'delete' | 'duplicate'; entry: SessionIndexEntry } | null;

export function LibraryScreen() {
  const { t } = useTranslation();
  const [entries, setEntries] = useState<SessionIndexEntry[] | null>(null);
  const [pending, setPending] = useState<Pending>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let alive = true;
    void loadLibrary().then((list) => {
      if (!alive) return;
      setEntries(list);
      void recountLibrary(list);
    });
    const off = onLibraryChange((list) => setEntries(list));
    return () => {
      alive = false;
      off();
    };
  }, []);

  /** Runs an action; a failure shows `explain`'s words for it, or that nothing was lost. */
  const act = (fn: () => Promise<unknown>, explain: (error: unknown) => string | null = () => null) => {
    setError(null);
    fn().catch((error: unknown) => setError(explain(error) ?? t('library.actionFailed')));
  };

  if (entries === null) return <main className="page" aria-busy="true" />;

  return (
    <main className="page library">
      <div className="page-title">
        <h1>{t('library.title')}</h1>
        <div className="title-actions">
          <button type="button" className={isParticipantBrowser() ? 'primary' : undefined} onClick={() => navigate({ name: 'join' })}>
            {t('library.join')}
          </button>
          {/* A participant's browser joins sessions; making them is the facilitator's (see device.ts). */}
          {!isParticipantBrowser() && (
            <button type="button" className="primary" onClick={() => navigate({ name: 'new' })}>
              {t('library.new')}
            </button>
          )}
        </div>
      </div>
      {error && (
        <p role="alert" className="banner error">
          {error}
        </p>
      )}
      {entries.length === 0 ? (
        <section className="empty">
          <p className="empty-title">{t('library.emptyTitle')}</p>
          <p>{isParticipantBrowser() ? t('library.emptyTextParticipant') : t('library.emptyText')}</p>
          {!isParticipantBrowser() && (
            <>
              <p>{t('library.sampleText')}</p>
              <SampleSessionButton prominent onError={setError} />
            </>
          )}
        </section>
      ) : (
        <ul className="session-list" aria-label={t('library.title')}>
          {entries.map((entry) => (
            <li key={entry.id} className="session-row">
              <a className="session-main" href={routeHref({ name: 'session', sessionId: entry.id })}>
                <span className="session-title">
                  {entry.title}
                  {entry.joined && <span className="tag">{t('library.joinedTag')}</span>}
                  {entry.sample && <span className="tag">{t('library.sampleTag')}</span>}
                </span>
                <span className="session-details">
                  {[entry.date && formatDate(entry.date), entry.place].filter(Boolean).join(' · ')}
                </span>
              </a>
              <span className="session-count">{t('library.noteCount', { count: entry.noteCount })}</span>
              <div className="row-actions">
                {/* A joined session is the facilitator's: its name is theirs, and this device holds only one house. */}
                {!entry.joined && (
                  <>
                    <button type="button" onClick={() => setPending({ kind: 'rename', entry })}>
                      {t('library.rename')}
                    </button>
                    <button type="button" onClick={() => setPending({ kind: 'duplicate', entry })}>
                      {t('library.duplicate')}
                    </button>
                  </>
                )}
                <button type="button" className="danger" onClick={() => setPending({ kind: 'delete', entry })}>
                  {t('library.delete')}
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
      {entries.length > 0 && !isParticipantBrowser() && (
        <p className="library-sample">
          <SampleSessionButton onError={setError} />
        </p>
      )}
      {pending?.kind === 'rename' && (
        <RenameDialog
          entry={pending.entry}
          onClose={() => setPending(null)}
          onRename={(title) => {
            setPending(null);
            act(() => renameSession(pending.entry.id, title));
          }}
        />
      )}
      {pending?.kind === 'duplicate' && <DuplicateDialog entry={pending.entry} onClose={() => setPending(null)} onCopy={act} />}
      {pending?.kind === 'delete' && (
        <DeleteSessionDialog
          entry={pending.entry}
          onClose={() => setPending(null)}
          onDelete={() => {
            const { entry } = pending;
            setPending(null);
            act(() => sessionDocs(entry.id).delete(), (error) => {
              if (error instanceof SessionIsLive) return t('library.deleteRefusedLive', { title: entry.title });
              if (error instanceof HostCopyKept) return t('library.deleteHostFailed', { title: entry.title });
              return null;
            });
          }}
        />
      )}
    </main>
  );
}

function RenameDialog({
  entry,
  onClose,
  onRename,
}: {
  entry: SessionIndexEntry;
  onClose: () => void;
  onRename: (title: string) => void;
}) {
  const { t } = useTranslation();
  const [title, setTitle] = useState(entry.title);
  const [invalid, setInvalid] = useState(false);
  return (
    <Dialog
      title={t('library.renameTitle')}
      onClose={onClose}
      onSubmit={() => (title.trim() ? onRename(title) : setInvalid(true))}
      actions={
        <>
          <button type="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="primary">
            {t('common.save')}
          </button>
        </>
      }
    >
      <label className="field">
        <span>{t('session.title')}</span>
        <input autoFocus value={title} maxLength={200} onChange={(e) => setTitle(e.target.value)} aria-invalid={invalid} />
      </label>
      {invalid && <p className="field-error">{t('form.titleRequired')}</p>}
    </Dialog>
  );
}
