import Konva from 'konva';
import {
  forwardRef,
  memo,
  useCallback,
  useEffect,
  useImperativeHandle,
  useLayoutEffect,
  useRef,
  useState,
  useSyncExternalStore,
  type ReactNode,
} from 'react';
import { Layer, Shape, Stage } from 'react-konva';
import { NOTE_HEIGHT, NOTE_WIDTH, type Note } from '../../shared/schema/note';
import type { Point } from '../../shared/template/template';
import type { BoardCommand } from './commands';
import type { NotesStore } from './notesStore';
import { QUESTION_SIZE, type HousePicture } from './paint/house';
import { drawHouseShape, drawLiftedNoteShape, drawNotesShape, drawSelectionShape, repaintAll, type NotesShape } from './paint/konvaShapes';
import { SKETCH_BELOW_PX, noteInView } from './paint/notes';
import { PresenceLayer, type BoardPresence } from './PresenceLayer';
import { NOTE_FONT_SIZES, layoutNoteText, minFontSize } from './textLayout';
import { useDevicePixelRatio } from './useDevicePixelRatio';
import { useViewportState, type ViewChange, type ViewportHandle } from './useViewport';
import { screenToWorld, visibleWorldRect, worldToScreen, type Viewport } from './viewport';
import { probeNotes, type BoardProbe } from './probe';

export type { BoardProbe, ProbedNote } from './probe';

export interface HouseBoardHandle {
  /** The Konva objects, for the benchmark page. */
  konva(): { stage: Konva.Stage; notesLayer: Konva.Layer; dragLayer: Konva.Layer } | null;
}

export interface EditorRect {
  left: number;
  top: number;
  width: number;
  height: number;
}

interface Props {
  picture: HousePicture;
  /** The board's notes: painted straight from here when they change, without a React render. */
  store: NotesStore;
  viewport: ViewportHandle;
  selectedId: string | null;
  editingId: string | null;
  /** Whether notes may be picked up and dragged (the command runner still decides every change). */
  editable: boolean;
  /** Runs what a gesture means: select, move (a drop), edit (double-click a note), add-at (double-click the board). */
  run: (command: BoardCommand) => boolean;
  renderEditor: (note: Note, rect: EditorRect) => ReactNode;
  /** Other people on this board (live sessions). */
  presence?: BoardPresence;
  /** Where the pointer is over the board, in board coordinates (null when it leaves). */
  onPointerWorld?: (world: Point | null) => void;
}

type Gesture =
  | { kind: 'press'; id: string; start: Point; offset: Point; from: Viewport }
  | { kind: 'drag'; id: string; offset: Point; proxy: Konva.Shape; ghost: Konva.Rect }
  | { kind: 'pan'; start: Point; from: Viewport };

/** Above this many notes on screen, text is sketched while the wheel zooms. */
const ZOOM_SKETCH_ABOVE = 300;
const ZOOM_REST_MS = 160;

const DRAG_THRESHOLD = 4;
/** How long the pointer rests on a cut note before its whole text shows. */
const HOVER_MS = 300;

/** Topmost note under a world point (notes are drawn in list order, so search from the end). */
export function noteAt(notes: readonly Note[], p: Point): Note | undefined {
  for (let i = notes.length - 1; i >= 0; i--) {
    const n = notes[i]!;
    if (p.x >= n.x && p.x <= n.x + NOTE_WIDTH && p.y >= n.y && p.y <= n.y + NOTE_HEIGHT) return n;
  }
  return undefined;
}

/** One note of the store, re-rendering only when that note changes. */
function useStoreNote(store: NotesStore, id: string | null): Note | undefined {
  return useSyncExternalStore(store.subscribe, () => (id ? store.get(id) : undefined));
}

/**
 * The editor's board: the house and its notes on a Konva stage, and the gestures on them. Konva
 * only draws here: hit testing, dragging and panning run on plain pointer events against the note
 * records, so Konva keeps no hit canvas. The house has a layer of its own (it changes only with
 * the view); all notes are one shape painted from the store as soon as it tells of a change,
 * repainting only the places that changed; a dragged note and the selection are on a third layer,
 * so picking a note up or selecting one repaints none of the others.
 */
export const HouseBoard = memo(
  forwardRef<HouseBoardHandle, Props>(function HouseBoard(props, ref) {
    const { picture, store, selectedId, editingId, editable, run, presence, onPointerWorld } = props;
    const { viewport, measure } = props.viewport;
    const { scale, size } = useViewportState(viewport);
    const containerRef = useRef<HTMLDivElement | null>(null);
    const stageRef = useRef<Konva.Stage>(null);
    const notesLayerRef = useRef<Konva.Layer>(null);
    const notesShapeRef = useRef<Konva.Shape>(null);
    const dragLayerRef = useRef<Konva.Layer>(null);
    const selectionRef = useRef<Konva.Shape>(null);
    const detailTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
    const hoverTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
    const gestureRef = useRef<Gesture | null>(null);
    /** What the stage is created with: the fitted view and the notes then, so its first draw is the one shown. */
    const [initial, setInitial] = useState<{ view: Viewport; notes: readonly Note[] } | null>(null);
    if (size && !initial) setInitial({ view: viewport.current(), notes: store.getSnapshot() });
    /** Re-renders to move the editor with the view (only while a note is edited: a pan must not re-render the board). */
    const [, setViewMoves] = useState(0);
    /** `top` below the note, `above` the y its bottom edge would have above it (when low on the screen). */
    const [tooltip, setTooltip] = useState<{ id: string; text: string; left: number; top: number; above: number; width: number } | null>(null);
    const latest = useRef({ selectedId, editingId, editable, run, lang: picture.lang, onPointerWorld, tooltip });
    useLayoutEffect(() => {
      latest.current = { selectedId, editingId, editable, run, lang: picture.lang, onPointerWorld, tooltip };
    });
    const editing = useStoreNote(store, editingId);
    const pixelRatio = useDevicePixelRatio();
    const stageReady = initial !== null;

    const setContainer = useCallback(
      (el: HTMLDivElement | null) => {
        containerRef.current = el;
        return measure(el);
      },
      [measure],
    );

    const hideTooltip = useCallback(() => {
      if (hoverTimer.current) clearTimeout(hoverTimer.current);
      hoverTimer.current = null;
      if (latest.current.tooltip) setTooltip(null);
    }, []);

    /** Tells the notes shape which part of the board is on screen; returns how many notes lie there. */
    const cull = useCallback((): number => {
      const shape = notesShapeRef.current;
      const s = viewport.size();
      if (!shape || !s) return 0;
      const v = viewport.current();
      const margin = 40 / v.scale;
      const visible = visibleWorldRect(v, s.width, s.height);
      const area = { x: visible.x - margin, y: visible.y - margin, width: visible.width + 2 * margin, height: visible.height + 2 * margin };
      shape.setAttr('view', area);
      let count = 0;
      for (const n of store.getSnapshot()) if (noteInView(n, area)) count++;
      return count;
    }, [viewport, store]);

    /** The selection outline follows the selected note as the store has it. */
    const showSelection = useCallback(() => {
      const shape = selectionRef.current;
      if (!shape) return;
      const id = latest.current.selectedId;
      const note = (id && store.get(id)) || null;
      if (shape.getAttr('note') === note) return;
      shape.setAttr('note', note);
      dragLayerRef.current?.batchDraw();
    }, [store]);
    useLayoutEffect(showSelection, [selectedId, showSelection, stageReady]);

    // The notes, straight from the store: a remote change is painted at once (the store tells of
    // those at most once a frame), a local one with the next frame, together with what else it moves.
    useLayoutEffect(() => {
      const shape = notesShapeRef.current;
      const layer = notesLayerRef.current;
      if (!shape || !layer) return;
      const show = (remote: boolean) => {
        shape.setAttr('notes', store.getSnapshot());
        cull();
        if (remote) layer.draw();
        else layer.batchDraw();
        showSelection();
      };
      show(false);
      return store.subscribe(show);
    }, [store, cull, showSelection, stageReady]);

    // The view, straight from the viewport: a pan moves the stage without a React render.
    useLayoutEffect(() => {
      const stage = stageRef.current;
      if (!stage) return;
      const apply = ({ view, zooming }: Pick<ViewChange, 'view' | 'zooming'>) => {
        stage.position({ x: view.x, y: view.y });
        stage.scale({ x: view.scale, y: view.scale });
        hideTooltip();
        const onScreen = cull();
        const shape = notesShapeRef.current;
        if (zooming && onScreen > ZOOM_SKETCH_ABOVE && shape) {
          // Text at a new scale on every wheel step misses the glyph cache: sketch it while zooming,
          // and draw it again once the wheel rests.
          shape.setAttr('sketch', true);
          if (detailTimer.current) clearTimeout(detailTimer.current);
          detailTimer.current = setTimeout(() => {
            detailTimer.current = null;
            shape.setAttr('sketch', false);
            notesLayerRef.current?.batchDraw();
          }, ZOOM_REST_MS);
        }
        stage.batchDraw();
        // React only needs the view to place the text editor.
        if (latest.current.editingId) setViewMoves((n) => n + 1);
      };
      apply({ view: viewport.current(), zooming: false });
      const stop = viewport.subscribe(apply);
      return () => {
        stop();
        if (detailTimer.current) clearTimeout(detailTimer.current);
      };
    }, [viewport, cull, hideTooltip, stageReady]);

    // A new screen density: every layer's backing store follows it, or the board is blurry (or
    // needlessly sharp) until a reload. New layers take Konva's global ratio.
    useLayoutEffect(() => {
      Konva.pixelRatio = pixelRatio;
      const stage = stageRef.current;
      if (!stage) return;
      for (const layer of stage.getLayers()) {
        if (layer.getCanvas().getPixelRatio() !== pixelRatio) layer.getCanvas().setPixelRatio(pixelRatio);
      }
      stage.batchDraw();
    }, [pixelRatio, size, stageReady]);

    // A canvas whose context the browser lost and gave back is blank: the notes are painted whole again.
    useEffect(() => {
      const canvas = notesLayerRef.current?.getNativeCanvasElement();
      const shape = notesShapeRef.current;
      if (!canvas || !shape) return;
      const restored = () => {
        repaintAll(shape);
        stageRef.current?.batchDraw();
      };
      canvas.addEventListener('contextrestored', restored);
      return () => canvas.removeEventListener('contextrestored', restored);
    }, [stageReady]);

    useImperativeHandle(
      ref,
      () => ({
        konva() {
          const stage = stageRef.current;
          const notesLayer = notesLayerRef.current;
          const dragLayer = dragLayerRef.current;
          return stage && notesLayer && dragLayer ? { stage, notesLayer, dragLayer } : null;
        },
      }),
      [],
    );

    // The test probe (see BoardProbe): computed from the last draw when a test asks. And a check of
    // the painter's repaints of a few places: whether the notes canvas has exactly the pixels a
    // paint of every note gives (it is painted whole again to compare).
    useEffect(() => {
      const el = containerRef.current as (HTMLDivElement & { bouwplaatsProbe?: () => BoardProbe; bouwplaatsRepaintsExact?: () => boolean }) | null;
      if (!el) return;
      el.bouwplaatsRepaintsExact = () => {
        const layer = notesLayerRef.current;
        const shape = notesShapeRef.current;
        if (!layer || !shape) return false;
        layer.draw();
        const canvas = layer.getNativeCanvasElement();
        const before = canvas.toDataURL();
        repaintAll(shape);
        layer.draw();
        return canvas.toDataURL() === before;
      };
      el.bouwplaatsProbe = () => {
        const shape = notesShapeRef.current as NotesShape | null;
        const stats = shape?.drawStats ?? null;
        const v = viewport.current();
        const s = viewport.size() ?? { width: 0, height: 0 };
        const notes = probeNotes(store.getSnapshot(), v, s, stats?.minSize ?? minFontSize(v.scale), latest.current.lang);
        const layer = notesLayerRef.current;
        return { scale: v.scale, view: v, pixelRatio: layer?.getCanvas().getPixelRatio() ?? 0, stats, questionPx: QUESTION_SIZE * v.scale, notes };
      };
      return () => {
        delete el.bouwplaatsProbe;
        delete el.bouwplaatsRepaintsExact;
      };
    }, [store, viewport]);

    // Wheel zooms at the pointer; it must not scroll the page, so the listener is not passive.
    useEffect(() => {
      const el = containerRef.current;
      if (!el) return;
      const onWheel = (e: WheelEvent) => {
        e.preventDefault();
        const rect = el.getBoundingClientRect();
        const factor = Math.exp(-Math.max(-100, Math.min(100, e.deltaY)) * 0.0025);
        viewport.zoomBy(factor, { x: e.clientX - rect.left, y: e.clientY - rect.top }, true);
      };
      el.addEventListener('wheel', onWheel, { passive: false });
      return () => el.removeEventListener('wheel', onWheel);
    }, [viewport]);

    const local = (e: { clientX: number; clientY: number }): Point => {
      const rect = containerRef.current!.getBoundingClientRect();
      return { x: e.clientX - rect.left, y: e.clientY - rect.top };
    };

    const endDrag = (gesture: Extract<Gesture, { kind: 'drag' }>, commit: boolean) => {
      const { proxy, ghost, id } = gesture;
      if (commit) run({ type: 'move', id, x: proxy.x(), y: proxy.y() });
      proxy.destroy();
      ghost.destroy();
      dragLayerRef.current?.batchDraw();
    };

    /**
     * Over a note whose text is cut ("…") or too small to draw at this zoom, its whole text shows in
     * a tooltip after a moment: readable without opening the editor (or on the projector, where the
     * notes panel is hidden).
     */
    const hover = (screen: Point) => {
      const v = viewport.current();
      const hit = noteAt(store.getSnapshot(), screenToWorld(v, screen));
      const shown = latest.current.tooltip;
      if (shown && hit?.id === shown.id) return;
      hideTooltip();
      if (!hit || !hit.text) return;
      const sketched = NOTE_FONT_SIZES[0]! * v.scale < SKETCH_BELOW_PX;
      if (!sketched && !layoutNoteText(hit.text, minFontSize(v.scale), latest.current.lang).cut) return;
      hoverTimer.current = setTimeout(() => {
        hoverTimer.current = null;
        const tl = worldToScreen(v, hit);
        setTooltip({ id: hit.id, text: hit.text, left: tl.x, top: tl.y + NOTE_HEIGHT * v.scale + 6, above: tl.y - 6, width: Math.max(240, NOTE_WIDTH * v.scale) });
      }, HOVER_MS);
    };

    /** Lifts a note onto the overlay layer; where it was, it is only dimmed there, so the notes below are not repainted until it is dropped. */
    const lift = (id: string, offset: Point): Extract<Gesture, { kind: 'drag' }> | null => {
      const dragLayer = dragLayerRef.current;
      const original = store.get(id);
      if (!dragLayer || !original) return null;
      const ghost = new Konva.Rect({
        x: original.x,
        y: original.y,
        width: NOTE_WIDTH,
        height: NOTE_HEIGHT,
        fill: 'rgba(255,255,255,0.6)',
        stroke: 'rgba(0,0,0,0.35)',
        dash: [10, 6],
        strokeWidth: 2,
        listening: false,
      });
      const proxy = new Konva.Shape({
        x: original.x,
        y: original.y,
        note: original,
        lang: latest.current.lang,
        sceneFunc: drawLiftedNoteShape,
        listening: false,
        perfectDrawEnabled: false,
      });
      dragLayer.add(ghost, proxy);
      return { kind: 'drag', id, offset, proxy, ghost };
    };

    const onPointerDown = (e: React.PointerEvent<HTMLDivElement>) => {
      hideTooltip();
      if (e.button !== 0 || gestureRef.current) return;
      const screen = local(e);
      const from = viewport.current();
      const world = screenToWorld(from, screen);
      const hit = noteAt(store.getSnapshot(), world);
      e.currentTarget.setPointerCapture(e.pointerId);
      run({ type: 'select', id: hit?.id ?? null });
      gestureRef.current = hit
        ? { kind: 'press', id: hit.id, start: screen, offset: { x: world.x - hit.x, y: world.y - hit.y }, from }
        : { kind: 'pan', start: screen, from };
    };

    const onPointerMove = (e: React.PointerEvent<HTMLDivElement>) => {
      const screen = local(e);
      onPointerWorld?.(screenToWorld(viewport.current(), screen));
      let gesture = gestureRef.current;
      if (!gesture) {
        hover(screen);
        return;
      }
      if (gesture.kind === 'press') {
        if (Math.hypot(screen.x - gesture.start.x, screen.y - gesture.start.y) < DRAG_THRESHOLD) return;
        // A note that may not be moved: the board pans instead.
        gesture = (editable && lift(gesture.id, gesture.offset)) || { kind: 'pan', start: gesture.start, from: gesture.from };
        gestureRef.current = gesture;
      }
      if (gesture.kind === 'pan') {
        const { from, start } = gesture;
        viewport.set({ ...from, x: from.x + screen.x - start.x, y: from.y + screen.y - start.y });
        return;
      }
      const world = screenToWorld(viewport.current(), screen);
      gesture.proxy.position({ x: world.x - gesture.offset.x, y: world.y - gesture.offset.y });
      dragLayerRef.current?.batchDraw();
    };

    const onPointerUp = (e: React.PointerEvent<HTMLDivElement>) => {
      const gesture = gestureRef.current;
      gestureRef.current = null;
      if (e.currentTarget.hasPointerCapture(e.pointerId)) e.currentTarget.releasePointerCapture(e.pointerId);
      if (gesture?.kind === 'drag') endDrag(gesture, e.type === 'pointerup');
    };

    const onDoubleClick = (e: React.MouseEvent<HTMLDivElement>) => {
      const world = screenToWorld(viewport.current(), local(e));
      const hit = noteAt(store.getSnapshot(), world);
      run(hit ? { type: 'edit', id: hit.id } : { type: 'add-at', at: world });
    };

    let editor: ReactNode = null;
    if (editing && size) {
      const editorView = viewport.current();
      const tl = worldToScreen(editorView, editing);
      const width = Math.max(NOTE_WIDTH * editorView.scale, 280);
      const height = Math.max(NOTE_HEIGHT * editorView.scale, 170);
      const left = Math.min(Math.max(8, tl.x), Math.max(8, size.width - width - 8));
      // Room below it for the counter and, after a paste that was cut, the notice.
      const top = Math.min(Math.max(8, tl.y), Math.max(8, size.height - height - 100));
      editor = props.renderEditor(editing, { left, top, width, height });
    }

    return (
      <div
        ref={setContainer}
        className="house-board"
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={onPointerUp}
        onPointerLeave={() => {
          hideTooltip();
          onPointerWorld?.(null);
        }}
        onDoubleClick={onDoubleClick}
      >
        {size && initial && (
          <Stage
            ref={stageRef}
            width={size.width}
            height={size.height}
            x={initial.view.x}
            y={initial.view.y}
            scaleX={initial.view.scale}
            scaleY={initial.view.scale}
            listening={false}
          >
            <Layer listening={false}>
              <Shape picture={picture} sceneFunc={drawHouseShape} listening={false} perfectDrawEnabled={false} />
            </Layer>
            <Layer ref={notesLayerRef} listening={false} clearBeforeDraw={false}>
              <Shape
                ref={notesShapeRef}
                notes={initial.notes}
                view={null}
                lang={picture.lang}
                sketch={false}
                sceneFunc={drawNotesShape}
                listening={false}
                perfectDrawEnabled={false}
              />
            </Layer>
            {presence && (presence.cursors.length > 0 || presence.editing.length > 0) && (
              <PresenceLayer presence={presence} store={store} scale={scale} />
            )}
            <Layer ref={dragLayerRef} listening={false}>
              <Shape ref={selectionRef} note={null} sceneFunc={drawSelectionShape} listening={false} />
            </Layer>
          </Stage>
        )}
        {editor}
        {tooltip && !editing && (
          <div
            className="note-tooltip"
            role="tooltip"
            style={{
              left: Math.max(8, Math.min(tooltip.left, (size?.width ?? 0) - tooltip.width - 8)),
              maxWidth: tooltip.width,
              // In the lower half of the board it opens above the note, so it is never cut off below;
              // its height is capped to what fits there (a 500-character note scrolls).
              ...(tooltip.top > (size?.height ?? 0) / 2
                ? { bottom: (size?.height ?? 0) - tooltip.above, maxHeight: Math.max(80, tooltip.above - 8) }
                : { top: tooltip.top, maxHeight: Math.max(80, (size?.height ?? 0) - tooltip.top - 8) }),
            }}
          >
            {tooltip.text}
          </div>
        )}
      </div>
    );
  }),
);
