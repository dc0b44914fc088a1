import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Note } from '../../shared/schema/note';

/**
 * Says which note is selected, for screen readers (a polite live region): when another note is
 * selected, when the selected one moves into another part of the house, and when its editor closes
 * with new words. Not while someone types in it (that would repeat it at every keystroke).
 */
export function SelectionAnnouncer({ note, editing, zoneLabel }: { note: Note | null; editing: boolean; zoneLabel: (zoneId: string) => string }) {
  const { t } = useTranslation();
  const id = note?.id ?? null;
  const zone = note?.zone ?? null;
  const settledText = editing ? null : (note?.text ?? null);
  const said = useMemo(
    () => (note ? t('board.selectedNote', { text: note.text || t('board.emptyNote'), zone: zoneLabel(note.zone) }) : ''),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- said per selection, part and finished text, not per keystroke
    [id, zone, settledText, t],
  );
  return (
    <p className="sr-only" aria-live="polite" data-testid="selection-announcer">
      {said}
    </p>
  );
}
