import type { TFunction } from 'i18next';
import type { Note } from '../../shared/schema/note';

/**
 * Who wrote a note, as the outline beside the board shows it and says it: the name and the
 * domain the participant gave when joining (either may be missing: joining asks for neither), the
 * domain in the UI's words when it is one of ours (other tools may write their own, up to 40
 * characters). Null when the note says nothing of its writer (the facilitator's own notes).
 */
export function noteByline(note: Pick<Note, 'author' | 'domain'>, t: TFunction): { shown: string; said: string } | null {
  const name = note.author?.trim() || '';
  const domain = note.domain ? t(`domains.${note.domain}`, { defaultValue: note.domain }) : '';
  if (name && domain) return { shown: `${name} · ${domain}`, said: t('board.author.nameDomain', { name, domain }) };
  if (name) return { shown: name, said: t('board.author.name', { name }) };
  if (domain) return { shown: domain, said: t('board.author.domain', { domain }) };
  return null;
}
