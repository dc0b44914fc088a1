import type { TFunction } from 'i18next';
import type { z } from 'zod';
import { MAX_GROUPS } from '../../shared/schema/group';
import { FIELD, type FieldErrors } from './fields';

interface Where {
  /** The id of the input of the group at this place in the list. */
  readonly groupField: (index: number) => string;
  /** Zone ids in the order the form shows their questions. */
  readonly zoneOrder: readonly string[];
  /** A zone's name in the UI language ("Fundament"). */
  readonly zoneLabel: (zoneId: string) => string;
}

const DETAIL_FIELDS = ['title', 'date', 'place', 'organiser', 'intro'] as const;

/**
 * Turns the schema's complaints about a session form (new or edit) into one plain Dutch (or
 * English) message per field, in the order the fields appear on screen.
 */
export function sessionFormErrors(issues: readonly z.core.$ZodIssue[], t: TFunction, where: Where): FieldErrors {
  const found: { rank: number; id: string; message: string }[] = [];
  for (const issue of issues) {
    const [field, index] = issue.path;
    const detail = DETAIL_FIELDS.indexOf(field as (typeof DETAIL_FIELDS)[number]);
    if (field === 'title') found.push({ rank: 0, id: FIELD.title, message: t('form.titleRequired') });
    else if (field === 'date') found.push({ rank: 1, id: FIELD.date, message: t('form.dateInvalid') });
    else if (detail >= 0) found.push({ rank: detail, id: FIELD[DETAIL_FIELDS[detail]!], message: t('form.tooLong') });
    else if (field === 'groups' && typeof index === 'number') {
      found.push({ rank: 10 + index, id: where.groupField(index), message: t('form.groupNameRequired', { n: index + 1 }) });
    } else if (field === 'groups') {
      found.push({ rank: 9, id: FIELD.groups, message: t('form.groupCountInvalid', { max: MAX_GROUPS }) });
    } else if (field === 'questions' && typeof index === 'string') {
      const rank = 100 + Math.max(0, where.zoneOrder.indexOf(index));
      found.push({ rank, id: FIELD.question(index), message: t('form.questionRequired', { zone: where.zoneLabel(index) }) });
    } else {
      found.push({ rank: 1000, id: FIELD.title, message: t('form.invalid') });
    }
  }
  found.sort((a, b) => a.rank - b.rank);
  const errors: Record<string, string> = {};
  for (const { id, message } of found) errors[id] ??= message;
  return errors;
}
