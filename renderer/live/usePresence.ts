import { useEffect, useState } from 'react';
import type { Awareness } from 'y-protocols/awareness';
import type { PresenceState, PresenceUser } from './liveRoom';

export interface RemotePresence {
  clientId: number;
  user: PresenceUser;
  cursor: { x: number; y: number } | null;
  editing: string | null;
}

function isUser(value: unknown): value is PresenceUser {
  const u = value as PresenceUser | undefined;
  return typeof u?.name === 'string' && typeof u.colour === 'string' && /^#[0-9a-f]{6}$/i.test(u.colour);
}

/** Everyone else on this doc, re-read at most once per frame (cursors move often). */
export function usePresence(awareness: Awareness | null): RemotePresence[] {
  const [list, setList] = useState<RemotePresence[]>([]);
  useEffect(() => {
    if (!awareness) return;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const read = () => {
      timer = null;
      const next: RemotePresence[] = [];
      awareness.getStates().forEach((raw, clientId) => {
        if (clientId === awareness.clientID) return;
        const state = raw as PresenceState;
        if (!isUser(state.user)) return;
        const c = state.cursor;
        const cursor = c && Number.isFinite(c.x) && Number.isFinite(c.y) ? { x: c.x, y: c.y } : null;
        const u = state.user;
        next.push({
          clientId,
          // Only known fields, each checked: presence comes from anyone on the network.
          user: {
            name: u.name.slice(0, 80),
            colour: u.colour,
            role: u.role === 'facilitator' ? 'facilitator' : 'participant',
            ...(typeof u.domain === 'string' ? { domain: u.domain.slice(0, 40) } : {}),
            ...(typeof u.groupId === 'string' ? { groupId: u.groupId.slice(0, 40) } : {}),
          },
          cursor,
          editing: typeof state.editing === 'string' ? state.editing : null,
        });
      });
      setList(next);
    };
    const onChange = () => {
      if (!timer) timer = setTimeout(read, 16);
    };
    read();
    awareness.on('change', onChange);
    return () => {
      awareness.off('change', onChange);
      if (timer) clearTimeout(timer);
    };
  }, [awareness]);
  return awareness ? list : [];
}

/**
 * Shows this person on a board while they are on it (`user`, null: not live), and shares where
 * their pointer is and which note they type in, throttled. Leaving the board takes them off it.
 */
export function useLocalPresence(awareness: Awareness | null, editingId: string | null, user: PresenceUser | null) {
  useEffect(() => {
    if (!awareness || !user) return;
    awareness.setLocalState({ user, cursor: null, editing: null });
    return () => awareness.setLocalState(null);
  }, [awareness, user]);
  useEffect(() => {
    awareness?.setLocalStateField('editing', editingId);
  }, [awareness, editingId]);
  const [share] = useState(() => {
    let last = 0;
    let pending: { x: number; y: number } | null = null;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let target: Awareness | null = null;
    const flush = () => {
      timer = null;
      last = performance.now();
      target?.setLocalStateField('cursor', pending);
    };
    return {
      setAwareness(a: Awareness | null) {
        target = a;
      },
      cursor(p: { x: number; y: number } | null) {
        pending = p ? { x: Math.round(p.x), y: Math.round(p.y) } : null;
        if (timer) return;
        const wait = Math.max(0, 50 - (performance.now() - last));
        timer = setTimeout(flush, wait);
      },
    };
  });
  useEffect(() => {
    share.setAwareness(awareness);
    return () => share.setAwareness(null);
  }, [awareness, share]);
  return share.cursor;
}
