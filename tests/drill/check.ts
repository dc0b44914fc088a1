import * as Y from 'yjs';
import type { Group } from '../../shared/schema/group';
import { readNotes } from '../../shared/schema/note';
import type { PeerReport } from './protocol';

/** The drill's end checks and latencies, over what the laptops reported and the host's copy of each board. */

/** What a browser participant wrote (ParticipantPage): its name, its group, and its notes' texts. */
export interface PageWriter {
  readonly name: string;
  readonly groupId: string;
  readonly writes: readonly { readonly at: number; readonly text: string }[];
}

/**
 * Every note each person wrote, as they left it, in the host's copy of their board (`stored`, by
 * group id); and when each page's note was added, by its id there (a page's notes are known by
 * author and text). `missing` says, in words, each note that is not as its writer left it.
 */
export function checkWritten(laptops: readonly Pick<PeerReport, 'key' | 'written'>[], pages: readonly PageWriter[], groups: readonly Group[], stored: ReadonlyMap<string, Y.Doc>) {
  const missing: string[] = [];
  let writtenNotes = 0;
  const pageAdded: { id: string; at: number; group: number }[] = [];
  for (const laptop of laptops) {
    const group = groups[Number(laptop.key.split('.')[0]) - 1]!;
    const notes = new Map(readNotes(stored.get(group.id) ?? new Y.Doc()).map((n) => [n.id, n]));
    for (const w of laptop.written) {
      writtenNotes++;
      const note = notes.get(w.id);
      if (w.deleted) {
        if (note) missing.push(`${laptop.key}: deleted note ${w.id} is still there`);
      } else if (!note) missing.push(`${laptop.key}: note ${w.id} (“${w.text}”) is gone`);
      else if (note.text !== w.text || note.x !== w.x || note.y !== w.y || note.colour !== w.colour) {
        missing.push(`${laptop.key}: note ${w.id} is “${note.text}” at ${note.x},${note.y} ${note.colour}, written “${w.text}” at ${w.x},${w.y} ${w.colour}`);
      }
    }
  }
  for (const page of pages) {
    const g = groups.findIndex((x) => x.id === page.groupId);
    const theirs = readNotes(stored.get(page.groupId) ?? new Y.Doc()).filter((n) => n.author === page.name);
    const left = [...theirs];
    for (const w of page.writes) {
      writtenNotes++;
      const i = left.findIndex((n) => n.text === w.text);
      if (i < 0) missing.push(`${page.name}: “${w.text}” is not on the board`);
      else pageAdded.push({ id: left.splice(i, 1)[0]!.id, at: w.at, group: g });
    }
    if (left.length > 0) missing.push(`${page.name}: ${left.length} note(s) on the board it did not write as they stand: ${left.map((n) => `“${n.text}”`).join(', ')}`);
  }
  return { missing, writtenNotes, pageAdded };
}

/**
 * Note added → in another laptop's doc of the same group (ms), for every Node laptop that received
 * it, from Node laptops and from pages; and which path brought each first.
 */
export function latencies(laptops: readonly PeerReport[], pageAdded: readonly { id: string; at: number }[]) {
  const fromNode = new Map<string, number>();
  for (const l of laptops) for (const a of l.added) fromNode.set(a.id, a.at);
  const fromPage = new Map(pageAdded.map((a) => [a.id, a.at]));
  const result = { fromNode: [] as number[], fromPages: [] as number[], via: { webrtc: 0, relay: 0, other: 0 } };
  for (const l of laptops) {
    for (const r of l.received) {
      const node = fromNode.get(r.id);
      if (node !== undefined) result.fromNode.push(r.at - node);
      const page = fromPage.get(r.id);
      if (page !== undefined) result.fromPages.push(r.at - page);
      if (node !== undefined || page !== undefined) result.via[r.via]++;
    }
  }
  return result;
}
