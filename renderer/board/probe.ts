import { NOTE_HEIGHT, NOTE_WIDTH, type Note } from '../../shared/schema/note';
import { rectsIntersect } from '../../shared/template/geometry';
import type { Language } from '../../shared/platform';
import type { NotesDrawStats } from './paint/notes';
import { layoutNoteText } from './textLayout';
import { visibleWorldRect, worldToScreen, type Viewport } from './viewport';

/** One note as a board last drew it (screen rectangle in CSS px relative to the board). */
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
 * What a board drew, for end-to-end tests: read through `element.bouwplaatsProbe()` on the
 * `.house-board` (editor) or `.house-view` (read-only) element. Computed when asked, so it costs
 * nothing per frame.
 */
export interface BoardProbe {
  scale: number;
  /** The transform: screen = world × scale + (x, y). */
  view: Viewport;
  /** The notes canvas's backing-store pixel ratio. */
  pixelRatio: number;
  stats: NotesDrawStats | null;
  /** Size of the zones' questions on screen, CSS px. */
  questionPx: number;
  notes: ProbedNote[];
}

/** The notes on screen in a view of `size` CSS px, as they are laid out at `minSize` (see BoardProbe). */
export function probeNotes(notes: readonly Note[], view: Viewport, size: { width: number; height: number }, minSize: number, lang: Language): ProbedNote[] {
  const seen = visibleWorldRect(view, size.width, size.height);
  return notes
    .filter((n) => rectsIntersect(seen, { x: n.x, y: n.y, width: NOTE_WIDTH, height: NOTE_HEIGHT }))
    .map((n) => {
      const layout = layoutNoteText(n.text, minSize, lang);
      const tl = worldToScreen(view, n);
      return {
        id: n.id,
        text: n.text,
        left: tl.x,
        top: tl.y,
        width: NOTE_WIDTH * view.scale,
        height: NOTE_HEIGHT * view.scale,
        fontPx: layout.fontSize * view.scale,
        lines: layout.lines,
        cut: layout.cut,
      };
    });
}
