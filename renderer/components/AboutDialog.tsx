import { useTranslation } from 'react-i18next';
import { LIVE_PROTOCOL_VERSION } from '../../shared/live';
import { CloseOnlyDialog } from './Dialog';

/**
 * "Over Bouwplaats": the app's version (package.json, put in at build time), the live protocol it
 * speaks (a laptop with another one cannot join: say both when something does not work), and where
 * what a group writes is kept.
 */
export function AboutDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <CloseOnlyDialog title={t('about.title')} onClose={onClose}>
      <dl className="about">
        <dt>{t('about.version')}</dt>
        <dd data-testid="app-version">{__APP_VERSION__}</dd>
        <dt>{t('about.protocol')}</dt>
        <dd>{LIVE_PROTOCOL_VERSION}</dd>
      </dl>
      <p>{t('about.what')}</p>
      <p className="muted">{t('about.data')}</p>
    </CloseOnlyDialog>
  );
}
