import { memo, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { NOTE_COLOUR_HEX, type Note } from '../../shared/schema/note';
import { PARKED, type BoardTemplate } from '../../shared/template/template';
import type { Language } from '../../shared/platform';
import { noteByline } from './noteAuthor';
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

/**
 * The board as an outline, per part of the house in reading order: readable by screen readers and
 * usable without a mouse. Each part is a heading and a list named by it; each note a button that
 * says its words and who wrote it (name and domain, when the note carries them).
 */
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
            <h3 id={`outline-${section.id}`}>
              {section.title} <span className="count">({inZone.length})</span>
            </h3>
            {inZone.length === 0 ? (
              <p className="muted">{t('board.noNotes')}</p>
            ) : (
              <ul aria-labelledby={`outline-${section.id}`}>
                {inZone.map((note) => {
                  const byline = noteByline(note, t);
                  const editing = editingBy?.get(note.id);
                  // Said as a whole: its words, who wrote them ("van Amira, Lokaal team"), who types in it now.
                  const label = [note.text || t('board.emptyNote'), byline?.said, editing && t('live.editingBy', { name: editing })].filter(Boolean).join(', ');
                  return (
                    <li key={note.id}>
                      <button
                        type="button"
                        className={note.id === selectedId ? 'panel-note selected' : 'panel-note'}
                        style={{ borderLeftColor: NOTE_COLOUR_HEX[note.colour] }}
                        aria-pressed={note.id === selectedId}
                        aria-label={label}
                        onClick={() => onSelect(note.id)}
                      >
                        {/* Four lines in the list; the selected note in full (its text may be cut on the canvas). */}
                        <span className={note.id === selectedId ? 'clamp full' : 'clamp'}>{note.text || <em>{t('board.emptyNote')}</em>}</span>
                        {byline && <span className="panel-author">{byline.shown}</span>}
                        {editing && <span className="editing-by">{t('live.editingBy', { name: editing })}</span>}
                      </button>
                    </li>
                  );
                })}
              </ul>
            )}
          </section>
        );
      })}
    </aside>
  );
});
