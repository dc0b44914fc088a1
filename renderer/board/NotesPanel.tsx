import { memo, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { NOTE_COLOUR_HEX, type Note } from '../../shared/schema/note';
import { PARKED, type BoardTemplate } from '../../shared/template/template';
import type { Language } from '../../shared/platform';
import { readingOrder } from './readingOrder';

interface Props {
  template: BoardTemplate;
  lang: Language;
  notes: readonly Note[];
  selectedId: string | null;
  onSelect: (id: string) => void;
  /** Notes others are typing in right now: note id → their name. */
  editingBy?: ReadonlyMap<string, string>;
}

/** The board as a list, per zone in reading order: readable by screen readers and usable without a mouse. */
export const NotesPanel = memo(function NotesPanel({ template, lang, notes, selectedId, onSelect, editingBy }: Props) {
  const { t } = useTranslation();
  // The same order as Tab on the board walks them.
  const ordered = useMemo(() => readingOrder(notes, template), [notes, template]);
  const sections = [
    ...template.zones.map((z) => ({ id: z.id, title: z.label[lang] })),
    { id: PARKED, title: t('board.parking') },
  ];
  return (
    <aside className="notes-panel" aria-label={t('board.overview')}>
      <h2>{t('board.overview')}</h2>
      {sections.map((section) => {
        const inZone = ordered.filter((n) => n.zone === section.id);
        return (
          <section key={section.id} data-zone={section.id}>
            <h3>
              {section.title} <span className="count">({inZone.length})</span>
            </h3>
            {inZone.length === 0 ? (
              <p className="muted">{t('board.noNotes')}</p>
            ) : (
              <ul>
                {inZone.map((note) => (
                  <li key={note.id}>
                    <button
                      type="button"
                      className={note.id === selectedId ? 'panel-note selected' : 'panel-note'}
                      style={{ borderLeftColor: NOTE_COLOUR_HEX[note.colour] }}
                      aria-pressed={note.id === selectedId}
                      onClick={() => onSelect(note.id)}
                    >
                      {/* Four lines in the list; the selected note in full (its text may be cut on the canvas). */}
                      <span className={note.id === selectedId ? 'clamp full' : 'clamp'}>{note.text || <em>{t('board.emptyNote')}</em>}</span>
                      {editingBy?.has(note.id) && (
                        <span className="editing-by">{t('live.editingBy', { name: editingBy.get(note.id) })}</span>
                      )}
                    </button>
                  </li>
                ))}
              </ul>
            )}
          </section>
        );
      })}
    </aside>
  );
});
