import { useEffect, useState } from 'react';
import type { SessionIndexEntry } from '../../shared/platform';
import { loadLibrary, onLibraryChange } from './library';

/** This device's library row of `sessionId`: undefined while loading, null when there is none. */
export function useLibraryRow(sessionId: string): SessionIndexEntry | null | undefined {
  const [row, setRow] = useState<{ id: string; entry: SessionIndexEntry | null }>();
  useEffect(() => {
    let alive = true;
    const take = (list: SessionIndexEntry[]) => alive && setRow({ id: sessionId, entry: list.find((e) => e.id === sessionId) ?? null });
    void loadLibrary().then(take, () => alive && setRow({ id: sessionId, entry: null }));
    const off = onLibraryChange(take);
    return () => {
      alive = false;
      off();
    };
  }, [sessionId]);
  return row?.id === sessionId ? row.entry : undefined;
}
