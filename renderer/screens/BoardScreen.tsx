import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import { boardDocName, sessionDocName } from '../../shared/schema/docNames';
import { readGroups } from '../../shared/schema/group';
import { readQuestions, readSessionMeta } from '../../shared/schema/session';
import { templateById } from '../../shared/template/house';
import { BoardNotice } from '../board/BoardNotice';
import { BoardSurface } from '../board/BoardSurface';
import { BoardToolbar } from '../board/BoardToolbar';
import { CollapsiblePanel } from '../board/CollapsiblePanel';
import { NotesPanel } from '../board/NotesPanel';
import type { HousePicture } from '../board/paint/house';
import { usePrintHouse } from '../board/printHouse';
import { useNotesDeferred } from '../board/useBoard';
import { useBoardEditor } from '../board/useBoardEditor';
import { useBoardKeys } from '../board/useBoardKeys';
import type { DocAccess } from '../../shared/schema/docVersion';
import type { StoredDoc } from '../docs/openDoc';
import { ReadOnlyNotice, readOnlyReasonKey } from '../components/ReadOnlyNotice';
import { routeHref, useDocAccess, useDocValue, useSaveState, useStoredDoc } from '../hooks';
import { LiveBadge } from '../live/LiveBadge';
import { LiveNotice } from '../live/LiveNotice';
import { SeatNotice, useSeatReason } from '../live/SeatNotice';
import { useLiveRoom } from '../live/useLive';
import { PhaseBanner } from '../run/PhaseBanner';
import { useBoardPhase } from '../run/useBoardPhase';
import { useBoardLive, useByline } from './useBoardLive';

interface Props {
  sessionId: string;
  groupId: string;
  onOpenSettings: () => void;
}

export function BoardScreen({ sessionId, groupId, onOpenSettings }: Props) {
  const { t } = useTranslation();
  const session = useStoredDoc(sessionDocName(sessionId));
  const board = useStoredDoc(boardDocName(sessionId, groupId));
  // A board is written into only when both its doc and the session's are of a version this app knows.
  const sessionAccess = useDocAccess(session.state === 'ready' ? session.stored : null);
  const boardAccess = useDocAccess(board.state === 'ready' ? board.stored : null);
  const access = boardAccess.readOnly ? boardAccess : sessionAccess;
  if (session.state === 'error' || board.state === 'error') {
    return (
      <main className="page">
        <p role="alert" className="banner error">
          {t('board.openFailed')}
        </p>
        <a href={routeHref({ name: 'library' })}>{t('common.backToLibrary')}</a>
      </main>
    );
  }
  if (session.state !== 'ready' || board.state !== 'ready') return <main className="page" aria-busy="true" />;
  return (
    <BoardView
      sessionId={sessionId}
      groupId={groupId}
      sessionDoc={session.stored.doc}
      board={board.stored}
      access={access}
      onOpenSettings={onOpenSettings}
    />
  );
}

/** The house of one group as the session doc describes it (template, questions), in the UI language. */
function useHousePicture(sessionDoc: Y.Doc): HousePicture & { title: string } {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'nl';
  const meta = useDocValue(sessionDoc, readSessionMeta);
  const template = templateById(meta?.templateId ?? 'house');
  const readTemplateQuestions = useCallback((d: Y.Doc) => readQuestions(d, template), [template]);
  const questions = useDocValue(sessionDoc, readTemplateQuestions);
  const parkingLabel = t('board.parking');
  const parkingHint = t('board.parkingHint');
  const title = meta?.title ?? '';
  return useMemo(() => ({ template, questions, lang, parkingLabel, parkingHint, title }), [template, questions, lang, parkingLabel, parkingHint, title]);
}

/**
 * One group's board: the toolbar, the board (BoardSurface) and the notes panel, composed from the
 * board's editor (useBoardEditor: the model, its commands and the view) and, when the session is
 * live, who else is on it.
 */
function BoardView({ sessionId, groupId, sessionDoc, board, access, onOpenSettings }: Props & { sessionDoc: Y.Doc; board: StoredDoc; access: DocAccess }) {
  const { t } = useTranslation();
  const picture = useHousePicture(sessionDoc);
  const { template, lang } = picture;
  const groups = useDocValue(sessionDoc, readGroups);
  const group = groups.find((g) => g.id === groupId);
  const room = useLiveRoom(sessionId);
  const byline = useByline(room);
  // Read-only while a newer app wrote the board or the session (DocAccess): the one place that says
  // so to the board (BoardModel.readOnlyReason); each refused try says why again.
  const reasonKey = readOnlyReasonKey(access);
  const [refusedTries, setRefusedTries] = useState(0);
  const onRefused = useCallback(() => setRefusedTries((n) => n + 1), []);
  // And, for a participant, on a board of a table she does not sit at (the host takes her writes
  // only on her own: renderer/live/seat.ts), and while the room is paused or the phase keeps houses
  // closed (renderer/run). One reason at a time, the one that outlasts the others first.
  const seat = useSeatReason(room, sessionDoc, groupId);
  const phase = useBoardPhase(sessionId, sessionDoc);
  const reason = reasonKey ? t(reasonKey) : (seat?.text ?? phase.reason);
  const editor = useBoardEditor({ stored: board, template, byline, readOnlyReason: reason, onRefused });
  const { live, others, presence, editingBy, shareCursor } = useBoardLive(room, sessionId, groupId, editor.editingId);
  const keys = useBoardKeys({ run: editor.run, editingId: editor.editingId, focusBoard: editor.focusBoard });
  // What is shown beside the board follows it as a transition: the board paints from the store first.
  const notes = useNotesDeferred(editor.store);
  const saveState = useSaveState(board);
  usePrintHouse(editor.store, picture, [group?.name, picture.title].filter(Boolean).join(' — '));

  const zoneLabel = (zoneId: string) => template.zones.find((z) => z.id === zoneId)?.label[lang] ?? t('board.parking');
  const { run } = editor;
  const selectNote = useCallback((id: string) => run({ type: 'select', id, reveal: true }), [run]);

  return (
    <main className={editor.presenting ? 'board-screen presenting' : 'board-screen'} onKeyDown={keys.onScreenKey}>
      <BoardToolbar
        backHref={routeHref({ name: 'session', sessionId })}
        sessionTitle={picture.title}
        // A board whose group the (synced) session no longer has: the facilitator removed it.
        groupName={group?.name ?? t(groups.length > 0 ? 'board.removedGroup' : 'board.unknownGroup')}
        template={template}
        lang={lang}
        // A selected note's own colour is the one checked (a swatch recolours it); else the next note's.
        colour={(editor.selectedId ? editor.store.get(editor.selectedId)?.colour : undefined) ?? editor.colour}
        hasSelection={Boolean(editor.selectedId)}
        undoState={editor.undoState}
        saveState={saveState}
        editable={editor.editable}
        run={keys.fromButton}
        onOpenSettings={onOpenSettings}
        // Not on a board of another table: her laptop does not sync it (the banner says so).
        live={live && !seat ? <LiveBadge live={live} others={others} /> : null}
      />
      <LiveNotice room={room} />
      <ReadOnlyNotice access={access} tries={refusedTries} className="board-banner" />
      {seat && <SeatNotice room={room} seat={seat} sessionId={sessionId} tries={reasonKey ? 0 : refusedTries} />}
      {/* "Wij zijn klaar" only on her own table's board: it speaks for the table. */}
      <PhaseBanner sessionId={sessionId} doc={sessionDoc} role={phase.role} groupId={seat ? undefined : groupId} tries={reasonKey || seat ? 0 : refusedTries} compact />
      {saveState === 'error' && (
        <p role="alert" className="banner error board-banner">
          {t('save.errorHelp')}
        </p>
      )}
      <div className="board-body">
        {editor.notice && (
          <BoardNotice notice={editor.notice} onRestore={(lost) => editor.run({ type: 'restore', lost })} onClose={editor.closeNotice} />
        )}
        <BoardSurface
          editor={editor}
          picture={picture}
          label={t('board.canvasLabel', { group: group?.name ?? '' })}
          onBoardKey={keys.onBoardKey}
          zoneLabel={zoneLabel}
          presence={presence}
          onPointerWorld={shareCursor}
        />
        <CollapsiblePanel>
          <NotesPanel template={template} lang={lang} notes={notes} selectedId={editor.selectedId} onSelect={selectNote} editingBy={editingBy} />
        </CollapsiblePanel>
      </div>
    </main>
  );
}
