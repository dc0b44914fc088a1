import Konva from 'konva';
import {
  forwardRef,
  useCallback,
  useEffect,
  useImperativeHandle,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from 'react';
import { Layer, Rect, Shape, Stage } from 'react-konva';
import { NOTE_HEIGHT, NOTE_WIDTH, type Note } from '../../shared/schema/note';
import { rectsIntersect } from '../../shared/template/geometry';
import { PARKED, type BoardTemplate, type Point } from '../../shared/template/template';
import type { Language } from '../../shared/platform';
import { HouseDrawing, QUESTION_SIZE } from './HouseDrawing';
import { PresenceLayer, type BoardPresence } from './PresenceLayer';
import { SKETCH_BELOW_PX, drawLiftedNote, drawNotes, setTextDetail, type NotesDrawStats } from './noteDrawing';
import { NOTE_FONT_SIZES, layoutNoteText, minFontSize } from './textLayout';
import { useDevicePixelRatio } from './useDevicePixelRatio';
import { fitHouse, screenToWorld, visibleWorldRect, worldToScreen, zoomAt, type Viewport } from './viewport';

export interface HouseBoardHandle {
  fitHouse(): void;
  zoomBy(factor: number): void;
  /** The world point at the centre of the visible board. */
  centre(): Point;
  /** Pans so that the note is on screen. */
  reveal(note: Note): void;
  /** The Konva objects, for the benchmark page. */
  konva(): { stage: Konva.Stage; notesLayer: Konva.Layer; dragLayer: Konva.Layer } | null;
}

/** One note as the board last drew it (screen rectangle in CSS px relative to the board). */
export interface ProbedNote {
  id: string;
  text: string;
  left: number;
  top: number;
  width: number;
  height: number;
  /** Size of its text on screen, CSS px. */
  fontPx: number;
  lines: readonly string[];
  cut: boolean;
}

/**
 * What the board drew, for end-to-end tests: read through `element.bouwplaatsProbe()` on the
 * `.house-board` element. Computed when asked, so it costs nothing per frame.
 */
export interface BoardProbe {
  scale: number;
  /** The stage transform: screen = world × scale + (x, y). */
  view: Viewport;
  /** The notes layer's backing-store pixel ratio. */
  pixelRatio: number;
  stats: NotesDrawStats | null;
  /** Size of the zones' questions on screen, CSS px. */
  questionPx: number;
  notes: ProbedNote[];
}

export interface EditorRect {
  left: number;
  top: number;
  width: number;
  height: number;
}

interface Props {
  template: BoardTemplate;
  questions: Readonly<Record<string, string>>;
  lang: Language;
  parkingLabel: string;
  parkingHint: string;
  notes: readonly Note[];
  selectedId: string | null;
  editingId: string | null;
  onSelect: (id: string | null) => void;
  onMove: (id: string, x: number, y: number) => void;
  onCreateAt: (world: Point) => void;
  onEdit: (id: string) => void;
  renderEditor: (note: Note, rect: EditorRect) => ReactNode;
  onZoomChange?: (scale: number) => void;
  /** Other people on this board (live sessions). */
  presence?: BoardPresence;
  /** Where the pointer is over the board, in board coordinates (null when it leaves). */
  onPointerWorld?: (world: Point | null) => void;
}

type Gesture =
  | { kind: 'press'; id: string; start: Point; offset: Point }
  | { kind: 'drag'; id: string; offset: Point; proxy: Konva.Shape; ghost: Konva.Rect }
  | { kind: 'pan'; start: Point; from: Viewport };

/** Above this many notes on screen, text is sketched while the wheel zooms. */
const ZOOM_SKETCH_ABOVE = 300;
const ZOOM_REST_MS = 160;

const DRAG_THRESHOLD = 4;
/** How long the pointer rests on a cut note before its whole text shows. */
const HOVER_MS = 300;

/** Topmost note under a world point (notes are drawn in list order, so search from the end). */
function noteAt(notes: readonly Note[], p: Point): Note | undefined {
  for (let i = notes.length - 1; i >= 0; i--) {
    const n = notes[i]!;
    if (p.x >= n.x && p.x <= n.x + NOTE_WIDTH && p.y >= n.y && p.y <= n.y + NOTE_HEIGHT) return n;
  }
  return undefined;
}

/**
 * The house and its notes on a Konva stage. Konva only draws here: hit testing, dragging and
 * panning are done on plain pointer events against the note records, so Konva keeps no hit
 * canvas (halving every redraw), off-screen notes are hidden, and a dragged note moves on its own
 * layer so the other notes are not redrawn on every frame.
 */
export const HouseBoard = forwardRef<HouseBoardHandle, Props>(function HouseBoard(props, ref) {
  const { template, notes, selectedId, editingId, onSelect, onMove, onCreateAt, onEdit, onZoomChange, presence, onPointerWorld } =
    props;
  const [scale, setScale] = useState(1);
  const notesById = useMemo(() => new Map(notes.map((n) => [n.id, n])), [notes]);
  const containerRef = useRef<HTMLDivElement>(null);
  const stageRef = useRef<Konva.Stage>(null);
  const notesLayerRef = useRef<Konva.Layer>(null);
  const notesShapeRef = useRef<Konva.Shape>(null);
  const dragLayerRef = useRef<Konva.Layer>(null);
  const detailTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const [size, setSize] = useState<{ width: number; height: number } | null>(null);
  const viewRef = useRef<Viewport>({ x: 0, y: 0, scale: 1 });
  const [view, setView] = useState<Viewport>(viewRef.current);
  /** The transform the stage is created with: fitted, so its first draw is the one shown. */
  const [initialView, setInitialView] = useState<Viewport | null>(null);
  const gestureRef = useRef<Gesture | null>(null);
  const notesRef = useRef(notes);
  notesRef.current = notes;
  const sizeRef = useRef(size);
  sizeRef.current = size;
  const editingRef = useRef(editingId);
  editingRef.current = editingId;
  const lastScale = useRef(0);
  /** The view is the fitted house (not panned or zoomed since): a new window size refits it. */
  const fittedRef = useRef(true);
  const parkingInUse = notes.some((n) => n.zone === PARKED);
  const parkingRef = useRef(parkingInUse);
  parkingRef.current = parkingInUse;
  const langRef = useRef(props.lang);
  langRef.current = props.lang;
  const [tooltip, setTooltip] = useState<{ id: string; left: number; top: number; width: number } | null>(null);
  const tooltipRef = useRef(tooltip);
  tooltipRef.current = tooltip;
  const hoverTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const pixelRatio = useDevicePixelRatio();
  useLayoutEffect(() => {
    if (editingId) setView(viewRef.current);
  }, [editingId]);

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
  }, [pixelRatio, size]);

  /** Tells the notes shape which part of the board is on screen; returns how many notes lie there. */
  const cull = useCallback((): number => {
    const shape = notesShapeRef.current;
    const s = sizeRef.current;
    if (!shape || !s) return 0;
    const margin = 40 / viewRef.current.scale;
    const visible = visibleWorldRect(viewRef.current, s.width, s.height);
    const area = { x: visible.x - margin, y: visible.y - margin, width: visible.width + 2 * margin, height: visible.height + 2 * margin };
    shape.setAttr('view', area);
    let count = 0;
    for (const n of notesRef.current) {
      if (rectsIntersect(area, { x: n.x, y: n.y, width: NOTE_WIDTH, height: NOTE_HEIGHT })) count++;
    }
    return count;
  }, []);

  const hideTooltip = useCallback(() => {
    if (hoverTimer.current) clearTimeout(hoverTimer.current);
    hoverTimer.current = null;
    if (tooltipRef.current) setTooltip(null);
  }, []);

  const applyView = useCallback(
    (next: Viewport, zooming = false, fitted = false) => {
      viewRef.current = next;
      fittedRef.current = fitted;
      hideTooltip();
      const stage = stageRef.current;
      if (!stage) return;
      stage.position({ x: next.x, y: next.y });
      stage.scale({ x: next.scale, y: next.scale });
      const onScreen = cull();
      if (zooming && onScreen > ZOOM_SKETCH_ABOVE) {
        // Text at a new scale on every wheel step misses the glyph cache: sketch it while zooming,
        // and draw it again once the wheel rests.
        setTextDetail(false);
        if (detailTimer.current) clearTimeout(detailTimer.current);
        detailTimer.current = setTimeout(() => {
          detailTimer.current = null;
          setTextDetail(true);
          notesLayerRef.current?.batchDraw();
        }, ZOOM_REST_MS);
      }
      stage.batchDraw();
      // React only needs the view to place the text editor; re-rendering on every pan frame
      // would cost frames with thousands of notes.
      if (editingRef.current) setView(next);
      if (next.scale !== lastScale.current) {
        lastScale.current = next.scale;
        setScale(next.scale);
        onZoomChange?.(next.scale);
      }
    },
    [cull, onZoomChange, hideTooltip],
  );

  const applyViewRef = useRef(applyView);
  applyViewRef.current = applyView;

  const fit = useCallback(() => {
    const s = sizeRef.current;
    fittedRef.current = true;
    if (s) applyView(fitHouse(template, s.width, s.height, parkingRef.current), false, true);
  }, [applyView, template]);

  useImperativeHandle(
    ref,
    () => ({
      fitHouse: fit,
      zoomBy(factor) {
        const s = sizeRef.current;
        if (s) applyView(zoomAt(viewRef.current, { x: s.width / 2, y: s.height / 2 }, factor));
      },
      centre() {
        const s = sizeRef.current ?? { width: 0, height: 0 };
        return screenToWorld(viewRef.current, { x: s.width / 2, y: s.height / 2 });
      },
      reveal(note) {
        const s = sizeRef.current;
        if (!s) return;
        const v = viewRef.current;
        const tl = worldToScreen(v, note);
        const br = worldToScreen(v, { x: note.x + NOTE_WIDTH, y: note.y + NOTE_HEIGHT });
        if (tl.x >= 0 && tl.y >= 0 && br.x <= s.width && br.y <= s.height) return;
        const cx = note.x + NOTE_WIDTH / 2;
        const cy = note.y + NOTE_HEIGHT / 2;
        applyView({ ...v, x: s.width / 2 - cx * v.scale, y: s.height / 2 - cy * v.scale });
      },
      konva() {
        const stage = stageRef.current;
        const notesLayer = notesLayerRef.current;
        const dragLayer = dragLayerRef.current;
        return stage && notesLayer && dragLayer ? { stage, notesLayer, dragLayer } : null;
      },
    }),
    [applyView, fit],
  );

  // The test probe (see BoardProbe): computed from the last draw when a test asks.
  useEffect(() => {
    const el = containerRef.current as (HTMLDivElement & { bouwplaatsProbe?: () => BoardProbe }) | null;
    if (!el) return;
    el.bouwplaatsProbe = () => {
      const shape = notesShapeRef.current as (Konva.Shape & { drawStats?: NotesDrawStats }) | null;
      const stats = shape?.drawStats ?? null;
      const v = viewRef.current;
      const minSize = stats?.minSize ?? minFontSize(v.scale);
      const s = sizeRef.current ?? { width: 0, height: 0 };
      const seen = visibleWorldRect(v, s.width, s.height);
      const notes = notesRef.current
        .filter((n) => rectsIntersect(seen, { x: n.x, y: n.y, width: NOTE_WIDTH, height: NOTE_HEIGHT }))
        .map((n) => {
          const layout = layoutNoteText(n.text, minSize, langRef.current);
          const tl = worldToScreen(v, n);
          return {
            id: n.id,
            text: n.text,
            left: tl.x,
            top: tl.y,
            width: NOTE_WIDTH * v.scale,
            height: NOTE_HEIGHT * v.scale,
            fontPx: layout.fontSize * v.scale,
            lines: layout.lines,
            cut: layout.cut,
          };
        });
      const layer = notesLayerRef.current;
      return { scale: v.scale, view: v, pixelRatio: layer?.getCanvas().getPixelRatio() ?? 0, stats, questionPx: QUESTION_SIZE * v.scale, notes };
    };
    return () => {
      delete el.bouwplaatsProbe;
    };
  }, []);

  // Follow the container's size; fit the house the first time we know it.
  useLayoutEffect(() => {
    const el = containerRef.current;
    if (!el) return;
    const measure = () => {
      const next = { width: el.clientWidth, height: el.clientHeight };
      const old = sizeRef.current;
      if (next.width <= 0 || next.height <= 0) return;
      if (!old) {
        viewRef.current = fitHouse(template, next.width, next.height, parkingRef.current);
        lastScale.current = viewRef.current.scale;
        setScale(viewRef.current.scale);
        setInitialView(viewRef.current);
        onZoomChange?.(viewRef.current.scale);
      }
      sizeRef.current = next;
      setSize((prev) => (prev && prev.width === next.width && prev.height === next.height ? prev : next));
      if (old && (old.width !== next.width || old.height !== next.height)) {
        // A new window size (another screen, presentation mode, a panel opening): the fitted house
        // is fitted again; a view someone zoomed into keeps what was in its middle in the middle.
        if (fittedRef.current) {
          applyViewRef.current(fitHouse(template, next.width, next.height, parkingRef.current), false, true);
        } else {
          const v = viewRef.current;
          const centre = screenToWorld(v, { x: old.width / 2, y: old.height / 2 });
          applyViewRef.current({ scale: v.scale, x: next.width / 2 - centre.x * v.scale, y: next.height / 2 - centre.y * v.scale });
        }
      }
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
    // Measured once on mount; later sizes come from the observer.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  useLayoutEffect(() => {
    if (size) cull();
  }, [size, cull]);

  // New or moved notes may lie off screen.
  useLayoutEffect(() => {
    cull();
  }, [notes, cull]);

  // Wheel zooms at the pointer; it must not scroll the page, so the listener is not passive.
  useEffect(() => {
    const el = containerRef.current;
    if (!el) return;
    const onWheel = (e: WheelEvent) => {
      e.preventDefault();
      const rect = el.getBoundingClientRect();
      const factor = Math.exp(-Math.max(-100, Math.min(100, e.deltaY)) * 0.0025);
      applyView(zoomAt(viewRef.current, { x: e.clientX - rect.left, y: e.clientY - rect.top }, factor), true);
    };
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => {
      el.removeEventListener('wheel', onWheel);
      if (detailTimer.current) clearTimeout(detailTimer.current);
      setTextDetail(true);
    };
  }, [applyView]);

  const local = (e: { clientX: number; clientY: number }): Point => {
    const rect = containerRef.current!.getBoundingClientRect();
    return { x: e.clientX - rect.left, y: e.clientY - rect.top };
  };

  const endDrag = (gesture: Extract<Gesture, { kind: 'drag' }>, commit: boolean) => {
    const { proxy, ghost, id } = gesture;
    if (commit) onMove(id, proxy.x(), proxy.y());
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
    const v = viewRef.current;
    const hit = noteAt(notesRef.current, screenToWorld(v, screen));
    const shown = tooltipRef.current;
    if (shown && hit?.id === shown.id) return;
    hideTooltip();
    if (!hit || !hit.text) return;
    const sketched = NOTE_FONT_SIZES[0]! * v.scale < SKETCH_BELOW_PX;
    if (!sketched && !layoutNoteText(hit.text, minFontSize(v.scale), langRef.current).cut) return;
    hoverTimer.current = setTimeout(() => {
      hoverTimer.current = null;
      const tl = worldToScreen(v, hit);
      setTooltip({ id: hit.id, left: tl.x, top: tl.y + NOTE_HEIGHT * v.scale + 6, width: Math.max(240, NOTE_WIDTH * v.scale) });
    }, HOVER_MS);
  };

  const onPointerDown = (e: React.PointerEvent<HTMLDivElement>) => {
    hideTooltip();
    if (e.button !== 0 || gestureRef.current) return;
    const screen = local(e);
    const world = screenToWorld(viewRef.current, screen);
    const hit = noteAt(notesRef.current, world);
    e.currentTarget.setPointerCapture(e.pointerId);
    if (hit) {
      onSelect(hit.id);
      gestureRef.current = { kind: 'press', id: hit.id, start: screen, offset: { x: world.x - hit.x, y: world.y - hit.y } };
    } else {
      onSelect(null);
      gestureRef.current = { kind: 'pan', start: screen, from: viewRef.current };
    }
  };

  const onPointerMove = (e: React.PointerEvent<HTMLDivElement>) => {
    const screen = local(e);
    onPointerWorld?.(screenToWorld(viewRef.current, screen));
    const gesture = gestureRef.current;
    if (!gesture) {
      hover(screen);
      return;
    }
    if (gesture.kind === 'pan') {
      applyView({ ...gesture.from, x: gesture.from.x + screen.x - gesture.start.x, y: gesture.from.y + screen.y - gesture.start.y });
      return;
    }
    const world = screenToWorld(viewRef.current, screen);
    if (gesture.kind === 'press') {
      if (Math.hypot(screen.x - gesture.start.x, screen.y - gesture.start.y) < DRAG_THRESHOLD) return;
      const dragLayer = dragLayerRef.current;
      const original = notesRef.current.find((n) => n.id === gesture.id);
      if (!dragLayer || !original) return;
      // The note lifts onto the overlay layer; where it was, it is only dimmed there, so the
      // thousands of notes below are not redrawn until it is dropped.
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
        lang: langRef.current,
        sceneFunc: drawLiftedNote,
        listening: false,
        perfectDrawEnabled: false,
      });
      dragLayer.add(ghost, proxy);
      gestureRef.current = { kind: 'drag', id: gesture.id, offset: gesture.offset, proxy, ghost };
    }
    const drag = gestureRef.current;
    if (drag?.kind === 'drag') {
      drag.proxy.position({ x: world.x - drag.offset.x, y: world.y - drag.offset.y });
      dragLayerRef.current?.batchDraw();
    }
  };

  const onPointerUp = (e: React.PointerEvent<HTMLDivElement>) => {
    const gesture = gestureRef.current;
    gestureRef.current = null;
    if (e.currentTarget.hasPointerCapture(e.pointerId)) e.currentTarget.releasePointerCapture(e.pointerId);
    if (gesture?.kind === 'drag') endDrag(gesture, e.type === 'pointerup');
  };

  const onDoubleClick = (e: React.MouseEvent<HTMLDivElement>) => {
    const world = screenToWorld(viewRef.current, local(e));
    const hit = noteAt(notesRef.current, world);
    if (hit) onEdit(hit.id);
    else onCreateAt({ x: world.x - NOTE_WIDTH / 2, y: world.y - NOTE_HEIGHT / 2 });
  };

  const selected = selectedId ? notesById.get(selectedId) : undefined;
  const tooltipNote = tooltip ? notesById.get(tooltip.id) : undefined;
  const editing = editingId ? notesById.get(editingId) : undefined;
  let editor: ReactNode = null;
  if (editing && size) {
    const tl = worldToScreen(view, editing);
    const width = Math.max(NOTE_WIDTH * view.scale, 280);
    const height = Math.max(NOTE_HEIGHT * view.scale, 170);
    const left = Math.min(Math.max(8, tl.x), Math.max(8, size.width - width - 8));
    // Room below it for the counter and, after a paste that was cut, the notice.
    const top = Math.min(Math.max(8, tl.y), Math.max(8, size.height - height - 100));
    editor = props.renderEditor(editing, { left, top, width, height });
  }

  return (
    <div
      ref={containerRef}
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
      {size && initialView && (
        <Stage
          ref={stageRef}
          width={size.width}
          height={size.height}
          x={initialView.x}
          y={initialView.y}
          scaleX={initialView.scale}
          scaleY={initialView.scale}
          listening={false}
        >
          <Layer ref={notesLayerRef} listening={false}>
            <HouseDrawing
              template={template}
              questions={props.questions}
              lang={props.lang}
              parkingLabel={props.parkingLabel}
              parkingHint={props.parkingHint}
            />
            <Shape
              ref={notesShapeRef}
              notes={notes}
              view={null}
              lang={props.lang}
              sceneFunc={drawNotes}
              listening={false}
              perfectDrawEnabled={false}
            />
          </Layer>
          {presence && (presence.cursors.length > 0 || presence.editing.length > 0) && (
            <PresenceLayer presence={presence} notes={notesById} scale={scale} />
          )}
          <Layer ref={dragLayerRef} listening={false}>
            {selected && (
              <Rect
                x={selected.x - 5}
                y={selected.y - 5}
                width={NOTE_WIDTH + 10}
                height={NOTE_HEIGHT + 10}
                stroke="#1565c0"
                strokeWidth={6}
                listening={false}
              />
            )}
          </Layer>
        </Stage>
      )}
      {editor}
      {tooltipNote && tooltip && !editing && (
        <div
          className="note-tooltip"
          role="tooltip"
          style={{ left: Math.max(8, Math.min(tooltip.left, (size?.width ?? 0) - tooltip.width - 8)), top: tooltip.top, maxWidth: tooltip.width }}
        >
          {tooltipNote.text}
        </div>
      )}
    </div>
  );
});
