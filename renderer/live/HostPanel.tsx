import QRCode from 'qrcode';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatJoinCode } from '../../shared/live';
import type { LiveStatus } from './liveRoom';

interface Props {
  code: string;
  addresses: readonly string[];
  status: LiveStatus | null;
  onStop: () => void;
}

/** The join link a QR code carries: the host's address with the join screen and the code. */
export function joinLink(address: string, code: string): string {
  return `${address.replace(/\/$/, '')}/#/deelnemen/${code}`;
}

/** What the facilitator puts on the projector: where to go and which code to type. */
export function HostPanel({ code, addresses, status, onStop }: Props) {
  const { t } = useTranslation();
  const primary = addresses[0];
  const [qr, setQr] = useState<string | null>(null);
  useEffect(() => {
    if (!primary) return;
    let alive = true;
    void QRCode.toString(joinLink(primary, code), { type: 'svg', margin: 1, errorCorrectionLevel: 'M' }).then((svg) => {
      if (alive) setQr(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`);
    });
    return () => {
      alive = false;
    };
  }, [primary, code]);
  return (
    <section className="host-panel" aria-label={t('live.hostPanel')}>
      <div className="host-text">
        <h2>{t('live.isLive')}</h2>
        <p>{t('live.howToJoin')}</p>
        <dl>
          <dt>{t('live.address')}</dt>
          <dd>
            <ul className="addresses">
              {addresses.map((a) => (
                <li key={a}>
                  <code>{a}</code>
                </li>
              ))}
            </ul>
          </dd>
          <dt>{t('live.code')}</dt>
          <dd className="join-code" aria-label={t('live.codeAria', { code: code.split('').join(' ') })}>
            {formatJoinCode(code)}
          </dd>
        </dl>
        <p className="host-status">
          <span className={`live-status ${status ?? 'connecting'}`} role="status">
            {t(`live.status.${status ?? 'connecting'}`)}
          </span>
        </p>
        <button type="button" className="danger" onClick={onStop}>
          {t('live.stop')}
        </button>
      </div>
      {qr && <img className="qr" src={qr} alt={t('live.qrAlt', { link: primary ? joinLink(primary, code) : '' })} />}
    </section>
  );
}
