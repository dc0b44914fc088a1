import { useEffect, useMemo, useSyncExternalStore } from 'react';
import type { Awareness } from 'y-protocols/awareness';
import { enterRoom, liveRoomFor, onRoomsChange, type LiveRoom, type LiveSnapshot } from './liveRoom';
import { loadMembership } from './membership';

/** The live room of a session on this device, rejoining from the saved membership after a reload. */
export function useLiveRoom(sessionId: string): LiveRoom | null {
  const room = useSyncExternalStore(onRoomsChange, () => liveRoomFor(sessionId));
  useEffect(() => {
    if (liveRoomFor(sessionId)) return;
    let cancelled = false;
    void loadMembership(sessionId).then((membership) => {
      if (membership && !cancelled && !liveRoomFor(sessionId)) void enterRoom(membership);
    });
    return () => {
      cancelled = true;
    };
  }, [sessionId]);
  return room;
}

const noRoom = () => () => {};

export function useLiveSnapshot(room: LiveRoom | null): LiveSnapshot | null {
  return useSyncExternalStore(room ? (cb) => room.onChange(cb) : noRoom, () => room?.getSnapshot() ?? null);
}

/** The awareness of one doc in the room, from the moment the room has linked it (no polling). */
export function useAwareness(room: LiveRoom | null, docName: string): Awareness | null {
  const subscribe = useMemo(() => (room ? (cb: () => void) => room.onDocsChange(cb) : noRoom), [room]);
  return useSyncExternalStore(subscribe, () => room?.awarenessFor(docName) ?? null);
}
