import { useTranslation } from 'react-i18next';
import type { Group } from '../../shared/schema/group';
import type { DomainCount, RosterSummary } from '../../shared/schema/rosterSummary';
import type { Domain } from '../../shared/live';
import './roster.css';

/**
 * Where the view is shown: `page` on the facilitator's session page (every group with its
 * domains), `projector` in large type for the back of the room (the room's counts and what is
 * missing, per group only the flags).
 */
export type RosterVariant = 'page' | 'projector';

interface Props {
  readonly summary: RosterSummary;
  /** The session's groups, for their names (summary.groups is in their order). */
  readonly groups: readonly Group[];
  readonly variant?: RosterVariant;
}

/**
 * "Wie zit er aan tafel": the domains in the room with their counts, the expected domains nobody
 * brings (seed 000: "onderwijs is vaak de grote afwezige"), and per group its domains and what it
 * lacks, in plain sentences ("Onderwijs ontbreekt in de hele zaal", "Groep 2: geen
 * ouder/ervaringsdeskundige"). Plain data in, nothing read or written here (see RosterSection).
 */
export function RosterView({ summary, groups, variant = 'page' }: Props) {
  const { t, i18n } = useTranslation();
  const names = new Map(groups.map((g) => [g.id, g.name]));
  const inline = (domains: readonly Domain[]) =>
    new Intl.ListFormat(i18n.language === 'en' ? 'en' : 'nl', { type: 'disjunction' }).format(domains.map((d) => t(`roster.inline.${d}`)));
  const projector = variant === 'projector';
  if (summary.people === 0) return <p className={`roster roster-${variant} muted`}>{t('roster.nobody')}</p>;
  const groupFlags = summary.groups.filter((g) => g.missing.length > 0);
  return (
    <div className={`roster roster-${variant}`}>
      <p className="roster-total">
        {t('roster.people', { count: summary.people })}
        {summary.unknown > 0 && ` · ${t('roster.unknown', { count: summary.unknown })}`}
      </p>
      <DomainCounts counts={summary.room} label={t('roster.inRoom')} />
      {summary.missing.length > 0 ? (
        <ul className="roster-flags" aria-label={t('roster.missingLabel')}>
          {summary.missing.map((d) => (
            <li key={d} className="roster-flag" data-domain={d}>
              {t(`roster.missingInRoom.${d}`)}
            </li>
          ))}
        </ul>
      ) : (
        <p className="roster-complete">{t('roster.allInRoom')}</p>
      )}
      {projector ? (
        groupFlags.length > 0 && (
          <ul className="roster-flags roster-group-flags">
            {groupFlags.map((g) => (
              <li key={g.groupId} className="roster-flag" data-group={g.groupId}>
                {t('roster.groupMissing', { group: names.get(g.groupId) ?? '', domains: inline(g.missing) })}
              </li>
            ))}
          </ul>
        )
      ) : (
        <>
          <h3 className="roster-subtitle">{t('roster.perGroup')}</h3>
          <ul className="roster-groups">
            {summary.groups.map((g) => {
              const name = names.get(g.groupId) ?? '';
              return (
                <li key={g.groupId} className="roster-group" data-group={g.groupId}>
                  <span className="roster-group-name">
                    {name} <span className="muted">· {g.people === 0 ? t('roster.groupNobody') : t('roster.people', { count: g.people })}</span>
                  </span>
                  {g.domains.length > 0 && <DomainCounts counts={g.domains} label={t('roster.inGroup', { group: name })} />}
                  {g.unknown > 0 && <span className="muted">{t('roster.unknown', { count: g.unknown })}</span>}
                  {g.missing.length > 0 && (
                    <p className="roster-flag">{t('roster.groupMissing', { group: name, domains: inline(g.missing) })}</p>
                  )}
                </li>
              );
            })}
          </ul>
        </>
      )}
    </div>
  );
}

function DomainCounts({ counts, label }: { counts: readonly DomainCount[]; label: string }) {
  const { t } = useTranslation();
  return (
    <ul className="roster-counts" aria-label={label}>
      {counts.map(({ domain, count }) => (
        <li key={domain} data-domain={domain}>
          <span className="roster-domain">{t(`domains.${domain}`)}</span> <span className="roster-n">{count}</span>
        </li>
      ))}
    </ul>
  );
}
