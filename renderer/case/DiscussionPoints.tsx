import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import {
  addDiscussionPoint,
  DISCUSSION_POINT_MAX,
  DISCUSSION_POINTS_MAX,
  moveDiscussionPoint,
  readDiscussionPoints,
  removeDiscussionPoint,
  updateDiscussionPoint,
  type DiscussionPoint,
} from '../../shared/schema/caseDoc';
import { useDocValue } from '../hooks';

/**
 * The discussion points of the plenary, numbered: type one and press Enter, change one in place
 * (Enter or leaving the field keeps it, Esc takes the change back), Alt+↑ / Alt+↓ move it, the
 * buttons do the same for the mouse.
 */
export function DiscussionPoints({ doc, readOnly }: { doc: Y.Doc; readOnly: boolean }) {
  const { t } = useTranslation();
  const points = useDocValue(doc, readDiscussionPoints);
  const [draft, setDraft] = useState('');
  const focusNext = useRef<string | null>(null);
  useLayoutEffect(() => {
    if (!focusNext.current) return;
    const el = document.getElementById(focusNext.current);
    focusNext.current = null;
    // Moved to the top or the bottom: its other arrow still works.
    if (el instanceof HTMLButtonElement && el.disabled) document.getElementById(el.id.replace(/-(up|down)$/, (_m, d: string) => (d === 'up' ? '-down' : '-up')))?.focus();
    else el?.focus();
  });
  const full = points.length >= DISCUSSION_POINTS_MAX;
  const add = () => {
    if (!draft.trim() || full || readOnly) return;
    addDiscussionPoint(doc, draft, Date.now());
    setDraft('');
  };
  const move = (point: DiscussionPoint, to: number, focusId: string) => {
    moveDiscussionPoint(doc, point.id, to);
    focusNext.current = focusId;
  };
  return (
    <section className="discussion-points" aria-labelledby="discussion-heading">
      <h3 id="discussion-heading">{t('case.pointsHeading')}</h3>
      <p className="hint" id="discussion-hint">
        {t('case.pointsHint')}
      </p>
      {points.length > 0 && (
        <ol>
          {points.map((point, i) => (
            <PointRow key={point.id} doc={doc} point={point} n={i + 1} last={i === points.length - 1} readOnly={readOnly} onMove={(by, focusId) => move(point, i + by, focusId)} />
          ))}
        </ol>
      )}
      <div className="discussion-add">
        <label htmlFor="discussion-new">{t('case.newPoint')}</label>
        <input
          id="discussion-new"
          value={draft}
          maxLength={DISCUSSION_POINT_MAX}
          disabled={readOnly || full}
          aria-describedby="discussion-hint"
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={(e) => {
            if (e.key !== 'Enter' || e.nativeEvent.isComposing) return;
            e.preventDefault();
            add();
          }}
        />
        <button type="button" onClick={add} disabled={readOnly || full || !draft.trim()}>
          {t('case.addPoint')}
        </button>
      </div>
      {full && <p className="hint">{t('case.pointsFull', { max: DISCUSSION_POINTS_MAX })}</p>}
    </section>
  );
}

interface RowProps {
  doc: Y.Doc;
  point: DiscussionPoint;
  n: number;
  last: boolean;
  readOnly: boolean;
  onMove: (by: -1 | 1, focusId: string) => void;
}

function PointRow({ doc, point, n, last, readOnly, onMove }: RowProps) {
  const { t } = useTranslation();
  const [value, setValue] = useState(point.text);
  const editing = useRef(false);
  // Follows changes from another window, unless this person is changing the point.
  useEffect(() => {
    if (!editing.current) setValue(point.text);
  }, [point.text]);
  const id = `point-${point.id}`;
  const label = t('case.point', { n });
  const commit = () => {
    editing.current = false;
    if (!value.trim()) setValue(point.text); // remove it with its button, not by emptying it
    else if (value !== point.text) updateDiscussionPoint(doc, point.id, value);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.nativeEvent.isComposing) return;
    if (e.key === 'Enter') {
      e.preventDefault();
      commit();
    } else if (e.key === 'Escape') {
      editing.current = false;
      setValue(point.text);
    } else if (e.altKey && (e.key === 'ArrowUp' || e.key === 'ArrowDown')) {
      e.preventDefault();
      const by = e.key === 'ArrowUp' ? -1 : 1;
      if ((by < 0 && n === 1) || (by > 0 && last) || readOnly) return;
      commit();
      onMove(by, id);
    }
  };
  return (
    <li>
      <input
        id={id}
        aria-label={label}
        value={value}
        maxLength={DISCUSSION_POINT_MAX}
        readOnly={readOnly}
        onChange={(e) => {
          editing.current = true;
          setValue(e.target.value);
        }}
        onBlur={commit}
        onKeyDown={onKeyDown}
      />
      <div className="point-actions">
        <button type="button" className="icon" id={`${id}-up`} disabled={readOnly || n === 1} onClick={() => onMove(-1, `${id}-up`)} aria-label={t('case.moveUp', { n })} title={t('case.moveUp', { n })}>
          ↑
        </button>
        <button type="button" className="icon" id={`${id}-down`} disabled={readOnly || last} onClick={() => onMove(1, `${id}-down`)} aria-label={t('case.moveDown', { n })} title={t('case.moveDown', { n })}>
          ↓
        </button>
        <button type="button" className="danger" disabled={readOnly} onClick={() => removeDiscussionPoint(doc, point.id)} aria-label={t('case.removePoint', { n })}>
          {t('case.remove')}
        </button>
      </div>
    </li>
  );
}
