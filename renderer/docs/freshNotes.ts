import { newId } from '../../shared/ids';
import { deleteNote, notesMap } from '../../shared/schema/note';
import type { StoredDoc } from './openDoc';

/**
 * Notes this device has just created and not yet finished: a note made with 1/2/3, a double-click
 * or the toolbar opens empty, and if the page goes before anything is typed (a reload, a closed
 * tab, the browser's Back, the app closing, a crash) it must not stay behind as an empty note on
 * everyone's board (issue 7, item 21). The board removes it when the editor closes and when the
 * page is hidden for good; what is noted here catches every other way out: the next time this
 * device opens the board, a note that is still marked and still empty is removed.
 *
 * The marks live in the doc's own database (StoredDoc.setLocal), written in the same IndexedDB
 * transaction as the note itself, so a crash cannot keep the note and lose the mark.
 */

/** One local note per fresh note: `fresh:<note id>` → Mark, so two tabs never overwrite each other's. */
const PREFIX = 'fresh:';
/** Marks older than this are dropped whatever their page does (a page left open for days). */
const FORGET_AFTER_MS = 7 * 24 * 3600_000;
/** How long other pages get to say they are still alive. */
const ANSWER_MS = 250;
const CHANNEL = 'bouwplaats-pages';
const CLEANUP_ORIGIN = Symbol('bouwplaats.abandoned-note');

interface Mark {
  /** The page (one load of the app) that created the note. */
  page: string;
  at: number;
}

function isMark(value: unknown): value is Mark {
  const mark = value as Mark | null;
  return typeof mark?.page === 'string' && typeof mark.at === 'number';
}

/** This page load. A reload is a new page: the old one is gone and no longer answers. */
const PAGE_ID = newId();

type PageMessage = { type: 'who'; from: string } | { type: 'here'; page: string; to: string };

let channel: BroadcastChannel | null | undefined;

/** The channel on which pages say they are alive; this page answers on it from first use. */
function pagesChannel(): BroadcastChannel | null {
  if (channel !== undefined) return channel;
  if (typeof BroadcastChannel !== 'function') return (channel = null);
  const ch = new BroadcastChannel(CHANNEL);
  ch.onmessage = (event: MessageEvent<PageMessage>) => {
    if (event.data?.type === 'who') ch.postMessage({ type: 'here', page: PAGE_ID, to: event.data.from } satisfies PageMessage);
  };
  return (channel = ch);
}

/** The other pages (of this browser profile) that answer within ANSWER_MS; null when pages cannot be asked. */
function otherLivePages(): Promise<Set<string> | null> {
  if (!pagesChannel()) return Promise.resolve(null);
  // A second channel object: a page's own channel does not hear its own messages.
  const ask = new BroadcastChannel(CHANNEL);
  const from = newId();
  const alive = new Set<string>();
  ask.onmessage = (event: MessageEvent<PageMessage>) => {
    if (event.data?.type === 'here' && event.data.to === from && event.data.page !== PAGE_ID) alive.add(event.data.page);
  };
  ask.postMessage({ type: 'who', from } satisfies PageMessage);
  return new Promise((resolve) =>
    setTimeout(() => {
      ask.close();
      resolve(alive);
    }, ANSWER_MS),
  );
}

/** Notes that a note was just created on this page and is not finished yet. */
export function markFresh(stored: StoredDoc, id: string): void {
  pagesChannel();
  stored.setLocal(PREFIX + id, { page: PAGE_ID, at: Date.now() } satisfies Mark);
}

/** The note is finished (written in, or removed): it is no longer this device's to clean up. */
export function forgetFresh(stored: StoredDoc, id: string): void {
  if (stored.getLocal(PREFIX + id) !== undefined) stored.setLocal(PREFIX + id, undefined);
}

/** Whether the note is there and holds no words (spaces do not count). */
export function isEmptyNote(stored: StoredDoc, id: string): boolean {
  const text = notesMap(stored.doc).get(id)?.get('text');
  return text !== undefined && String(text).trim() === '';
}

/**
 * Removes the note if it is still empty; for when this page goes (see BoardScreen). Not in a
 * read-only doc (a newer app wrote it): this app writes nothing there.
 */
export function removeIfEmpty(stored: StoredDoc, id: string): void {
  if (!stored.access().readOnly && isEmptyNote(stored, id)) deleteNote(stored.doc, id, CLEANUP_ORIGIN);
}

/**
 * When a doc's abandoned notes may be judged empty. A doc this device shares live is not only
 * here: the words typed into a note just before a crash may have reached the other laptops and the
 * host (sent at once) but not this device's IndexedDB (written a few milliseconds later). Judged
 * from this copy alone, such a note looks empty, and removing it would remove those words on every
 * laptop (fault drill 4 lost notes that way). So for a shared doc the cleanup waits until what
 * the others hold is merged in. The live layer says which docs are shared and when they are
 * merged (liveRoom.ts sets this); until then nothing is shared.
 */
export interface AbandonedNoteGate {
  /** Whether other devices may hold this doc too (its session is live on this device). */
  shared(docName: string): Promise<boolean>;
  /**
   * Resolves true once this doc is synced with the host or a laptop (and a moment more, for the
   * other of the two); false when that will not happen before `stillOpen` turns false.
   */
  merged(docName: string, stillOpen: () => boolean): Promise<boolean>;
}

let gate: AbandonedNoteGate = { shared: () => Promise.resolve(false), merged: () => Promise.resolve(true) };

/** Installs the live layer's answer to "is this doc shared, and merged yet?" (see AbandonedNoteGate). */
export function setAbandonedNoteGate(next: AbandonedNoteGate): void {
  gate = next;
}

/**
 * Removes this device's abandoned notes in a doc just opened (see removeAbandonedNotes): before
 * anyone sees the doc when only this device holds it; for a shared doc, not before it is merged
 * with the others (AbandonedNoteGate), in the background (the screens show the doc meanwhile).
 * `stillOpen`: false once the doc is closed again; nothing is written into it then.
 */
export async function cleanUpAbandonedNotes(stored: StoredDoc, stillOpen: () => boolean): Promise<void> {
  if (stored.localKeys(PREFIX).length === 0) return;
  if (!(await gate.shared(stored.name).catch(() => false))) {
    await removeAbandonedNotes(stored);
    return;
  }
  void gate.merged(stored.name, stillOpen).then(
    (merged) => (merged && stillOpen() ? removeAbandonedNotes(stored) : undefined),
    () => {},
  );
}

/**
 * Removes the notes marked by a page that is gone (this one's earlier load included) and still
 * empty, and forgets those marks. Marks of a page that is still open — another tab on the same
 * board — stay: that page may be about to type in it. A shared doc only once merged (see
 * cleanUpAbandonedNotes).
 */
export async function removeAbandonedNotes(stored: StoredDoc): Promise<void> {
  const keys = stored.localKeys(PREFIX);
  if (keys.length === 0 || stored.access().readOnly) return;
  const alive = await otherLivePages();
  const now = Date.now();
  for (const key of keys) {
    const mark = stored.getLocal(key);
    if (!isMark(mark)) continue;
    // A page that cannot be asked (no BroadcastChannel) is taken for gone: one tab is the rule.
    if (alive?.has(mark.page) && now - mark.at < FORGET_AFTER_MS) continue;
    removeIfEmpty(stored, key.slice(PREFIX.length));
    stored.setLocal(key, undefined);
  }
}
