import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import { boardDocName, sessionDocName } from '../../shared/schema/docNames';
import { readGroups, type Group } from '../../shared/schema/group';
import { readQuestions, readSessionMeta } from '../../shared/schema/session';
import { templateById } from '../../shared/template/house';
import { HouseView } from '../board/HouseView';
import type { HousePicture } from '../board/paint/house';
import { routeHref, useDocValue, useStoredDoc } from '../hooks';

/**
 * "Alle huizen": every group's house of a session side by side, read-only (HouseView), each as it
 * is now, following changes while the facilitator's app follows the boards of a live session. The
 * ground for the projector wall; a house opens in its editor from its name.
 */
export function HousesScreen({ sessionId }: { sessionId: string }) {
  const { t } = useTranslation();
  const status = useStoredDoc(sessionDocName(sessionId));
  if (status.state === 'loading') return <main className="page" aria-busy="true" />;
  if (status.state === 'error') {
    return (
      <main className="page">
        <p role="alert" className="banner error">
          {t('session.openFailed')}
        </p>
      </main>
    );
  }
  return <Houses sessionId={sessionId} doc={status.stored.doc} />;
}

function Houses({ sessionId, doc }: { sessionId: string; doc: Y.Doc }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'nl';
  const meta = useDocValue(doc, readSessionMeta);
  const groups = useDocValue(doc, readGroups);
  const template = templateById(meta?.templateId ?? 'house');
  const readTemplateQuestions = useCallback((d: Y.Doc) => readQuestions(d, template), [template]);
  const questions = useDocValue(doc, readTemplateQuestions);
  const parkingLabel = t('board.parking');
  const parkingHint = t('board.parkingHint');
  const picture = useMemo<HousePicture>(() => ({ template, questions, lang, parkingLabel, parkingHint }), [template, questions, lang, parkingLabel, parkingHint]);
  return (
    <main className="page houses">
      <a className="back" href={routeHref({ name: 'session', sessionId })}>
        ← {t('houses.back')}
      </a>
      <h1>
        {t('houses.title')}
        {meta?.title ? ` — ${meta.title}` : ''}
      </h1>
      <p className="muted">{t('houses.intro')}</p>
      <ul className="houses-wall">
        {groups.map((group) => (
          <GroupHouse key={group.id} sessionId={sessionId} group={group} picture={picture} />
        ))}
      </ul>
    </main>
  );
}

function GroupHouse({ sessionId, group, picture }: { sessionId: string; group: Group; picture: HousePicture }) {
  const { t } = useTranslation();
  const board = useStoredDoc(boardDocName(sessionId, group.id));
  return (
    <li className="house-card" data-group={group.id}>
      <a className="house-card-name" href={routeHref({ name: 'board', sessionId, groupId: group.id })}>
        {group.name} →
      </a>
      <div className="house-card-picture">
        {board.state === 'ready' && <HouseView picture={picture} doc={board.stored.doc} label={t('houses.houseLabel', { group: group.name })} />}
        {board.state === 'error' && (
          <p role="alert" className="banner error">
            {t('houses.openFailed')}
          </p>
        )}
      </div>
    </li>
  );
}
