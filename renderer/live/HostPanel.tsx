import QRCode from 'qrcode';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatJoinCode, onlyThisMachine, type JoinAddress } from '../../shared/live';
import type { LiveStatus } from './liveRoom';

interface Props {
  code: string;
  /** The likeliest first (the host ranks them), as they are now. */
  addresses: readonly JoinAddress[];
  /** The first address when hosting started (on the projector since): warn when it changed. */
  shownFirst: string | null;
  /** Devices connected now, this one included; null before the host said. */
  connected: number | null;
  /** The host's disk refuses writes: what the groups write is held back (kept on their laptops). */
  storageFailing: boolean;
  /** A doc, or the whole session, holds all the host keeps for it (issue 10, item 2). */
  storageFull: boolean;
  status: LiveStatus | null;
  /** Whether the page runs in a plain browser (then the host is `npm run serve`). */
  inBrowser: boolean;
  busy: boolean;
  onStop: () => void;
  onNewCode: () => void;
  /** Asks the host to host again (same code) and to list its addresses anew. */
  onRehost: () => void;
  /** The panel just replaced "Sessie live zetten", which had the keyboard: its headline takes it. */
  takeKeyboard?: boolean;
}

/** The join link a QR code carries: the host's address with the join screen and the code. */
export function joinLink(address: string, code: string): string {
  return `${address.replace(/\/$/, '')}/#/deelnemen/${code}`;
}

/** What the facilitator's panel says in large type: the truth about the host, never just "live". */
function headline(status: LiveStatus | null, loopbackOnly: boolean): { key: string; tone: 'ok' | 'wait' | 'bad' } {
  switch (status) {
    // A full doc: the host is live; storageFull is told below the headline.
    case 'doc-full':
    case 'live':
      return loopbackOnly ? { key: 'live.panel.loopbackOnly', tone: 'bad' } : { key: 'live.panel.live', tone: 'ok' };
    case null:
    case 'connecting':
      return { key: 'live.panel.connecting', tone: 'wait' };
    case 'stopped':
      return { key: 'live.panel.stopped', tone: 'bad' };
    case 'code-invalid':
      return { key: 'live.panel.codeInvalid', tone: 'bad' };
    case 'other-version':
      return { key: 'live.panel.otherVersion', tone: 'bad' };
    case 'host-too-old':
      return { key: 'live.panel.hostTooOld', tone: 'bad' };
    default:
      return { key: 'live.panel.hostDown', tone: 'bad' };
  }
}

/** The QR code (an SVG data URL) of `link`, made on this machine; null while it is being made. */
export function useQrCode(link: string | null): string | null {
  const [qr, setQr] = useState<{ link: string; src: string } | null>(null);
  useEffect(() => {
    if (!link) return;
    let alive = true;
    void QRCode.toString(link, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' }).then((svg) => {
      if (alive) setQr({ link, src: `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}` });
    });
    return () => {
      alive = false;
    };
  }, [link]);
  return qr && qr.link === link ? qr.src : null;
}

/** What the facilitator puts on the projector: where to go and which code to type. */
export function HostPanel({ code, addresses, shownFirst, connected, storageFailing, storageFull, status, inBrowser, busy, onStop, onNewCode, onRehost, takeKeyboard = false }: Props) {
  const { t } = useTranslation();
  const headlineRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (takeKeyboard) headlineRef.current?.focus();
  }, [takeKeyboard]);
  const primary = addresses[0];
  const loopbackOnly = onlyThisMachine(addresses);
  const link = primary && !loopbackOnly ? joinLink(primary.url, code) : null;
  const qr = useQrCode(link);
  const head = headline(status, loopbackOnly);
  // A full doc is not a problem of the host's: the storageFull banner tells it.
  const hostProblem = head.tone === 'bad' && status !== 'live' && status !== 'doc-full';
  const moved = !loopbackOnly && shownFirst !== null && primary !== undefined && primary.url !== shownFirst;
  const unlikely = primary && !loopbackOnly && primary.kind !== 'wifi' && primary.kind !== 'wired';
  return (
    <section className={`host-panel tone-${head.tone}`} aria-label={t('live.hostPanel')}>
      <div className="host-text">
        <div role="status">
          <h2 className="host-headline" ref={headlineRef} tabIndex={-1}>
            {t(head.key)}
          </h2>
        </div>
        {hostProblem && (
          <div className="banner error host-problem">
            <p>{t(`${head.key}Help`, { code: formatJoinCode(code) })}</p>
            <button type="button" className="primary" onClick={onRehost} disabled={busy}>
              {t('live.rehost')}
            </button>
          </div>
        )}
        {loopbackOnly && (
          <div role="alert" className="banner warning loopback-warning">
            <p>
              <strong>{t('live.loopback.title')}</strong>
            </p>
            <p>{t(inBrowser ? 'live.loopback.browser' : 'live.loopback.app')}</p>
          </div>
        )}
        {moved && (
          <p role="alert" className="banner warning">
            {t('live.addressChanged', { url: primary.url })}
          </p>
        )}
        {storageFailing && status === 'live' && (
          <p role="alert" className="banner error">
            {t('live.storageFailing')}
          </p>
        )}
        {storageFull && (status === 'live' || status === 'doc-full') && (
          <p role="alert" className="banner error">
            {t('live.storageFull')}
          </p>
        )}
        {unlikely && (
          <p role="alert" className="banner warning">
            {t('live.unlikelyNetwork', { name: primary.interfaceName || t(`live.kind.${primary.kind}`) })}
          </p>
        )}
        <p>{t('live.howToJoin')}</p>
        <dl>
          <dt>{t('live.address')}</dt>
          <dd>
            <ul className="addresses">
              {addresses.map((a, i) => (
                <li key={a.url} className={i === 0 ? 'primary-address' : undefined}>
                  <code>{a.url}</code>{' '}
                  <span className="muted">
                    {[a.interfaceName, t(`live.kind.${a.kind}`)].filter(Boolean).join(' · ')}
                    {i === 0 && addresses.length > 1 && (a.kind === 'wifi' || a.kind === 'wired') ? ` · ${t('live.recommended')}` : ''}
                  </span>
                </li>
              ))}
            </ul>
            <button type="button" className="link-button" onClick={onRehost} disabled={busy}>
              {t('live.refreshAddresses')}
            </button>
          </dd>
          <dt>{t('live.code')}</dt>
          <dd className="join-code" aria-label={t('live.codeAria', { code: code.split('').join(' ') })}>
            {formatJoinCode(code)}
          </dd>
        </dl>
        {connected !== null && status === 'live' && <p className="muted connected-count">{t('live.connected', { count: connected })}</p>}
        {!loopbackOnly && <p className="cleartext-note">{t('live.cleartext')}</p>}
        <div className="host-actions">
          <button type="button" onClick={onNewCode} disabled={busy}>
            {t('live.newCode')}
          </button>
          <button type="button" className="danger" onClick={onStop} disabled={busy}>
            {t('live.stop')}
          </button>
        </div>
      </div>
      {qr && link && <img className="qr" src={qr} alt={t('live.qrAlt', { link })} />}
    </section>
  );
}
