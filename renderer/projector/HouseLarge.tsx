import { useTranslation } from 'react-i18next';
import { boardDocName } from '../../shared/schema/docNames';
import type { Group } from '../../shared/schema/group';
import type { Language } from '../../shared/platform';
import type { BoardTemplate } from '../../shared/template/template';
import { useStoredDoc } from '../hooks';
import { WallHouse } from './WallHouse';

interface Props {
  sessionId: string;
  group: Group;
  /** Its number on the wall (1–9; 0 none). */
  keyNumber: number;
  done: boolean;
  template: BoardTemplate;
  lang: Language;
  /** Back to the wall; null where this screen may not choose. */
  onBack: (() => void) | null;
}

/**
 * One group's house on the whole projector, to read its words out: the wall's house at full size,
 * each note on up to two lines in two columns, the newest first, and "+ n meer" for what does not
 * fit. (A fitted picture of the house cannot do that: at 1280 × 720 its notes are 12 px and cut
 * after two words.)
 */
export function HouseLarge({ sessionId, group, keyNumber, done, template, lang, onBack }: Props) {
  const { t } = useTranslation();
  const board = useStoredDoc(boardDocName(sessionId, group.id));
  return (
    <section className="house-large" aria-label={t('houses.houseLabel', { group: group.name })}>
      {board.state === 'ready' && (
        <ul className="house-large-frame">
          <WallHouse
            doc={board.stored.doc}
            groupId={group.id}
            name={group.name}
            keyNumber={keyNumber}
            done={done}
            template={template}
            lang={lang}
            onPick={null}
            large
            action={
              onBack && (
                <button type="button" className="projector-back" onClick={onBack}>
                  {t('projector.backToWall')}
                </button>
              )
            }
          />
        </ul>
      )}
      {board.state === 'error' && <p className="projector-problem">{t('houses.openFailed')}</p>}
    </section>
  );
}
