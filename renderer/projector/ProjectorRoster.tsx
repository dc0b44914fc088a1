import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import type { Domain } from '../../shared/live';
import type { Group } from '../../shared/schema/group';
import { readRoster } from '../../shared/schema/participant';
import { summariseRoster, type RosterSummary } from '../../shared/schema/rosterSummary';
import { useDocValue } from '../hooks';
import '../roster/roster.css';

/** Who is at the table (the room doc's roster), summed up for `groups`, following both docs. */
export function useRosterSummary(room: Y.Doc, groups: readonly Group[]): RosterSummary {
  const groupKey = groups.map((g) => g.id).join(',');
  const read = useCallback((doc: Y.Doc) => readRoster(doc, groupKey ? groupKey.split(',') : []), [groupKey]);
  const roster = useDocValue(room, read);
  return useMemo(() => summariseRoster(roster, groups), [roster, groups]);
}

/** "Ontbreekt in de hele zaal: school, vrije tijd en gezin", or null when nothing is missing. */
function useMissingLine(missing: readonly Domain[]): string | null {
  const { t, i18n } = useTranslation();
  if (missing.length === 0) return null;
  const list = new Intl.ListFormat(i18n.language === 'en' ? 'en' : 'nl', { type: 'conjunction' }).format(missing.map((d) => t(`roster.inline.${d}`)));
  return t('projector.rosterMissing', { domains: list });
}

/**
 * "Wie zit er aan tafel" on the welcome, once someone joined: the room's domains with their counts
 * and, in one line, the domains nobody brings (seed 000: "onderwijs is vaak de grote afwezige").
 * One line rather than a flag per domain: it must fit under the code at 1280 × 720.
 */
export function WelcomeRoster({ summary }: { summary: RosterSummary }) {
  const { t } = useTranslation();
  const missing = useMissingLine(summary.missing);
  if (summary.people === 0) return null;
  return (
    <section className="welcome-roster roster roster-projector" aria-label={t('roster.title')}>
      <h2>
        {t('roster.title')} · {t('roster.people', { count: summary.people })}
      </h2>
      <ul className="roster-counts" aria-label={t('roster.inRoom')}>
        {summary.room.map(({ domain, count }) => (
          <li key={domain} data-domain={domain}>
            <span className="roster-domain">{t(`domains.${domain}`)}</span> <span className="roster-n">{count}</span>
          </li>
        ))}
      </ul>
      {missing && <p className="roster-flag">{missing}</p>}
    </section>
  );
}

/** Under the wall, in one line: the domains nobody in the room brings; nothing when none is missing. */
export function RosterStrip({ summary }: { summary: RosterSummary }) {
  const missing = useMissingLine(summary.missing);
  if (!missing) return null;
  return (
    <p className="projector-roster-strip" role="status">
      {missing}
    </p>
  );
}
