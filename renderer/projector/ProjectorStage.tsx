import { useCallback, useMemo, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import { currentPhase, readAgenda, readRun, type Phase } from '../../shared/schema/agenda';
import { readCaseField, readDiscussionPoints, readShownCase } from '../../shared/schema/caseDoc';
import { readGroups } from '../../shared/schema/group';
import type { Language } from '../../shared/platform';
import { readSessionMeta } from '../../shared/schema/session';
import { tablesDone } from '../../shared/schema/tableDone';
import { templateById } from '../../shared/template/house';
import type { BoardTemplate } from '../../shared/template/template';
import { useDocValue } from '../hooks';
import { useRoomClock } from '../run/useRun';
import { projectorShows, type ProjectorChoice, type ProjectorShows } from './choose';
import { HouseLarge } from './HouseLarge';
import { PhaseTextView } from './PhaseTextView';
import { RosterStrip, WelcomeRoster, useRosterSummary } from './ProjectorRoster';
import { ProjectorTimer } from './ProjectorTimer';
import type { JoinInfo } from './useProjectorLink';
import { WallView } from './WallView';
import { WelcomeView } from './WelcomeView';
import { markKeyboard, useViewFocus } from './useViewFocus';
import './projector.css';

interface Props {
  sessionId: string;
  session: Y.Doc;
  /** The room doc ("wij zijn klaar" per table). */
  room: Y.Doc;
  join: JoinInfo | null;
  /** Chooses what the projector shows; null where this screen may not (a participant following). */
  choose: ((choice: ProjectorChoice) => void) | null;
  /** A line above everything (a participant following is told why they see this). */
  lead?: ReactNode;
  /** Said in a corner when this screen's connection is not well (a projector on another computer). */
  status?: ReactNode;
}

/**
 * The projector's picture of the session, whoever shows it (the projector window, a participant's
 * laptop following it): a bar with the phase, how many tables are done and the timer (always, when
 * one runs), and below it the view the phase asks for or the facilitator chose (projectorShows).
 * Large type and high contrast: read from the back of a room of 100.
 */
export function ProjectorStage({ sessionId, session, room, join, choose, lead, status }: Props) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'nl';
  const meta = useDocValue(session, readSessionMeta);
  const groups = useDocValue(session, readGroups);
  const agenda = useDocValue(session, readAgenda);
  const run = useDocValue(session, readRun);
  const phase = currentPhase(agenda, run);
  const groupIds = useMemo(() => groups.map((g) => g.id), [groups]);
  const shows = projectorShows(run, phase, groupIds);
  const done = useTablesDone(room, groupIds, phase);
  const template = templateById(meta?.templateId ?? 'house');
  const roster = useRosterSummary(room, groups);
  // The room's clock: the host's, through this laptop's offset to it (0 on the host's own machine).
  const now = useRoomClock(sessionId);
  const pick = useMemo(() => (choose ? (groupId: string) => choose({ view: 'house', groupId }) : null), [choose]);
  const showsTimer = phase !== null && (run.timer.running || run.timer.remainingMs > 0);
  const onBoards = shows.view === 'wall' || shows.view === 'house';
  const stageRef = useRef<HTMLDivElement>(null);
  useViewFocus(stageRef, shows);

  return (
    <div className="projector" data-view={shows.view} lang={lang} ref={stageRef} onFocus={markKeyboard}>
      {lead}
      <header className="projector-bar">
        <span className="projector-phase">{phase?.title ?? meta?.title ?? ''}</span>
        {run.paused && <span className="projector-pause">{t('projector.paused')}</span>}
        {/* Only where tables can say they are done: a phase with open houses. */}
        {phase?.boardsOpen && onBoards && groups.length > 0 && (
          <span className="projector-done" role="status">
            {t('projector.doneCount', { done: done.size, count: groups.length })}
          </span>
        )}
        {showsTimer && <ProjectorTimer timer={run.timer} now={now} />}
      </header>
      <View shows={shows} session={session} sessionId={sessionId} phase={phase} meta={meta} groups={groups} done={done} template={template} lang={lang} join={join} pick={pick} choose={choose} roster={roster} />
      {shows.view === 'wall' && <RosterStrip summary={roster} />}
      {status}
    </div>
  );
}

function View(props: {
  shows: ProjectorShows;
  session: Y.Doc;
  sessionId: string;
  phase: Phase | null;
  meta: ReturnType<typeof readSessionMeta>;
  groups: ReturnType<typeof readGroups>;
  done: ReadonlySet<string>;
  template: BoardTemplate;
  lang: Language;
  join: JoinInfo | null;
  pick: ((groupId: string) => void) | null;
  choose: Props['choose'];
  roster: ReturnType<typeof useRosterSummary>;
}) {
  const { shows, session, sessionId, phase, meta, groups, done, template, lang, join, pick, choose, roster } = props;
  switch (shows.view) {
    case 'welcome':
      return (
        <WelcomeView title={meta?.title ?? ''} intro={phase?.kind === 'welcome' ? phase.instruction : ''} join={join}>
          <WelcomeRoster summary={roster} />
        </WelcomeView>
      );
    case 'wall':
      return <WallView sessionId={sessionId} groups={groups} done={done} template={template} lang={lang} onPick={pick} />;
    case 'house': {
      const at = groups.findIndex((g) => g.id === shows.groupId);
      const group = groups[at]!;
      return (
        <HouseLarge
          key={group.id}
          sessionId={sessionId}
          group={group}
          keyNumber={at < 9 ? at + 1 : 0}
          done={done.has(group.id)}
          template={template}
          lang={lang}
          onBack={choose ? () => choose({ view: 'wall' }) : null}
        />
      );
    }
    case 'case':
    case 'closing':
      return <CaseOrClosing view={shows.view} session={session} phase={phase} />;
  }
}

const readClosingWords = (doc: Y.Doc) => readCaseField(doc, 'closingWords');

/**
 * The case once the facilitator approved it for showing (with the discussion points), or the
 * closing words; while there is none yet, the phase's own instruction (a view chosen outside its
 * phase says only what it is).
 */
function CaseOrClosing({ view, session, phase }: { view: 'case' | 'closing'; session: Y.Doc; phase: Phase | null }) {
  const { t } = useTranslation();
  const shownCase = useDocValue(session, readShownCase);
  const points = useDocValue(session, readDiscussionPoints);
  const closingWords = useDocValue(session, readClosingWords);
  const own = phase?.kind === view;
  const title = own ? phase.title : t(`projector.view.${view}`);
  const words = view === 'case' ? shownCase : closingWords.trim() ? closingWords : null;
  return <PhaseTextView title={title} text={words ?? (own ? phase.instruction : '')} points={view === 'case' ? points : []} />;
}

/** The groups that said "wij zijn klaar" for `phase`, following the room doc. */
function useTablesDone(room: Y.Doc, groupIds: readonly string[], phase: Phase | null): ReadonlySet<string> {
  const key = groupIds.join(',');
  const phaseId = phase?.id ?? null;
  // A string, so that a change elsewhere in the room doc gives the same value (no render).
  const read = useCallback((doc: Y.Doc) => (phaseId && key ? tablesDone(doc, key.split(','), phaseId).join(',') : ''), [key, phaseId]);
  const joined = useDocValue(room, read);
  return useMemo(() => new Set(joined ? joined.split(',') : []), [joined]);
}
