import type * as Y from 'yjs';
import { newId } from '../ids';
import { stampDocVersion } from '../schema/docVersion';
import { NOTE_HEIGHT, NOTE_WIDTH, addNote, readNotes } from '../schema/note';
import { addDiscussionPoint, writeCaseField } from '../schema/caseDoc';
import { recordParticipant } from '../schema/participant';
import { freeSpotInZone } from '../template/freeSpot';
import type { BoardTemplate, Rect } from '../template/template';
import type { SampleGroup, SampleSession } from './zoThuisMogelijk';

/**
 * Writers that put the sample session's data (zoThuisMogelijk.ts) into real docs, with the same
 * record writers as the app itself (addNote, recordParticipant), so the sample is a session like
 * any other: editable, live-able, exportable. The session doc is made by the app's own
 * session creation (initSessionDoc); these fill its boards and its room.
 */

const rectOf = (p: { x: number; y: number }): Rect => ({ x: p.x, y: p.y, width: NOTE_WIDTH, height: NOTE_HEIGHT });

/**
 * Writes `group`'s notes into its board doc, in their order, each at the place a note added with
 * the keyboard would go (freeSpotInZone: the next free spot of its part's tidy rows, never on
 * another note), with its writer's name, domain and colour; stamps the doc as a board. One
 * transaction. Throws a RangeError for a note whose part the template lacks or whose writer is not
 * one of the group's people (a mistake in the data, found by the unit test).
 */
export function fillSampleBoard(doc: Y.Doc, template: BoardTemplate, group: SampleGroup, origin?: unknown): void {
  const occupied = readNotes(doc).map(rectOf);
  doc.transact(() => {
    for (const note of group.notes) {
      const zone = template.zones.find((z) => z.id === note.zone);
      const person = group.people.find((p) => p.key === note.by);
      if (!zone || !person) throw new RangeError(`Sample note "${note.text}": no zone ${note.zone} or writer ${note.by}`);
      const spot = freeSpotInZone(template, zone, occupied);
      addNote(
        doc,
        template,
        {
          ...spot,
          text: note.text,
          colour: person.colour,
          ...(person.name ? { author: person.name } : {}),
          ...(person.domain ? { domain: person.domain } : {}),
        },
        origin,
      );
      occupied.push(rectOf(spot));
    }
    stampDocVersion(doc, 'board');
  }, origin);
}

/**
 * Writes the sample's people into the room doc's roster, each in their group (`groupIds`: the
 * session's group ids in the order of `sample.groups`), joined one minute apart from
 * `sample.joinedFrom`, with fresh participant ids (`makeId`, newId unless told); stamps the doc as a
 * room. Throws when `groupIds` does not match the sample's groups.
 */
export function fillSampleRoom(doc: Y.Doc, sample: SampleSession, groupIds: readonly string[], makeId: () => string = newId, origin?: unknown): void {
  if (groupIds.length !== sample.groups.length) throw new RangeError(`The sample has ${sample.groups.length} groups, not ${groupIds.length}`);
  doc.transact(() => {
    let minute = 0;
    sample.groups.forEach((group, i) => {
      for (const person of group.people) {
        const init = { id: makeId(), groupId: groupIds[i]!, name: person.name, domain: person.domain };
        recordParticipant(doc, init, groupIds, sample.joinedFrom + minute++ * 60_000, origin);
      }
    });
    stampDocVersion(doc, 'room');
  }, origin);
}

/**
 * Writes the sample's case into its session doc: the case text, the discussion points in order,
 * the observations and the closing words (caseDoc.ts). The case is not approved for the screen:
 * a first-time user sees the personal-data check pass when they press "Tonen op het scherm".
 * `now` (ms) dates the discussion points. Throws (writing nothing more) what caseDoc's writers throw.
 */
export function fillSampleCase(doc: Y.Doc, sample: SampleSession, now: number, origin?: unknown): void {
  doc.transact(() => {
    writeCaseField(doc, 'caseText', sample.caseText, origin);
    sample.discussionPoints.forEach((point, i) => addDiscussionPoint(doc, point, now + i, origin));
    writeCaseField(doc, 'observations', sample.observations, origin);
    writeCaseField(doc, 'closingWords', sample.closingWords, origin);
  }, origin);
}
