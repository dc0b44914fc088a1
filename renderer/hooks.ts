import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import type * as Y from 'yjs';
import { ID_PATTERN } from '../shared/ids';
import { WRITABLE } from '../shared/schema/docVersion';
import { acquireDoc, type DocAccess, type SaveState, type StoredDoc } from './docs/openDoc';

export type Route =
  | { name: 'library' }
  | { name: 'new' }
  | { name: 'join'; code?: string }
  | { name: 'session'; sessionId: string }
  | { name: 'edit'; sessionId: string }
  | { name: 'board'; sessionId: string; groupId: string }
  /** Every group's house of a session, read-only, side by side. */
  | { name: 'houses'; sessionId: string }
  /**
   * The projector's full screen. `code`: the session's join code, when the projector is another
   * computer than the facilitator's (it then joins the live session to follow it), with `token`,
   * the projector's token (reads every doc, writes nothing).
   */
  | { name: 'projector'; sessionId: string; code?: string; token?: string };

/** A route's place in the URL; a session or group id that is not an id leads to the library. */
export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  if (parts[0] === 'nieuw') return { name: 'new' };
  if (parts[0] === 'deelnemen') return parts[1] ? { name: 'join', code: parts[1] } : { name: 'join' };
  if (parts[0] === 'projector' && parts[1] && ID_PATTERN.test(parts[1])) {
    if (!parts[2]) return { name: 'projector', sessionId: parts[1] };
    return parts[3] ? { name: 'projector', sessionId: parts[1], code: parts[2], token: parts[3] } : { name: 'projector', sessionId: parts[1], code: parts[2] };
  }
  if (parts[0] === 'sessie' && parts[1] && ID_PATTERN.test(parts[1])) {
    if (parts[2] === 'groep' && parts[3]) return ID_PATTERN.test(parts[3]) ? { name: 'board', sessionId: parts[1], groupId: parts[3] } : { name: 'library' };
    if (parts[2] === 'bewerken') return { name: 'edit', sessionId: parts[1] };
    if (parts[2] === 'huizen') return { name: 'houses', sessionId: parts[1] };
    return { name: 'session', sessionId: parts[1] };
  }
  return { name: 'library' };
}

export function routeHref(route: Route): string {
  switch (route.name) {
    case 'library':
      return '#/';
    case 'new':
      return '#/nieuw';
    case 'join':
      return route.code ? `#/deelnemen/${encodeURIComponent(route.code)}` : '#/deelnemen';
    case 'session':
      return `#/sessie/${encodeURIComponent(route.sessionId)}`;
    case 'edit':
      return `#/sessie/${encodeURIComponent(route.sessionId)}/bewerken`;
    case 'board':
      return `#/sessie/${encodeURIComponent(route.sessionId)}/groep/${encodeURIComponent(route.groupId)}`;
    case 'houses':
      return `#/sessie/${encodeURIComponent(route.sessionId)}/huizen`;
    case 'projector':
      return `#/projector/${encodeURIComponent(route.sessionId)}${route.code ? `/${encodeURIComponent(route.code)}${route.token ? `/${encodeURIComponent(route.token)}` : ''}` : ''}`;
  }
}

/**
 * Goes to a route. `replace` swaps the current history entry instead of adding one: after a form
 * is done (a session created or edited), browser Back should not land on the form again.
 */
export function navigate(route: Route, { replace = false }: { replace?: boolean } = {}): void {
  if (replace) window.location.replace(routeHref(route));
  else window.location.hash = routeHref(route);
}

const subscribeHash = (cb: () => void) => {
  window.addEventListener('hashchange', cb);
  return () => window.removeEventListener('hashchange', cb);
};

export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribeHash, () => window.location.hash);
  return parseRoute(hash);
}

export type DocStatus = { state: 'loading' } | { state: 'ready'; stored: StoredDoc } | { state: 'error'; error: unknown };

/** Opens a stored doc for as long as the component is mounted. */
export function useStoredDoc(name: string): DocStatus {
  const [status, setStatus] = useState<{ name: string; status: DocStatus } | null>(null);
  useEffect(() => {
    let cancelled = false;
    let release: (() => void) | null = null;
    acquireDoc(name).then(
      (handle) => {
        if (cancelled) return handle.release();
        release = handle.release;
        setStatus({ name, status: { state: 'ready', stored: handle.stored } });
      },
      (error: unknown) => !cancelled && setStatus({ name, status: { state: 'error', error } }),
    );
    return () => {
      cancelled = true;
      release?.();
    };
  }, [name]);
  return status && status.name === name ? status.status : { state: 'loading' };
}

function docValueStore<T>(doc: Y.Doc, read: (doc: Y.Doc) => T) {
  let dirty = true;
  let value: T;
  return {
    subscribe(onChange: () => void) {
      // React subscribes after the first render and then reads again: a change made in between
      // (an earlier effect writing the doc, an update from a peer) must not hide behind the cache.
      dirty = true;
      const onUpdate = () => {
        dirty = true;
        onChange();
      };
      doc.on('update', onUpdate);
      return () => doc.off('update', onUpdate);
    },
    get(): T {
      if (dirty) {
        value = read(doc);
        dirty = false;
      }
      return value;
    },
  };
}

/**
 * `read(doc)`, re-read after every change of the doc. `read` must be stable (module-level or
 * memoised), and is called only when the doc changed.
 */
export function useDocValue<T>(doc: Y.Doc, read: (doc: Y.Doc) => T): T {
  const store = useMemo(() => docValueStore(doc, read), [doc, read]);
  return useSyncExternalStore(store.subscribe, store.get);
}

/**
 * Whether this app may change the doc (read-only when a newer Bouwplaats wrote it), following it
 * while it is open; writable while there is no doc yet.
 */
export function useDocAccess(stored: StoredDoc | null | undefined): DocAccess {
  const subscribe = useMemo(() => (onChange: () => void) => stored?.onAccess(onChange) ?? (() => {}), [stored]);
  return useSyncExternalStore(subscribe, () => stored?.access() ?? WRITABLE);
}

export function useSaveState(stored: StoredDoc): SaveState {
  return useSyncExternalStore(
    (cb) => stored.onSaveState(cb),
    () => stored.saveState(),
  );
}
