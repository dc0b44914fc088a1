import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import { roomDocName } from '../../shared/schema/docNames';
import { readGroups } from '../../shared/schema/group';
import { readRoster } from '../../shared/schema/participant';
import { summariseRoster } from '../../shared/schema/rosterSummary';
import { useDocValue, useStoredDoc } from '../hooks';
import { RosterView, type RosterVariant } from './RosterView';

interface Props {
  readonly sessionId: string;
  /** The session doc (its groups name the tables), open already on the page that shows this. */
  readonly sessionDoc: Y.Doc;
  readonly variant?: RosterVariant;
}

/**
 * "Wie zit er aan tafel" for a session: the roster from its room doc, summed up per group and for
 * the room. Opens the room doc itself (shared with the live room while the session is live, so
 * every participant who joins shows at once) and follows both docs as they change.
 * `variant="projector"`: the compact large-type view for the projector's welcome and build views.
 */
export function RosterSection({ sessionId, sessionDoc, variant = 'page' }: Props) {
  const { t } = useTranslation();
  const room = useStoredDoc(roomDocName(sessionId));
  return (
    <section className={`roster-section roster-section-${variant}`} aria-label={t('roster.title')}>
      <h2 className="roster-title">{t('roster.title')}</h2>
      {room.state === 'ready' && <RosterOf roomDoc={room.stored.doc} sessionDoc={sessionDoc} variant={variant} />}
      {room.state === 'error' && (
        <p role="alert" className="banner error">
          {t('roster.openFailed')}
        </p>
      )}
    </section>
  );
}

function RosterOf({ roomDoc, sessionDoc, variant }: { roomDoc: Y.Doc; sessionDoc: Y.Doc; variant: RosterVariant }) {
  const groups = useDocValue(sessionDoc, readGroups);
  const groupKey = groups.map((g) => g.id).join(',');
  // A new reader only when the set of groups changes, so the room doc is not re-read on every render.
  const readOf = useCallback((doc: Y.Doc) => readRoster(doc, groupKey ? groupKey.split(',') : []), [groupKey]);
  const roster = useDocValue(roomDoc, readOf);
  const summary = useMemo(() => summariseRoster(roster, groups), [roster, groups]);
  return <RosterView summary={summary} groups={groups} variant={variant} />;
}
