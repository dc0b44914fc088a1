import { useCallback, useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import { boardDocName, sessionDocName } from '../../shared/schema/docNames';
import { readGroups } from '../../shared/schema/group';
import {
  NOTE_HEIGHT,
  NOTE_WIDTH,
  addNote,
  deleteNote,
  holdNoteTextEdit,
  moveNote,
  observeNoteText,
  setNoteColour,
  setNoteText,
  type NoteColour,
} from '../../shared/schema/note';
import type { HistoryOutcome } from '../../shared/schema/undo';
import { readQuestions, readSessionMeta } from '../../shared/schema/session';
import { freeSpotInZone } from '../../shared/template/freeSpot';
import { templateById } from '../../shared/template/house';
import type { Point } from '../../shared/template/template';
import { HouseBoard, type HouseBoardHandle } from '../board/HouseBoard';
import type { BoardPresence } from '../board/PresenceLayer';
import { LiveBadge } from '../live/LiveBadge';
import { LiveNotice } from '../live/LiveNotice';
import { presenceUser } from '../live/liveRoom';
import { useAwareness, useLiveRoom, useLiveSnapshot } from '../live/useLive';
import { useLocalPresence, usePresence } from '../live/usePresence';
import { NoteEditor } from '../board/NoteEditor';
import { BoardNotice, type Notice } from '../board/BoardNotice';
import { LOCAL_ORIGIN, useBoardHistory, useNotes, useNotesStore, useUndoState, useZonesSettled } from '../board/useBoard';
import { useNoteEditing, type LostNote } from '../board/useNoteEditing';
import { BoardToolbar } from '../board/BoardToolbar';
import { boardCommand, isTextField, screenCommand, type BoardCommand } from '../board/keymap';
import { readingOrder } from '../board/readingOrder';
import { SelectionAnnouncer } from '../board/SelectionAnnouncer';
import { CollapsiblePanel } from '../board/CollapsiblePanel';
import { usePrintHouse } from '../board/printHouse';
import { NotesPanel } from '../board/NotesPanel';
import { ZoomControls } from '../board/ZoomControls';
import { usePresentation } from '../board/usePresentation';
import type { StoredDoc } from '../docs/openDoc';
import { routeHref, useDocAccess, useDocValue, useSaveState, useStoredDoc } from '../hooks';
import { ReadOnlyNotice } from '../components/ReadOnlyNotice';
import type { DocAccess } from '../../shared/schema/docVersion';

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

/** Board commands that change the doc: none of them runs on a read-only board. */
const EDITING_COMMANDS: ReadonlySet<BoardCommand['type']> = new Set(['undo', 'redo', 'add', 'add-at-centre', 'edit', 'delete', 'nudge']);


function BoardView({
  sessionId,
  groupId,
  sessionDoc,
  board,
  access,
  onOpenSettings,
}: Props & { sessionDoc: Y.Doc; board: StoredDoc; access: DocAccess }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'nl';
  const doc = board.doc;
  const meta = useDocValue(sessionDoc, readSessionMeta);
  const groups = useDocValue(sessionDoc, readGroups);
  const template = templateById(meta?.templateId ?? 'house');
  const readTemplateQuestions = useCallback((d: Y.Doc) => readQuestions(d, template), [template]);
  const questions = useDocValue(sessionDoc, readTemplateQuestions);
  const store = useNotesStore(doc);
  const notes = useNotes(store);
  // The list beside the board may lag a frame behind a burst of remote notes; the canvas may not.
  const panelNotes = useDeferredValue(notes);
  const undo = useBoardHistory(doc);
  const undoState = useUndoState(undo);
  const readOnly = access.readOnly;
  /** Tries of a change on a read-only board: each one says why nothing happens (ReadOnlyNotice). */
  const [refusedTries, setRefusedTries] = useState(0);
  /**
   * True (and says why) when the board must not change: the one gate every editing gesture, key,
   * toolbar button and the note editor pass, while the doc is read-only (a newer app wrote it).
   */
  const refuse = useCallback(() => {
    if (!readOnly) return false;
    setRefusedTries((n) => n + 1);
    return true;
  }, [readOnly]);
  useZonesSettled(doc, template, !readOnly);
  const saveState = useSaveState(board);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [colour, setColour] = useState<NoteColour>('yellow');
  const [zoom, setZoom] = useState(1);
  const [presenting, setPresenting] = usePresentation();
  const boardRef = useRef<HouseBoardHandle>(null);
  const surfaceRef = useRef<HTMLDivElement>(null);
  const focusBoard = useCallback(() => surfaceRef.current?.focus({ preventScroll: true }), []);
  const onLost = useCallback((lost: LostNote) => setNotice({ kind: 'lost', lost }), []);
  const editing = useNoteEditing({ stored: board, store, notes, history: undo, onLost, focusBoard });
  const { selectedId, editingId } = editing;
  const closeEditor = editing.close;
  // A newer app's version arrived while someone was typing: the editor goes, writing nothing.
  useEffect(() => {
    if (readOnly) closeEditor();
  }, [readOnly, closeEditor]);
  const group = groups.find((g) => g.id === groupId);
  const room = useLiveRoom(sessionId);
  const live = useLiveSnapshot(room);
  const awareness = useAwareness(room, boardDocName(sessionId, groupId));
  const others = usePresence(awareness);
  const me = useMemo(() => (room ? presenceUser(room.membership) : null), [room]);
  const shareCursor = useLocalPresence(awareness, editingId, me);
  const presence = useMemo<BoardPresence>(
    () => ({
      cursors: others.flatMap((o) =>
        o.cursor ? [{ id: o.clientId, x: o.cursor.x, y: o.cursor.y, colour: o.user.colour, name: o.user.name }] : [],
      ),
      editing: others.flatMap((o) => (o.editing ? [{ noteId: o.editing, colour: o.user.colour, name: o.user.name || t('live.anonymous') }] : [])),
    }),
    [others, t],
  );
  const editingBy = useMemo(() => new Map(presence.editing.map((e) => [e.noteId, e.name])), [presence]);
  const author = room?.membership.role === 'participant' ? room.membership : null;
  /** Who writes a note added here: a participant's name and domain, if they gave them. */
  const byline = useMemo(
    () => ({ ...(author?.name ? { author: author.name } : {}), ...(author?.domain ? { domain: author.domain } : {}) }),
    [author],
  );
  usePrintHouse(boardRef, template, [group?.name, meta?.title].filter(Boolean).join(' — '));

  const createNote = useCallback(
    (at: Point) => {
      if (refuse()) return;
      undo.stopCapturing();
      const id = addNote(doc, template, { x: at.x, y: at.y, colour, ...byline }, LOCAL_ORIGIN);
      editing.editNew(id);
    },
    [doc, template, colour, undo, byline, editing, refuse],
  );

  const addToZone = (zoneId: string) => {
    if (refuse()) return;
    const zone = template.zones.find((z) => z.id === zoneId);
    if (!zone) return;
    const occupied = notes.map((n) => ({ x: n.x, y: n.y, width: NOTE_WIDTH, height: NOTE_HEIGHT }));
    const spot = freeSpotInZone(template, zone, occupied);
    boardRef.current?.reveal({ ...spot, id: '', text: '', zone: zoneId, colour, createdAt: 0, updatedAt: 0 });
    createNote(spot);
  };

  const addAtCentre = () => {
    const c = boardRef.current?.centre() ?? { x: 0, y: 0 };
    createNote({ x: c.x - NOTE_WIDTH / 2, y: c.y - NOTE_HEIGHT / 2 });
  };

  const onMove = useCallback(
    (id: string, x: number, y: number) => {
      if (refuse()) return;
      undo.stopCapturing();
      moveNote(doc, template, id, Math.round(x), Math.round(y), LOCAL_ORIGIN);
    },
    [doc, template, undo, refuse],
  );

  const finishEditing = () => {
    // On a board that became read-only while the editor was open, closing writes nothing.
    if (readOnly) {
      editing.close();
      focusBoard();
      return;
    }
    editing.finish();
    undo.stopCapturing();
    focusBoard();
  };

  const recolour = (next: NoteColour) => {
    if (refuse()) return;
    setColour(next);
    if (selectedId) {
      undo.stopCapturing();
      setNoteColour(doc, selectedId, next, LOCAL_ORIGIN);
    }
  };

  const remove = () => {
    if (!selectedId || refuse()) return;
    undo.stopCapturing();
    deleteNote(doc, selectedId, LOCAL_ORIGIN);
    editing.select(null);
  };

  /** Says so when (part of) a step stayed because someone else changed it since. */
  const tellHistory = (action: 'undo' | 'redo', outcome: HistoryOutcome) => {
    if (outcome === 'partly' || outcome === 'kept') setNotice({ kind: 'history', action, outcome });
  };
  const doUndo = () => {
    if (refuse()) return;
    editing.close();
    tellHistory('undo', undo.undo());
  };
  const doRedo = () => {
    if (refuse()) return;
    editing.close();
    tellHistory('redo', undo.redo());
  };

  /** The words of a note someone else deleted, back as a new note of this person's. */
  const restoreLost = (lost: LostNote) => {
    if (refuse()) return;
    undo.stopCapturing();
    const id = addNote(doc, template, { x: lost.x, y: lost.y, text: lost.text, colour: lost.colour, ...byline }, LOCAL_ORIGIN);
    undo.stopCapturing();
    setNotice(null);
    selectNote(id, true);
    focusBoard();
  };
  const closeNotice = useCallback(() => setNotice(null), []);

  const selectNote = (id: string | null, reveal = false) => {
    editing.select(id);
    const note = id ? store.get(id) : undefined;
    if (note && reveal) boardRef.current?.reveal(note);
  };

  const zoneLabel = (zoneId: string) => template.zones.find((z) => z.id === zoneId)?.label[lang] ?? t('board.parking');

  /** Every board command, whichever way it came (keys today; the toolbar calls the same functions). */
  const run = (command: BoardCommand): boolean => {
    if (EDITING_COMMANDS.has(command.type) && refuse()) return true;
    const selected = selectedId ? store.get(selectedId) : undefined;
    switch (command.type) {
      case 'undo':
        doUndo();
        return true;
      case 'redo':
        doRedo();
        return true;
      case 'add': {
        // Numbered as the house is built: 1 foundation, 2 walls, 3 roof.
        const zone = [...template.zones].reverse()[command.part - 1];
        if (zone) addToZone(zone.id);
        return true;
      }
      case 'add-at-centre':
        addAtCentre();
        return true;
      case 'edit':
        if (!selected) return false;
        editing.edit(selected.id);
        return true;
      case 'delete':
        if (!selected) return false;
        remove();
        return true;
      case 'nudge':
        if (!selected) return false;
        moveNote(doc, template, selected.id, selected.x + command.dx, selected.y + command.dy, LOCAL_ORIGIN);
        boardRef.current?.reveal({ ...selected, x: selected.x + command.dx, y: selected.y + command.dy });
        return true;
      case 'walk': {
        const ordered = readingOrder(notes, template);
        const index = selected ? ordered.findIndex((n) => n.id === selected.id) : -1;
        const next = index === -1 && command.back ? ordered.length - 1 : index + (command.back ? -1 : 1);
        // Past the last (or before the first) note, the keyboard leaves the board as usual.
        if (next < 0 || next >= ordered.length) return false;
        selectNote(ordered[next]!.id, true);
        return true;
      }
      case 'present':
        setPresenting(!presenting);
        boardRef.current?.fitHouse();
        return true;
      case 'escape':
        if (presenting) setPresenting(false);
        editing.select(null);
        return false;
      case 'zoom':
        boardRef.current?.zoomBy(command.factor);
        return true;
      case 'fit':
        boardRef.current?.fitHouse();
        return true;
    }
  };

  /**
   * Runs a toolbar action; when its button is disabled by it (nothing left to undo, the deleted
   * note was the selection), the keyboard goes back to the board instead of to nowhere, so the
   * next Ctrl+Z or arrow key still works.
   */
  const keepKeyboard = (action: () => void) => {
    action();
    requestAnimationFrame(() => {
      const active = document.activeElement;
      if (!active || active === document.body || (active instanceof HTMLButtonElement && active.disabled)) focusBoard();
    });
  };

  /** Keys for the board, only while the board itself has the keyboard (not a button on it). */
  const onBoardKey = (e: React.KeyboardEvent<HTMLDivElement>) => {
    if (editingId || e.target !== e.currentTarget) return;
    const command = boardCommand(e);
    if (command && run(command)) {
      e.preventDefault();
      e.stopPropagation();
    }
  };

  /** Undo and redo anywhere on the screen (after a toolbar button too), except in a text field. */
  const onScreenKey = (e: React.KeyboardEvent<HTMLElement>) => {
    if (editingId || isTextField(e.target)) return;
    const command = screenCommand(e);
    if (command && run(command)) e.preventDefault();
  };

  return (
    <main className={presenting ? 'board-screen presenting' : 'board-screen'} onKeyDown={onScreenKey}>
      <BoardToolbar
        backHref={routeHref({ name: 'session', sessionId })}
        sessionTitle={meta?.title ?? ''}
        groupName={group?.name ?? t('board.unknownGroup')}
        template={template}
        lang={lang}
        colour={colour}
        hasSelection={Boolean(selectedId)}
        undoState={undoState}
        saveState={saveState}
        onAdd={addToZone}
        onColour={recolour}
        onDelete={() => keepKeyboard(remove)}
        onUndo={() => keepKeyboard(doUndo)}
        onRedo={() => keepKeyboard(doRedo)}
        onOpenSettings={onOpenSettings}
        live={live ? <LiveBadge live={live} others={others} /> : null}
      />
      <LiveNotice room={room} />
      <ReadOnlyNotice access={access} tries={refusedTries} className="board-banner" />
      {saveState === 'error' && (
        <p role="alert" className="banner error board-banner">
          {t('save.errorHelp')}
        </p>
      )}
      <div className="board-body">
        {notice && <BoardNotice notice={notice} onRestore={restoreLost} onClose={closeNotice} />}
        <div
          ref={surfaceRef}
          className="board-surface"
          tabIndex={0}
          role="application"
          aria-label={t('board.canvasLabel', { group: group?.name ?? '' })}
          aria-describedby="board-help board-questions"
          onKeyDown={onBoardKey}
        >
          <HouseBoard
            ref={boardRef}
            template={template}
            questions={questions}
            lang={lang}
            parkingLabel={t('board.parking')}
            parkingHint={t('board.parkingHint')}
            notes={notes}
            selectedId={selectedId}
            editingId={editingId}
            onSelect={(id) => {
              editing.select(id);
              focusBoard();
            }}
            onMove={onMove}
            onCreateAt={createNote}
            onEdit={(id) => !refuse() && editing.edit(id)}
            onZoomChange={setZoom}
            presence={presence}
            onPointerWorld={shareCursor}
            renderEditor={(note, rect) => (
              <NoteEditor
                key={note.id}
                note={note}
                {...rect}
                readOnly={readOnly}
                onChange={(text) => setNoteText(doc, note.id, text, LOCAL_ORIGIN)}
                onDraft={(text) => editing.draft(note.id, text)}
                onDone={finishEditing}
                onUndo={doUndo}
                onRedo={doRedo}
                observeText={(listener) => observeNoteText(doc, note.id, listener)}
                compose={(base) => {
                  const held = holdNoteTextEdit(doc, note.id, base);
                  return held && { commit: (after) => held.commit(after, LOCAL_ORIGIN), cancel: held.cancel };
                }}
              />
            )}
          />
          <ZoomControls
            zoom={zoom}
            onZoomIn={() => boardRef.current?.zoomBy(1.25)}
            onZoomOut={() => boardRef.current?.zoomBy(0.8)}
            onFit={() => boardRef.current?.fitHouse()}
            presenting={presenting}
            onPresent={(on) => {
              setPresenting(on);
              boardRef.current?.fitHouse();
              focusBoard();
            }}
          />
          <p id="board-help" className="board-help">
            {t('board.help')}
          </p>
          {/* The questions are painted on the canvas; screen readers hear them with the board. */}
          <div id="board-questions" className="sr-only">
            {[...template.zones].reverse().map((zone) => (
              <p key={zone.id}>
                {zone.label[lang]}: {questions[zone.id]}
              </p>
            ))}
          </div>
          <SelectionAnnouncer note={selectedId ? (store.get(selectedId) ?? null) : null} zoneLabel={zoneLabel} />
        </div>
        <CollapsiblePanel>
          <NotesPanel
            template={template}
            lang={lang}
            notes={panelNotes}
            selectedId={selectedId}
            onSelect={(id) => selectNote(id, true)}
            editingBy={editingBy}
          />
        </CollapsiblePanel>
      </div>
    </main>
  );
}
