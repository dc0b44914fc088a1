import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import { roomDocName } from '../../shared/schema/docNames';
import { readGroups, type Group } from '../../shared/schema/group';
import { tablesDone } from '../../shared/schema/tableDone';
import { useDocValue, useStoredDoc } from '../hooks';

interface Props {
  sessionId: string;
  /** The session doc (its groups). */
  doc: Y.Doc;
  phaseId: string;
}

/**
 * "2 van 3 groepen klaar", and which: the tables that said "Wij zijn klaar" in this phase, live
 * from the room doc. The count is a polite live region, so a facilitator with a screen reader hears
 * each table that finishes.
 */
export function DoneTables({ sessionId, doc, phaseId }: Props) {
  const room = useStoredDoc(roomDocName(sessionId));
  const groups = useDocValue(doc, readGroups);
  if (room.state !== 'ready') return null;
  return <DoneList room={room.stored.doc} groups={groups} phaseId={phaseId} />;
}

function DoneList({ room, groups, phaseId }: { room: Y.Doc; groups: readonly Group[]; phaseId: string }) {
  const { t } = useTranslation();
  const ids = groups.map((g) => g.id).join(',');
  // A string, so the list re-renders only when who is done changes.
  const read = useCallback((d: Y.Doc) => tablesDone(d, ids ? ids.split(',') : [], phaseId).join(','), [ids, phaseId]);
  const done = new Set(useDocValue(room, read).split(',').filter(Boolean));
  return (
    <div className="run-done">
      <p className="done-count" role="status">
        {t('run.done.count', { done: done.size, count: groups.length })}
      </p>
      <ul className="done-groups">
        {groups.map((g) => (
          <li key={g.id} className={done.has(g.id) ? 'done' : ''}>
            <span aria-hidden="true">{done.has(g.id) ? '✓' : '·'}</span> {g.name}
            <span className="sr-only">: {t(done.has(g.id) ? 'run.done.yes' : 'run.done.no')}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
