import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { NOTE_COLOURS, NOTE_COLOUR_HEX, type NoteColour } from '../../shared/schema/note';
import type { BoardTemplate } from '../../shared/template/template';
import type { Language } from '../../shared/platform';
import type { SaveState } from '../docs/openDoc';
import type { BoardCommand } from './commands';
import type { UndoState } from './useBoard';

interface Props {
  backHref: string;
  sessionTitle: string;
  groupName: string;
  template: BoardTemplate;
  lang: Language;
  colour: NoteColour;
  hasSelection: boolean;
  undoState: UndoState;
  saveState: SaveState;
  /** False when the board may not be changed here: adding, deleting, undo and redo are off. */
  editable: boolean;
  /** Runs a button's command (add, recolour, delete, undo, redo). */
  run: (command: BoardCommand) => void;
  onOpenSettings: () => void;
  /** Live status and who else is here, when the session is live. */
  live?: ReactNode;
}

export function BoardToolbar(p: Props) {
  const { t } = useTranslation();
  // Listed as the house is built, bottom up, matching the keys 1, 2, 3.
  const zones = [...p.template.zones].reverse();
  const onSwatchKey = (e: React.KeyboardEvent<HTMLDivElement>) => {
    const step = e.key === 'ArrowRight' || e.key === 'ArrowDown' ? 1 : e.key === 'ArrowLeft' || e.key === 'ArrowUp' ? -1 : 0;
    if (step === 0) return;
    e.preventDefault();
    const buttons = [...e.currentTarget.querySelectorAll<HTMLButtonElement>('[role="radio"]')];
    const from = buttons.indexOf(e.target as HTMLButtonElement);
    const current = from === -1 ? NOTE_COLOURS.indexOf(p.colour) : from;
    const next = (current + step + NOTE_COLOURS.length) % NOTE_COLOURS.length;
    p.run({ type: 'recolour', colour: NOTE_COLOURS[next]! });
    buttons[next]?.focus();
  };
  return (
    <header className="board-toolbar">
      <div className="toolbar-title">
        <a className="back" href={p.backHref} aria-label={t('board.back')}>
          ←
        </a>
        <div>
          <h1>{p.groupName}</h1>
          <p>{p.sessionTitle}</p>
        </div>
      </div>
      <div className="toolbar-group" role="group" aria-label={t('board.addGroup')}>
        {zones.map((zone, i) => (
          <button
            key={zone.id}
            type="button"
            className="add-note"
            disabled={!p.editable}
            onClick={() => p.run({ type: 'add', part: i + 1 })}
            title={t('board.addTo', { zone: zone.label[p.lang], key: i + 1 })}
          >
            + {zone.label[p.lang]} <kbd>{i + 1}</kbd>
          </button>
        ))}
      </div>
      {/* One radio group, one Tab stop: the arrow keys pick a colour (WAI-ARIA radio group pattern). */}
      <div className="toolbar-group swatches" role="radiogroup" aria-label={t('board.colour')} onKeyDown={onSwatchKey}>
        {NOTE_COLOURS.map((c) => (
          <button
            key={c}
            type="button"
            role="radio"
            aria-checked={p.colour === c}
            tabIndex={p.colour === c ? 0 : -1}
            className="swatch"
            style={{ background: NOTE_COLOUR_HEX[c] }}
            aria-label={t(`colours.${c}`)}
            title={t(`colours.${c}`)}
            onClick={() => p.run({ type: 'recolour', colour: c })}
          />
        ))}
      </div>
      <div className="toolbar-group">
        <button type="button" onClick={() => p.run({ type: 'delete' })} disabled={!p.hasSelection || !p.editable}>
          {t('board.delete')}
        </button>
        <button
          type="button"
          className="icon"
          onClick={() => p.run({ type: 'undo' })}
          disabled={!p.undoState.canUndo || !p.editable}
          aria-label={t('board.undo')}
          title={`${t('board.undo')} (Ctrl+Z)`}
        >
          ↶
        </button>
        <button
          type="button"
          className="icon"
          onClick={() => p.run({ type: 'redo' })}
          disabled={!p.undoState.canRedo || !p.editable}
          aria-label={t('board.redo')}
          title={`${t('board.redo')} (Ctrl+Shift+Z)`}
        >
          ↷
        </button>
      </div>
      <div className="spacer" />
      {p.live}
      {/* Not read out at every keystroke ("saving… saved"); a failure has its own alert under the toolbar. */}
      <span className={`save-state ${p.saveState}`} role="status" aria-live="off">
        {t(`save.${p.saveState}`)}
      </span>
      <button type="button" className="ghost icon" onClick={p.onOpenSettings} aria-label={t('settings.open')} title={t('settings.open')}>
        ⚙
      </button>
    </header>
  );
}
