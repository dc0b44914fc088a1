import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_GROUPS } from '../../shared/schema/group';
import { FIELD, Field, invalidProps, type FieldErrors } from './fields';

/** A subgroup in the edit form; `key` is stable while the row moves, `id` is absent for a new group. */
export interface GroupRow {
  readonly key: string;
  readonly id?: string;
  readonly name: string;
}

/** The id of a row's name input (and, with a suffix, of its buttons). */
export const groupRowField = (row: GroupRow) => `group-${row.key}`;

interface Props {
  rows: readonly GroupRow[];
  onChange: (rows: GroupRow[]) => void;
  /** The user asked to remove this row; the screen decides whether to ask first. */
  onRemove: (row: GroupRow) => void;
  errors: FieldErrors;
}

let newKeys = 0;

/** The first "Groep n" (n from the list's length + 1) that no row is called yet. */
function freeName(rows: readonly GroupRow[], word: string): string {
  const taken = new Set(rows.map((r) => r.name.trim()));
  for (let n = rows.length + 1; ; n++) if (!taken.has(`${word} ${n}`)) return `${word} ${n}`;
}

/** Subgroups after creation: rename, add (up to 30), move up or down, remove. */
export function GroupListFields({ rows, onChange, onRemove, errors }: Props) {
  const { t } = useTranslation();
  // After a move or an add, focus follows the row (React re-inserts moved nodes, which drops focus).
  const focusNext = useRef<string | null>(null);
  useEffect(() => {
    const id = focusNext.current;
    if (!id) return;
    focusNext.current = null;
    const el = document.getElementById(id);
    if (el instanceof HTMLButtonElement && el.disabled) {
      // Moved to the top or bottom: its other arrow still works.
      document.getElementById(id.replace(/-(up|down)$/, (_m, d: string) => (d === 'up' ? '-down' : '-up')))?.focus();
    } else el?.focus();
    if (el instanceof HTMLInputElement) el.select();
  });

  const move = (index: number, by: -1 | 1) => {
    const next = [...rows];
    const [row] = next.splice(index, 1);
    if (!row) return;
    next.splice(index + by, 0, row);
    onChange(next);
    focusNext.current = `${groupRowField(row)}-${by < 0 ? 'up' : 'down'}`;
  };

  const add = () => {
    const row: GroupRow = { key: `new${++newKeys}`, name: freeName(rows, t('session.groupWord')) };
    onChange([...rows, row]);
    focusNext.current = groupRowField(row);
  };

  return (
    <fieldset>
      <legend>{t('newSession.groups')}</legend>
      <ol className="group-list" id={FIELD.groups} tabIndex={-1}>
        {rows.map((row, i) => {
          const id = groupRowField(row);
          const label = row.name.trim() || t('newSession.groupName', { n: i + 1 });
          return (
            <li key={row.key}>
              <Field id={id} label={t('newSession.groupName', { n: i + 1 })} errors={errors}>
                <input
                  {...invalidProps(id, errors)}
                  value={row.name}
                  maxLength={80}
                  onChange={(e) => onChange(rows.map((r) => (r.key === row.key ? { ...r, name: e.target.value } : r)))}
                />
              </Field>
              <div className="group-row-actions">
                <button
                  type="button"
                  className="icon"
                  id={`${id}-up`}
                  disabled={i === 0}
                  onClick={() => move(i, -1)}
                  aria-label={t('editSession.moveUp', { name: label })}
                  title={t('editSession.moveUp', { name: label })}
                >
                  ↑
                </button>
                <button
                  type="button"
                  className="icon"
                  id={`${id}-down`}
                  disabled={i === rows.length - 1}
                  onClick={() => move(i, 1)}
                  aria-label={t('editSession.moveDown', { name: label })}
                  title={t('editSession.moveDown', { name: label })}
                >
                  ↓
                </button>
                <button
                  type="button"
                  className="danger"
                  disabled={rows.length <= 1}
                  onClick={() => onRemove(row)}
                  aria-label={t('editSession.removeGroup', { name: label })}
                >
                  {t('editSession.remove')}
                </button>
              </div>
            </li>
          );
        })}
      </ol>
      <div className="group-list-add">
        <button type="button" onClick={add} disabled={rows.length >= MAX_GROUPS}>
          + {t('editSession.addGroup')}
        </button>
        {rows.length >= MAX_GROUPS && <span className="muted">{t('editSession.maxGroups', { max: MAX_GROUPS })}</span>}
      </div>
    </fieldset>
  );
}
