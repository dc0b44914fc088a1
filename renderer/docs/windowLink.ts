import * as Y from 'yjs';
import { watchOpenDocs, type StoredDoc } from './openDoc';

/**
 * Keeps a doc the same in every window of this app on this computer, live: the facilitator's
 * window and the projector window (Electron's second window, or the browser's window.open), or two
 * tabs of one board. Without it each window would see the other's changes only after a reload
 * (they share IndexedDB, not memory), and a projector would follow the facilitator only through
 * the LAN host, and not at all when the session is not live.
 *
 * One BroadcastChannel per doc name (browsers deliver it only to pages of the same origin and
 * profile; Electron's windows share one). The Yjs sync handshake in its simplest form: a window
 * that opens the doc says its state vector ('hello'); each other window answers with what that
 * window lacks and its own state vector ('state'), which is answered in kind; after that every
 * change is sent as it happens, except what came in over this channel (no echo). Changes from the
 * network are passed on too: a window without a live connection (the projector) gets them from the
 * one that has it, and its own changes (the projector's number keys) leave through that window.
 * A change that arrives twice (over this channel and over the network) is harmless in Yjs.
 */

const CHANNEL_PREFIX = 'bouwplaats-doc:';

type LinkMessage =
  | { readonly type: 'hello'; readonly state: Uint8Array }
  | { readonly type: 'state'; readonly state: Uint8Array }
  | { readonly type: 'update'; readonly update: Uint8Array };

function isLinkMessage(data: unknown): data is LinkMessage {
  const m = data as { type?: unknown; state?: unknown; update?: unknown } | null;
  if (!m || typeof m !== 'object') return false;
  if (m.type === 'update') return m.update instanceof Uint8Array;
  return (m.type === 'hello' || m.type === 'state') && m.state instanceof Uint8Array;
}

/**
 * Links `doc` to the docs of the same `name` in this app's other windows until the returned
 * function is called. Never throws into Yjs: a message that cannot be read or applied is dropped
 * (the next handshake, when either window opens the doc again, catches up).
 */
export function linkWindows(name: string, doc: Y.Doc): () => void {
  if (typeof BroadcastChannel !== 'function') return () => {};
  const channel = new BroadcastChannel(CHANNEL_PREFIX + name);
  /** The origin of changes that came over this link (so they are not sent back). */
  const origin = channel;
  // Nothing is posted for a change before another window has said it is there: one window (the
  // rule) costs nothing per keystroke.
  let others = false;
  const post = (message: LinkMessage) => {
    try {
      channel.postMessage(message);
    } catch {
      // The channel is closing (the page goes); nothing to do.
    }
  };
  const answer = (state: Uint8Array) => {
    const missing = Y.encodeStateAsUpdate(doc, state);
    // An update with nothing in it is two bytes (no structs, an empty delete set).
    if (missing.length > 2) post({ type: 'update', update: missing });
  };
  channel.onmessage = (event: MessageEvent<unknown>) => {
    const message = event.data;
    if (!isLinkMessage(message)) return;
    others = true;
    try {
      if (message.type === 'update') Y.applyUpdate(doc, message.update, origin);
      else {
        answer(message.state);
        if (message.type === 'hello') post({ type: 'state', state: Y.encodeStateVector(doc) });
      }
    } catch {
      // A damaged message; the next handshake catches up.
    }
  };
  const onUpdate = (update: Uint8Array, from: unknown) => {
    if (others && from !== origin) post({ type: 'update', update });
  };
  doc.on('update', onUpdate);
  post({ type: 'hello', state: Y.encodeStateVector(doc) });
  return () => {
    doc.off('update', onUpdate);
    channel.onmessage = null;
    channel.close();
  };
}

/** Links every doc this page opens, from now on, for as long as it is open (see linkWindows). */
export function linkOpenDocsAcrossWindows(): () => void {
  return watchOpenDocs((stored: StoredDoc) => linkWindows(stored.name, stored.doc));
}
