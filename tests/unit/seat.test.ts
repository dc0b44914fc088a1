import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addNote, deleteNote, readNotes, setNoteText } from '../../shared/schema/note';
import { HOUSE_TEMPLATE } from '../../shared/template/house';
import { readLeftCopy, seatGate, settleReturn, tableRemoved } from '../../renderer/live/seat';

/**
 * Where a participant sits decides which board her laptop may write (seatGate), and what her
 * laptop brings back to a table she sits at again (settleReturn): real Y.Docs standing for the
 * host's copy of a board and her laptop's, synced as the relay syncs them (state vectors and diffs).
 */

const A = 'groepaaaa1';
const B = 'groepbbbb2';
const GROUPS = [A, B];

describe('seatGate: which boards a laptop may write in a live session', () => {
  it('lets a participant write her own table’s board only', () => {
    const amira = { role: 'participant' as const, groupId: B };
    expect(seatGate(amira, B, GROUPS)).toBeNull();
    expect(seatGate(amira, A, GROUPS)).toEqual({ kind: 'other-table', ownGroupId: B });
  });

  it('lets a participant without a table, or whose table was removed, write no board (a guest)', () => {
    expect(seatGate({ role: 'participant' }, A, GROUPS)).toEqual({ kind: 'no-seat' });
    expect(seatGate({ role: 'participant', groupId: 'weggehaald1' }, A, GROUPS)).toEqual({ kind: 'no-seat' });
    // Her own board, once its group is gone, is not hers to write either.
    expect(seatGate({ role: 'participant', groupId: A }, A, [B])).toEqual({ kind: 'no-seat' });
  });

  it('sets no rule for the facilitator, nor for a session that is not live on this device', () => {
    expect(seatGate({ role: 'facilitator' }, A, GROUPS)).toBeNull();
    expect(seatGate(null, A, GROUPS)).toBeNull();
  });

  it('lets a projector computer write no board', () => {
    expect(seatGate({ role: 'projector' }, A, GROUPS)).toEqual({ kind: 'no-seat' });
  });
});

describe('tableRemoved: whether to tell a participant the facilitator removed her table', () => {
  it('names her table once the session no longer has it', () => {
    expect(tableRemoved({ role: 'participant', groupId: A }, [B])).toBe(A);
    expect(tableRemoved({ role: 'participant', groupId: A }, GROUPS)).toBeNull();
  });

  it('says nothing of a removal to a guest, a projector, the facilitator, or before the session doc has groups', () => {
    expect(tableRemoved({ role: 'participant' }, GROUPS)).toBeNull();
    expect(tableRemoved({ role: 'projector' }, GROUPS)).toBeNull();
    expect(tableRemoved({ role: 'facilitator', groupId: 'weggehaald1' }, GROUPS)).toBeNull();
    expect(tableRemoved(null, GROUPS)).toBeNull();
    expect(tableRemoved({ role: 'participant', groupId: A }, [])).toBeNull();
  });
});

/** Sends `from` what `to` lacks, as the relay's sync step 2 does. */
function sync(from: Y.Doc, to: Y.Doc): void {
  Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)));
}

function docFrom(update: Uint8Array | null): Y.Doc {
  const doc = new Y.Doc();
  if (update) Y.applyUpdate(doc, update);
  return doc;
}

const texts = (doc: Y.Doc) => readNotes(doc).map((n) => n.text).sort();

/**
 * Amira sits at table A with Bram; the host keeps A's board. `offline`: a note she wrote at A just
 * before she moved that reached neither the host nor Bram.
 */
function tableA(options: { offline?: boolean } = {}) {
  const host = new Y.Doc();
  const bram = new Y.Doc();
  const amira = new Y.Doc();
  const mine = addNote(amira, HOUSE_TEMPLATE, { x: 100, y: 100, text: 'Kennis van het gezin' });
  sync(amira, host);
  const his = addNote(bram, HOUSE_TEMPLATE, { x: 400, y: 100, text: 'Vaste contactpersoon' });
  sync(bram, host);
  sync(host, bram);
  sync(host, amira);
  if (options.offline) addNote(amira, HOUSE_TEMPLATE, { x: 700, y: 100, text: 'Offline geschreven' });
  return { host, bram, amira, mine, his };
}

describe('settleReturn: what a laptop brings to a table it sits at again', () => {
  it('keeps out what was added, changed and deleted here while she sat elsewhere; the group’s board comes back whole', () => {
    const { host, bram, amira, mine, his } = tableA();
    const left = Y.encodeStateAsUpdate(amira);
    // Away at table B, her laptop still had A's board: an app before the seat rule let her type there.
    addNote(amira, HOUSE_TEMPLATE, { x: 700, y: 400, text: 'Aan de verkeerde tafel' });
    setNoteText(amira, mine, 'Kennis van het gezin en de buurt');
    deleteNote(amira, his);
    // Meanwhile the group writes on.
    addNote(bram, HOUSE_TEMPLATE, { x: 100, y: 400, text: 'Samen met school' });
    sync(bram, host);

    const { replace, keep, aside } = settleReturn(Y.encodeStateAsUpdate(amira), left);
    expect(replace).toBe(true);
    expect(keep).toBe(left);
    // Her words from elsewhere are kept on her laptop, as they were.
    expect(texts(docFrom(aside))).toEqual(['Aan de verkeerde tafel', 'Kennis van het gezin en de buurt']);

    // Back at A: her new copy syncs with the host and Bram, both ways.
    const back = docFrom(keep);
    sync(back, host);
    sync(host, back);
    sync(host, bram);
    const board = ['Kennis van het gezin', 'Samen met school', 'Vaste contactpersoon'];
    expect(texts(host)).toEqual(board);
    expect(texts(bram)).toEqual(board);
    expect(texts(back)).toEqual(board);
  });

  it('brings in what she wrote at the table before she left that reached nobody (offline work merges)', () => {
    const { host, bram, amira } = tableA({ offline: true });
    const left = Y.encodeStateAsUpdate(amira);
    addNote(amira, HOUSE_TEMPLATE, { x: 700, y: 400, text: 'Aan de verkeerde tafel' });

    const { keep } = settleReturn(Y.encodeStateAsUpdate(amira), left);
    const back = docFrom(keep);
    sync(back, host);
    sync(host, bram);
    expect(texts(bram)).toEqual(['Kennis van het gezin', 'Offline geschreven', 'Vaste contactpersoon']);
  });

  it('without a record of leaving (she left before this rule), takes nothing of this copy: the host’s board comes back', () => {
    const { host, bram, amira } = tableA();
    addNote(amira, HOUSE_TEMPLATE, { x: 700, y: 400, text: 'Aan de verkeerde tafel' });

    const { replace, keep, aside } = settleReturn(Y.encodeStateAsUpdate(amira), null);
    expect(replace).toBe(true);
    expect(keep).toBeNull();
    expect(texts(docFrom(aside))).toContain('Aan de verkeerde tafel');
    const back = docFrom(keep);
    sync(back, host);
    sync(host, back);
    expect(texts(back)).toEqual(['Kennis van het gezin', 'Vaste contactpersoon']);
    expect(texts(host)).toEqual(['Kennis van het gezin', 'Vaste contactpersoon']);
    expect(texts(bram)).toEqual(['Kennis van het gezin', 'Vaste contactpersoon']);
  });

  it('changes nothing when the copy is as she left it, or when there is no copy', () => {
    const { amira } = tableA();
    const left = Y.encodeStateAsUpdate(amira);
    expect(settleReturn(Y.encodeStateAsUpdate(amira), left)).toEqual({ replace: false, keep: left, aside: null });
    expect(settleReturn(Y.encodeStateAsUpdate(new Y.Doc()), null)).toEqual({ replace: false, keep: null, aside: null });
  });

  it('sees a deletion alone as a change (a deletion adds no struct to a Yjs doc)', () => {
    const { amira, his } = tableA();
    const left = Y.encodeStateAsUpdate(amira);
    deleteNote(amira, his);
    expect(settleReturn(Y.encodeStateAsUpdate(amira), left).replace).toBe(true);
  });
});

describe('readLeftCopy', () => {
  it('reads the record of leaving a table, and nothing else', () => {
    const state = new Uint8Array([0, 0]);
    expect(readLeftCopy({ at: 5, state })).toEqual({ at: 5, state });
    expect(readLeftCopy(undefined)).toBeNull();
    expect(readLeftCopy({ at: '5', state })).toBeNull();
    expect(readLeftCopy({ at: 5, state: [0, 0] })).toBeNull();
  });
});
