import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { CODE_PARAM, LIVE_PROTOCOL_VERSION, SYNC_PATH_PREFIX, VERSION_PARAM } from '../../../shared/live';

/**
 * A laptop on the host's relay from Node: the real y-websocket client (Node's ws standing in for
 * the browser's WebSocket), with the session's code and our protocol version, as the app connects.
 * For tests that need many boards filled, or a change made by a peer at a chosen moment, without a
 * browser per group.
 */
export interface RelayPeer {
  readonly doc: Y.Doc;
  /** Disconnects; what it wrote is on the host (stored before it is relayed). */
  close(): void;
}

/** Joins `docName` on the host at `url` with `code` and resolves once the first sync is done. */
export async function relayPeer(url: string, code: string, docName: string): Promise<RelayPeer> {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`${url.replace(/^http/, 'ws')}${SYNC_PATH_PREFIX.slice(0, -1)}`, docName, doc, {
    params: { [CODE_PARAM]: code, [VERSION_PARAM]: String(LIVE_PROTOCOL_VERSION) },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
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
    close() {
      provider.disconnect();
      provider.destroy();
      doc.destroy();
    },
  };
}
