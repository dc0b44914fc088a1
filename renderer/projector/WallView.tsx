import { useState, type CSSProperties, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { boardDocName } from '../../shared/schema/docNames';
import type { Group } from '../../shared/schema/group';
import type { Language } from '../../shared/platform';
import type { BoardTemplate } from '../../shared/template/template';
import { useStoredDoc } from '../hooks';
import { wallGrid } from './choose';
import { WallHouse } from './WallHouse';
import { WallLayout, WallLayoutContext } from './wallLayout';

interface Props {
  sessionId: string;
  groups: readonly Group[];
  /** The groups that said "wij zijn klaar" for the current phase. */
  done: ReadonlySet<string>;
  template: BoardTemplate;
  lang: Language;
  /** Shows a group's house large; null where this screen may not choose (a participant following). */
  onPick: ((groupId: string) => void) | null;
}

/** Every group's house side by side (wallGrid: 6 as 3 × 2, 12 as 4 × 3), each following its board live. */
export function WallView({ sessionId, groups, done, template, lang, onPick }: Props) {
  const { t } = useTranslation();
  if (groups.length === 0) return <p className="projector-empty">{t('projector.noGroups')}</p>;
  return (
    <WallList count={groups.length} label={t('projector.wallLabel')}>
      {groups.map((group, i) => (
        <GroupHouse
          key={group.id}
          sessionId={sessionId}
          group={group}
          keyNumber={i < 9 ? i + 1 : 0}
          done={done.has(group.id)}
          template={template}
          lang={lang}
          onPick={onPick}
        />
      ))}
    </WallList>
  );
}

/**
 * The wall's grid for `count` houses (wallGrid) and the layout its houses share (WallLayout): every
 * house gives each part the same rows, so roof, walls and foundation are bands that line up across
 * the wall. `children`: the houses (WallHouse in an `li`).
 */
export function WallList({ count, label, children }: { count: number; label?: string; children: ReactNode }) {
  const [layout] = useState(() => new WallLayout());
  const { columns, rows } = wallGrid(count);
  const style = { '--wall-columns': columns, '--wall-rows': rows } as CSSProperties;
  return (
    <WallLayoutContext.Provider value={layout}>
      <ul className="wall" style={style} aria-label={label}>
        {children}
      </ul>
    </WallLayoutContext.Provider>
  );
}

function GroupHouse({ sessionId, group, keyNumber, done, template, lang, onPick }: Omit<Props, 'groups' | 'done'> & { group: Group; keyNumber: number; done: boolean }) {
  const { t } = useTranslation();
  const board = useStoredDoc(boardDocName(sessionId, group.id));
  if (board.state === 'error') {
    return (
      <li className="wall-house">
        <p className="projector-problem">{t('houses.openFailed')}</p>
      </li>
    );
  }
  if (board.state === 'loading') return <li className="wall-house" aria-busy="true" />;
  return (
    <WallHouse
      doc={board.stored.doc}
      groupId={group.id}
      name={group.name}
      keyNumber={keyNumber}
      done={done}
      template={template}
      lang={lang}
      onPick={onPick}
    />
  );
}
