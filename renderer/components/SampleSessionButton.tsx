import i18next from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { openSampleSession } from '../docs/sampleSession';
import { navigate } from '../hooks';

/**
 * "Voorbeeldsessie openen": opens the sample session (seed 000, three full houses), making it the
 * first time. `prominent` in the empty library, where a first-time user starts; a quiet link below
 * a library that has sessions. A failure is handed to `onError` in the user's words.
 */
export function SampleSessionButton({ prominent = false, onError }: { prominent?: boolean; onError: (message: string) => void }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const open = async () => {
    setBusy(true);
    try {
      // The sample is a Dutch morning: its agenda is Dutch too, whatever the UI language.
      const dutch = i18next.getFixedT('nl');
      const id = await openSampleSession((key) => dutch(key));
      navigate({ name: 'session', sessionId: id });
    } catch {
      onError(t('library.sampleFailed'));
      setBusy(false);
    }
  };
  return (
    <button type="button" className={prominent ? undefined : 'link-button'} disabled={busy} aria-busy={busy} onClick={() => void open()}>
      {busy ? t('library.sampleBusy') : t('library.sample')}
    </button>
  );
}
