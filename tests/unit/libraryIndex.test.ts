import { describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import type { SessionIndexEntry } from '../../shared/platform';
import { LibraryIndex, type IndexStore } from '../../renderer/docs/libraryIndex';

/** Platform.loadSessionIndex / saveSessionIndex as a recording stand-in: what was written, how often. */
function recordingStore(initial: SessionIndexEntry[] = [], failing = false) {
  const saves: SessionIndexEntry[][] = [];
  const store: IndexStore & { saves: typeof saves; failNext: boolean } = {
    saves,
    failNext: failing,
    load: async () => initial,
    async save(entries) {
      if (store.failNext) {
        store.failNext = false;
        throw new Error('disk full');
      }
      saves.push(entries);
    },
  };
  return store;
}

const row = (id: string, overrides: Partial<SessionIndexEntry> = {}): SessionIndexEntry => ({
  id,
  title: 'Zo thuis mogelijk!',
  date: '2023-09-14',
  place: 'Zeist',
  noteCount: 0,
  boardNotes: {},
  createdAt: 1_700_000_000_000,
  updatedAt: 1_700_000_000_000,
  ...overrides,
});

describe('the library index (one queue, written only when a row changed)', () => {
  it('does not write when a note count is what it was, and writes once when it changes', async () => {
    const store = recordingStore([row('sessie0001')]);
    const index = new LibraryIndex(store);
    await index.recordBoardNotes('sessie0001', 'groep1abcd', 0);
    expect(store.saves).toHaveLength(1);
    for (let i = 0; i < 20; i++) await index.recordBoardNotes('sessie0001', 'groep1abcd', 0);
    expect(store.saves).toHaveLength(1);
    await index.recordBoardNotes('sessie0001', 'groep1abcd', 3, 1_700_000_500_000);
    await index.recordBoardNotes('sessie0001', 'groep2abcd', 2, 1_700_000_500_000);
    expect(store.saves).toHaveLength(3);
    expect((await index.entries())[0]).toMatchObject({ noteCount: 5, boardNotes: { groep1abcd: 3, groep2abcd: 2 }, updatedAt: 1_700_000_500_000 });
  });

  it('does not write a count for a session it does not list (deleted meanwhile)', async () => {
    const store = recordingStore([row('sessie0001')]);
    const index = new LibraryIndex(store);
    await index.recordBoardNotes('weg0000001', 'groep1abcd', 4);
    expect(store.saves).toHaveLength(0);
  });

  it('keeps a refreshed row that only differs in updatedAt as and where it was', async () => {
    const store = recordingStore([row('sessie0001'), row('sessie0002', { title: 'Tweede' })]);
    const index = new LibraryIndex(store);
    const listened: string[][] = [];
    index.onChange((entries) => listened.push(entries.map((e) => e.id)));
    // Fields in another order and a new updatedAt: nothing a person sees changed.
    const { updatedAt: _u, id: _i, ...rest } = row('sessie0002', { title: 'Tweede' });
    await index.upsert('sessie0002', () => ({ ...rest, updatedAt: Date.now(), id: 'sessie0002' }));
    expect(store.saves).toHaveLength(0);
    expect(listened).toEqual([]);
    await index.upsert('sessie0002', (previous) => ({ ...previous!, title: 'Tweede (middag)', updatedAt: Date.now() }));
    expect(store.saves).toHaveLength(1);
    expect(listened).toEqual([['sessie0002', 'sessie0001']]);
  });

  it('refuses a row the library could not read back, writes nothing, and goes on with the next change', async () => {
    const store = recordingStore([row('sessie0001')]);
    const index = new LibraryIndex(store);
    await expect(index.upsert('sessie0002', () => row('sessie0002', { title: 'x'.repeat(201) }))).rejects.toBeInstanceOf(ZodError);
    await expect(index.upsert('../etc', () => row('../etc'))).rejects.toBeInstanceOf(ZodError);
    await expect(index.recordBoardNotes('sessie0001', 'groep1abcd', -1)).rejects.toBeInstanceOf(ZodError);
    expect(store.saves).toHaveLength(0);
    await index.upsert('sessie0002', () => row('sessie0002'));
    expect((await index.entries()).map((e) => e.id)).toEqual(['sessie0002', 'sessie0001']);
  });

  it('keeps the rows it had when a write fails, and later changes still go through', async () => {
    const store = recordingStore([row('sessie0001')], true);
    const index = new LibraryIndex(store);
    await expect(index.remove('sessie0001')).rejects.toThrow('disk full');
    expect((await index.entries()).map((e) => e.id)).toEqual(['sessie0001']);
    await index.remove('sessie0001');
    expect(store.saves).toEqual([[]]);
  });

  it('applies quick changes in order, none overwriting another', async () => {
    const store = recordingStore([row('sessie0001')]);
    const index = new LibraryIndex(store);
    await Promise.all([
      index.recordBoardNotes('sessie0001', 'groep1abcd', 1),
      index.recordBoardNotes('sessie0001', 'groep2abcd', 2),
      index.upsert('sessie0001', (previous) => ({ ...previous!, title: 'Nieuw' })),
    ]);
    expect((await index.entries())[0]).toMatchObject({ title: 'Nieuw', noteCount: 3 });
  });
});
