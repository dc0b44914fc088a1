import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Note } from '../../shared/schema/note';

/**
 * Says which note is selected, for screen readers (a polite live region). Only a new selection is
 * announced: someone else typing in the selected note does not repeat it at every keystroke.
 */
export function SelectionAnnouncer({ note, zoneLabel }: { note: Note | null; zoneLabel: (zoneId: string) => string }) {
  const { t } = useTranslation();
  const id = note?.id ?? null;
  const said = useMemo(
    () => (note ? t('board.selectedNote', { text: note.text || t('board.emptyNote'), zone: zoneLabel(note.zone) }) : ''),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- said once per selection, not per keystroke of others
    [id, t],
  );
  return (
    <p className="sr-only" aria-live="polite" data-testid="selection-announcer">
      {said}
    </p>
  );
}
