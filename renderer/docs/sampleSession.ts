import { defaultAgenda, writeAgenda } from '../../shared/schema/agenda';
import { boardDocName, roomDocName, sessionDocName } from '../../shared/schema/docNames';
import { readGroups } from '../../shared/schema/group';
import { fillSampleBoard, fillSampleCase, fillSampleRoom } from '../../shared/sample/fillSample';
import { ZO_THUIS_MOGELIJK } from '../../shared/sample/zoThuisMogelijk';
import { templateById } from '../../shared/template/house';
import { createSession, library } from './library';
import { deleteStoredDoc, withDoc } from './openDoc';
import { sessionDocs } from './sessions';

let making: Promise<string> | null = null;

/**
 * "Voorbeeldsessie openen": the id of the sample session (seed 000, shared/sample/) to open. The
 * sample is one session per device: the one made here before, while the library still lists it —
 * what a user who opens "the sample" again expects to find, with whatever they tried in it; a
 * fresh one after they deleted it. "Dupliceren" makes a copy of their own to change at will.
 * `agendaText` gives the default agenda's texts (agenda.default.*), Dutch like the sample itself.
 */
export async function openSampleSession(agendaText: (key: string) => string): Promise<string> {
  const existing = (await library.entries()).find((e) => e.sample);
  if (existing) return existing.id;
  // A second click while the first is still writing opens the same sample.
  making ??= makeSampleSession(agendaText).finally(() => {
    making = null;
  });
  return making;
}

/**
 * Makes the sample as "Nieuwe sessie" makes any session (createSession), with the default agenda,
 * then fills its three boards and its roster, takes the boards' note counts, and only then marks
 * its library row as the sample: a sample that failed halfway is deleted again, everywhere this
 * device keeps it, and a crash halfway leaves an ordinary session, never a half sample that
 * "Voorbeeldsessie openen" would keep opening.
 */
async function makeSampleSession(agendaText: (key: string) => string): Promise<string> {
  const sample = ZO_THUIS_MOGELIJK;
  const template = templateById('house');
  let groupIds: string[] = [];
  const id = await createSession(sample.draft, (doc) => {
    writeAgenda(doc, defaultAgenda(agendaText));
    fillSampleCase(doc, sample, Date.now());
    groupIds = readGroups(doc).map((g) => g.id);
  });
  try {
    for (const [i, groupId] of groupIds.entries()) {
      await withDoc(boardDocName(id, groupId), ({ doc }) => fillSampleBoard(doc, template, sample.groups[i]!));
    }
    await withDoc(roomDocName(id), ({ doc }) => fillSampleRoom(doc, sample, groupIds));
    await sessionDocs(id).recount(groupIds);
    await library.upsert(id, (row) => (row ? { ...row, sample: true } : null));
  } catch (error) {
    await library.remove(id).catch(() => {});
    for (const groupId of groupIds) await deleteStoredDoc(boardDocName(id, groupId)).catch(() => {});
    await deleteStoredDoc(roomDocName(id)).catch(() => {});
    await deleteStoredDoc(sessionDocName(id)).catch(() => {});
    throw error;
  }
  return id;
}
