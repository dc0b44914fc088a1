import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { CODE_PARAM, JOIN_PATH, JoinAnswerSchema, LIVE_CONTROL_PATH, LIVE_PROTOCOL_VERSION, LiveStartedSchema, SYNC_PATH_PREFIX, TOKEN_PARAM, VERSION_PARAM } from '../../../shared/live';
import { peerParams, roleForDoc, type PeerRole } from './peerParams';

/**
 * A laptop on the host's relay from Node: the real y-websocket client (Node's ws standing in for
 * the browser's WebSocket), with the session's code and our protocol version, as the app connects.
 * For tests that need many boards filled, or a change made by a peer at a chosen moment, without a
 * browser per group.
 */
export interface RelayPeer {
  readonly doc: Y.Doc;
  /** Whether its socket is open and synced with the host now (false while the host is down). */
  synced(): boolean;
  /** Disconnects; what it wrote is on the host (stored before it is relayed). */
  close(): void;
}

/**
 * The facilitator's token of the session live on the host at `url` (this machine only): what the
 * facilitator's app gets when it starts hosting, asked again as the app's host panel does.
 */
export async function facilitatorToken(url: string, sessionId: string, title: string): Promise<string> {
  const response = await fetch(new URL(LIVE_CONTROL_PATH, url), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ action: 'start', sessionId, title }),
  });
  if (!response.ok) throw new Error(`start hosting: ${response.status}`);
  return LiveStartedSchema.parse(await response.json()).token;
}

/** A participant's token for `groupId`, as the join screen gets it (POST /api/join). */
export async function participantToken(url: string, code: string, groupId: string): Promise<string> {
  const address = new URL(JOIN_PATH, url);
  address.search = new URLSearchParams({ [CODE_PARAM]: code, [VERSION_PARAM]: String(LIVE_PROTOCOL_VERSION) }).toString();
  const response = await fetch(address, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ groupId }) });
  if (!response.ok) throw new Error(`join ${groupId}: ${response.status}`);
  return JoinAnswerSchema.parse(await response.json()).token;
}

/** The params a laptop's relay socket carries: code, protocol version and token. */
export function relayParams(code: string, token: string): Record<string, string> {
  return { [CODE_PARAM]: code, [VERSION_PARAM]: String(LIVE_PROTOCOL_VERSION), [TOKEN_PARAM]: token };
}

/**
 * A y-websocket client on `docName` at the host at `url`, connecting at once and reconnecting by
 * itself (every 2 s at most, as the app's relay does); `as` is who it is to the host (peerParams),
 * by default the board's group or the facilitator.
 */
export async function relayProvider(url: string, code: string, docName: string, doc: Y.Doc, as: PeerRole = roleForDoc(docName)): Promise<WebsocketProvider> {
  return new WebsocketProvider(`${url.replace(/^http/, 'ws')}${SYNC_PATH_PREFIX.slice(0, -1)}`, docName, doc, {
    params: await peerParams(url, code, as),
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    maxBackoffTime: 2000,
  });
}

/** Joins `docName` on the host at `url` with `code` and resolves once the first sync is done. */
export async function relayPeer(url: string, code: string, docName: string, as?: PeerRole): Promise<RelayPeer> {
  const doc = new Y.Doc();
  const provider = await relayProvider(url, code, docName, doc, as);
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${docName}: no sync with the host in 20 s`)), 20_000);
    const onSync = (synced: boolean) => {
      if (!synced) return;
      clearTimeout(timer);
      provider.off('sync', onSync);
      resolve();
    };
    provider.on('sync', onSync);
  });
  return {
    doc,
    synced: () => provider.wsconnected && provider.synced,
    close() {
      provider.disconnect();
      provider.destroy();
      doc.destroy();
    },
  };
}
