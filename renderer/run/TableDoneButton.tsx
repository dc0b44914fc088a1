import { singleClick } from './singleClick';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import { roomDocName } from '../../shared/schema/docNames';
import { isTableDone, setTableDone } from '../../shared/schema/tableDone';
import type { StoredDoc } from '../docs/openDoc';
import { useDocAccess, useDocValue, useStoredDoc } from '../hooks';

interface Props {
  sessionId: string;
  groupId: string;
  phaseId: string;
  /** The room's clock (ms), for when the table said it. */
  now: () => number;
}

/**
 * "Wij zijn klaar" on a participant's board: says in the room doc that this table is done with the
 * current phase ("Niet meer klaar" takes it back). The facilitator sees the count live. A signal
 * belongs to the phase it was given in, so the next phase starts with every table at work.
 */
export function TableDoneButton({ sessionId, ...rest }: Props) {
  const room = useStoredDoc(roomDocName(sessionId));
  if (room.state !== 'ready') return null;
  return <DoneToggle stored={room.stored} {...rest} />;
}

function DoneToggle({ stored, groupId, phaseId, now }: Omit<Props, 'sessionId'> & { stored: StoredDoc }) {
  const { t } = useTranslation();
  // A room doc written by a newer Bouwplaats is read-only here.
  const access = useDocAccess(stored);
  const read = useCallback((doc: Y.Doc) => isTableDone(doc, groupId, phaseId), [groupId, phaseId]);
  const done = useDocValue(stored.doc, read);
  const [said, setSaid] = useState('');
  const toggle = () => {
    setTableDone(stored.doc, groupId, phaseId, !done, Math.round(now()));
    setSaid(t(done ? 'run.done.saidUndone' : 'run.done.saidDone'));
  };
  return (
    <div className="table-done">
      {done && <span className="done-mark">{t('run.done.ours')}</span>}
      <button type="button" className={done ? '' : 'primary'} onClick={singleClick(toggle)} disabled={access.readOnly}>
        {done ? t('run.done.undo') : t('run.done.button')}
      </button>
      <span className="sr-only" role="status">
        {said}
      </span>
    </div>
  );
}
