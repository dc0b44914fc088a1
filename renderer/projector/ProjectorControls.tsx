import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import { PROJECTOR_VIEWS, readRun, writeRunFields, type ProjectorView } from '../../shared/schema/agenda';
import { readGroups } from '../../shared/schema/group';
import type { ProjectorAnswer } from '../../shared/platform';
import { CopyField } from '../components/CopyField';
import { routeHref, useDocValue } from '../hooks';
import type { LiveRoom } from '../live/liveRoom';
import { platform } from '../platform';
import { writeProjectorChoice } from './choose';
import './projector.css';

interface Props {
  sessionId: string;
  /** The session doc, which this device may write (the facilitator's). */
  doc: Y.Doc;
  /** The live room, when the session is live here. */
  room: LiveRoom | null;
}

/**
 * The facilitator's projector controls on the session page: "Projector openen", what it shows
 * (by phase, or a view the facilitator picks: the same choice as the projector's own keys, since
 * both write the session doc's run), "Volg het scherm" for every participant's laptop, and the
 * address for a projector on another computer while the session is live.
 */
export function ProjectorControls({ sessionId, doc, room }: Props) {
  const { t } = useTranslation();
  const run = useDocValue(doc, readRun);
  const groups = useDocValue(doc, readGroups);
  const [opened, setOpened] = useState<ProjectorAnswer['placement'] | 'failed' | null>(null);
  const live = room?.membership.role === 'facilitator' ? room.membership : null;
  const houseId = run.projectorGroupId && groups.some((g) => g.id === run.projectorGroupId) ? run.projectorGroupId : (groups[0]?.id ?? '');

  const open = () =>
    platform.openProjector({ sessionId }).then(
      (answer) => setOpened(answer.placement),
      () => setOpened('failed'),
    );
  const show = (view: ProjectorView, groupId = houseId) => {
    if (view === 'house') {
      if (groupId) writeProjectorChoice(doc, { view: 'house', groupId });
    } else writeProjectorChoice(doc, { view });
  };
  const elsewhere = live ? `${live.joinAddresses[0]?.url ?? live.hostUrl}/${routeHref({ name: 'projector', sessionId, code: live.code, ...(live.projectorToken ? { token: live.projectorToken } : {}) })}` : null;

  return (
    <section className="projector-controls" aria-label={t('projector.controls')}>
      <div className="projector-controls-row">
        <button type="button" className="primary" onClick={() => void open()}>
          {t('projector.open')}
        </button>
        <label className="projector-shows">
          {t('projector.shows')}{' '}
          <select value={run.projectorView} onChange={(e) => show(e.target.value as ProjectorView)}>
            {PROJECTOR_VIEWS.map((view) => (
              <option key={view} value={view} disabled={view === 'house' && groups.length === 0}>
                {t(`projector.view.${view}`)}
              </option>
            ))}
          </select>
        </label>
        {run.projectorView === 'house' && (
          <label className="projector-shows">
            {t('projector.house')}{' '}
            <select value={houseId} onChange={(e) => show('house', e.target.value)}>
              {groups.map((g, i) => (
                <option key={g.id} value={g.id}>
                  {i < 9 ? `${i + 1} · ${g.name}` : g.name}
                </option>
              ))}
            </select>
          </label>
        )}
        <label className="projector-follow">
          <input type="checkbox" checked={run.follow} onChange={(e) => writeRunFields(doc, { follow: e.target.checked })} /> {t('projector.follow')}
        </label>
      </div>
      <p className="muted projector-controls-hint">{run.follow ? t('projector.followHint') : t('projector.openHint')}</p>
      {opened && (
        <p className={opened === 'blocked' || opened === 'failed' ? 'banner warning' : 'muted'} role="status">
          {opened === 'failed' ? t('projector.openFailed') : t(`projector.opened.${opened}`)}
        </p>
      )}
      {elsewhere && (
        <details className="projector-elsewhere">
          <summary>{t('projector.otherComputer')}</summary>
          <p>{t('projector.otherComputerText')}</p>
          <CopyField value={elsewhere} label={t('projector.otherComputerLink')} />
          <p className="muted">{t('projector.otherComputerReads')}</p>
        </details>
      )}
    </section>
  );
}
