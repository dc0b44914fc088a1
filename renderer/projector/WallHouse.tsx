import { memo, useLayoutEffect, useMemo, useRef, useState, useSyncExternalStore, type CSSProperties, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import { NOTE_COLOUR_HEX } from '../../shared/schema/note';
import type { Language } from '../../shared/platform';
import type { BoardTemplate } from '../../shared/template/template';
import { useNotesStore } from '../board/useBoard';
import { shownLines, wallParts } from './choose';
import { usePartLines } from './wallLayout';

interface Props {
  /** The group's board doc; nothing here writes to it. */
  doc: Y.Doc;
  groupId: string;
  name: string;
  /** 1–9: the key that shows this house large (0: none). */
  keyNumber: number;
  done: boolean;
  template: BoardTemplate;
  lang: Language;
  /** Shows this house large (by its group id); null where this screen may not choose. */
  onPick: ((groupId: string) => void) | null;
  /**
   * The house alone on the projector: larger type, each note on two lines in two columns, so a
   * group's words can be read out from it.
   */
  large?: boolean;
  /** Beside the name (the large house's way back to the wall). */
  action?: ReactNode;
}

/** What a house on the wall put on the page last, for the benchmark (`bouwplaatsProbe` on its body). */
export interface WallHouseProbe {
  /** performance.now() when React last put this house's notes on the page. */
  committedAt: number;
  commits: number;
  /** The board's notes it was drawn from (parked and empty ones included). */
  notes: number;
}

/**
 * One house on the projector wall, drawn as what it says rather than as a shrunken picture: its
 * three parts, roof on top, each with its note count in large figures and its newest notes as
 * single lines (as many as fit; the last line says "+ 12 meer" when not all do), so that at
 * 1280 × 720 with six houses the names and counts are 24 px or more and every word shown 15 px or
 * more — which a fitted canvas of 80 notes cannot be. On the wall each part gets the lines the
 * wall gives it (usePartLines), the same in every house, so the parts are bands that line up across
 * the wall. It follows the board live: the notes store tells of a peer's change at most once a
 * frame, and only this house renders again (all houses only when the wall's lines change).
 */
export const WallHouse = memo(function WallHouse({ doc, groupId, name, keyNumber, done, template, lang, onPick, large = false, action }: Props) {
  const { t } = useTranslation();
  const store = useNotesStore(doc);
  const notes = useSyncExternalStore(store.subscribe, store.getSnapshot);
  const zoneIds = useMemo(() => template.zones.map((z) => z.id), [template]);
  const parts = useMemo(() => wallParts(notes, zoneIds), [notes, zoneIds]);
  const bodyRef = useRef<HTMLDivElement>(null);
  const rulerRef = useRef<HTMLDivElement>(null);
  const probeRef = useRef<WallHouseProbe>({ committedAt: 0, commits: 0, notes: 0 });
  // How many note lines fit in this house at its size now (measured: see below; null before).
  const [room, setRoom] = useState<number | null>(null);

  // The rows of notes that fit: the body's height less what the parts take besides their notes
  // (headings, paddings, the roof's gable), over one row's height (the ruler: a note line as the
  // stylesheet makes it) and the gap between rows. Read from the page, so it holds at any screen
  // size and zoom, and from nothing the notes change (the parts grow to fill the house), so only a
  // new size measures again.
  useLayoutEffect(() => {
    const body = bodyRef.current;
    const ruler = rulerRef.current;
    if (!body || !ruler) return;
    const measure = () => {
      const rowHeight = ruler.getBoundingClientRect().height;
      const parts = [...body.querySelectorAll<HTMLElement>('.wall-part')];
      const list = body.querySelector<HTMLElement>('.wall-lines');
      if (rowHeight <= 0 || parts.length === 0 || !list) return;
      const px = (value: string) => parseFloat(value) || 0;
      const besides = parts.reduce((sum, part) => {
        const style = getComputedStyle(part);
        const head = part.querySelector('.wall-part-head')?.getBoundingClientRect().height ?? 0;
        return sum + head + px(style.paddingTop) + px(style.paddingBottom) + px(style.marginTop);
      }, 0);
      const gap = px(getComputedStyle(list).rowGap);
      const style = getComputedStyle(body);
      const free = body.clientHeight - px(style.paddingTop) - px(style.paddingBottom) - besides;
      // n rows take n heights and n − 1 gaps (at least; a part's first row follows its heading).
      setRoom(Math.max(0, Math.floor((free - 2 + gap) / (rowHeight + gap))));
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(body);
    return () => observer.disconnect();
  }, []);

  const columns = large ? 2 : 1;
  // On the wall every house gets the same rows per part (the wall's share), so the parts line up
  // as bands across the houses; alone, the house shares its own room.
  const rows = usePartLines(
    groupId,
    parts.map((p) => Math.ceil(p.count / columns)),
    room,
  );

  useLayoutEffect(() => {
    const probe = probeRef.current;
    probe.committedAt = performance.now();
    probe.commits++;
    probe.notes = notes.length;
    const body = bodyRef.current as (HTMLDivElement & { bouwplaatsProbe?: () => WallHouseProbe }) | null;
    if (body) body.bouwplaatsProbe = () => ({ ...probe });
  });

  const label = [name, ...parts.map((p, i) => `${template.zones[i]!.label[lang]} ${p.count}`), done ? t('projector.done') : ''].filter(Boolean).join(', ');
  return (
    <li className={['wall-house', done && 'done', large && 'large'].filter(Boolean).join(' ')} data-group={groupId}>
      {/* A click anywhere on the house shows it large; the name is the button for the keyboard. */}
      <div className={onPick ? 'wall-house-frame pickable' : 'wall-house-frame'} onClick={onPick ? () => onPick(groupId) : undefined}>
        <div className="wall-house-head">
          {keyNumber > 0 && (
            <span className="wall-house-key" aria-hidden="true">
              {keyNumber}
            </span>
          )}
          {onPick ? (
            <button type="button" className="wall-house-name" aria-label={t('projector.showHouse', { house: label })}>
              {name}
            </button>
          ) : (
            <h2 className="wall-house-name" aria-label={label}>
              {name}
            </h2>
          )}
          {done && <span className="wall-house-done">{t('projector.done')}</span>}
          {action}
        </div>
        <div className="wall-house-body" ref={bodyRef}>
          {parts.map((part, i) => {
            const zone = template.zones[i]!;
            const lines = rows[i] ?? 0;
            const { notes: shown, more } = shownLines(part, lines * columns);
            // --lines: the rows the band keeps, filled or not (projector.css), so it is as tall as its neighbours'.
            const style = { background: zone.fill, '--lines': lines } as CSSProperties;
            return (
              <section key={part.zoneId} className="wall-part" data-zone={part.zoneId} style={style}>
                <h3 className="wall-part-head">
                  <span className="wall-part-name">{zone.label[lang]}</span>
                  <span className="wall-part-count">{part.count}</span>
                </h3>
                <ul className="wall-lines">
                  {shown.map((note) => (
                    <li key={note.id} className="wall-line" style={{ borderLeftColor: NOTE_COLOUR_HEX[note.colour] }}>
                      {note.text}
                    </li>
                  ))}
                  {more > 0 && <li className="wall-line wall-more">{t('projector.more', { count: more })}</li>}
                </ul>
              </section>
            );
          })}
          <div className="wall-line wall-ruler" ref={rulerRef} aria-hidden="true">
            M
          </div>
        </div>
      </div>
    </li>
  );
});
