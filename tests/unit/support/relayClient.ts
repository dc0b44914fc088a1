import * as encoding from 'lib0/encoding';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { CODE_PARAM, LIVE_PROTOCOL_VERSION, SYNC_PATH_PREFIX, TOKEN_PARAM, VERSION_PARAM } from '../../../shared/live';
import type { LiveHarness } from './liveHost';

/**
 * A laptop on the host's relay as browsers are: the real y-websocket client (Node's ws standing in
 * for the browser's WebSocket), for tests that drive the relay.
 */

/**
 * Connects `doc` to `docName` on the harness's relay, with `token` (default: the facilitator's,
 * who may do everything); the caller destroys the provider.
 */
export function connectRelay(harness: LiveHarness, docName: string, doc = new Y.Doc(), token: string | null = harness.session.token): WebsocketProvider {
  return new WebsocketProvider(`ws://127.0.0.1:${harness.host.port}${SYNC_PATH_PREFIX.slice(0, -1)}`, docName, doc, {
    params: { [CODE_PARAM]: harness.session.code, [VERSION_PARAM]: String(LIVE_PROTOCOL_VERSION), ...(token === null ? {} : { [TOKEN_PARAM]: token }) },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
}

/** Resolves once the provider has finished its sync handshake with the host. */
export function synced(provider: WebsocketProvider): Promise<void> {
  if (provider.synced) return Promise.resolve();
  return new Promise((resolve) => {
    const onSync = (state: boolean) => {
      if (!state) return;
      provider.off('sync', onSync);
      resolve();
    };
    provider.on('sync', onSync);
  });
}

/** Resolves once `test(doc)` holds, checking after every update. */
export function until(doc: Y.Doc, test: (doc: Y.Doc) => boolean): Promise<void> {
  if (test(doc)) return Promise.resolve();
  return new Promise((resolve) => {
    const check = () => {
      if (!test(doc)) return;
      doc.off('update', check);
      resolve();
    };
    doc.on('update', check);
  });
}

/** A raw binary frame of the y-websocket protocol: the message type, then its fields. */
export function relayFrame(...parts: (number | Uint8Array)[]): Uint8Array {
  const encoder = encoding.createEncoder();
  for (const part of parts) {
    if (typeof part === 'number') encoding.writeVarUint(encoder, part);
    else encoding.writeVarUint8Array(encoder, part);
  }
  return encoding.toUint8Array(encoder);
}
