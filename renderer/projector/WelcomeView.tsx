import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatJoinCode, onlyThisMachine } from '../../shared/live';
import { joinLink, useQrCode } from '../live/HostPanel';
import type { JoinInfo } from './useProjectorLink';

interface Props {
  title: string;
  intro: string;
  /** How to join; null while the session is not live. */
  join: JoinInfo | null;
  /** Under the code: who is at the table. */
  children?: ReactNode;
}

/**
 * The welcome on the projector: the session's title, and how to join in large type — the address,
 * the code and the QR code (the same link as the host panel's). A host that only this computer can
 * reach (`npm run serve` on loopback) gets no QR code that nobody could use.
 */
export function WelcomeView({ title, intro, join, children }: Props) {
  const { t } = useTranslation();
  const primary = join?.addresses[0];
  const loopbackOnly = join ? onlyThisMachine(join.addresses) : true;
  const link = join && primary && !loopbackOnly ? joinLink(primary.url, join.code) : null;
  const qr = useQrCode(link);
  return (
    <section className="welcome">
      <div className="welcome-text">
        <h1 className="welcome-title">{title}</h1>
        {intro && <p className="welcome-intro">{intro}</p>}
        {join && primary ? (
          <dl className="welcome-join">
            <dt>{t('projector.welcome.address')}</dt>
            <dd className="welcome-address">{primary.url.replace(/^https?:\/\//, '')}</dd>
            <dt>{t('projector.welcome.code')}</dt>
            <dd className="welcome-code" aria-label={t('live.codeAria', { code: join.code.split('').join(' ') })}>
              {formatJoinCode(join.code)}
            </dd>
          </dl>
        ) : (
          <p className="welcome-not-live">{t('projector.welcome.notLive')}</p>
        )}
        {children}
      </div>
      {qr && link && (
        <figure className="welcome-qr">
          <img src={qr} alt={t('live.qrAlt', { link })} />
          <figcaption>{t('projector.welcome.scan')}</figcaption>
        </figure>
      )}
    </section>
  );
}
