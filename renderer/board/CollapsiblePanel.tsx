import { useState, useSyncExternalStore, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * Below this width the panel would squeeze the house (a 768 px tablet gave it 38 % of the width):
 * it starts closed and opens over the board instead of beside it.
 */
export const NARROW_BOARD_QUERY = '(max-width: 899px)';

function useMediaQuery(query: string): boolean {
  return useSyncExternalStore(
    (onChange) => {
      const list = window.matchMedia(query);
      list.addEventListener('change', onChange);
      return () => list.removeEventListener('change', onChange);
    },
    () => window.matchMedia(query).matches,
  );
}

/**
 * The side panel of the board behind an "Overzicht" toggle. Wide windows show it beside the board
 * (open until the user hides it); narrow ones keep it closed and open it over the right side of
 * the board, so the house keeps the whole width. A choice the user made holds until the page is
 * left; otherwise the panel follows the window's width.
 */
export function CollapsiblePanel({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const narrow = useMediaQuery(NARROW_BOARD_QUERY);
  const [choice, setChoice] = useState<boolean | null>(null);
  const open = choice ?? !narrow;
  const close = () => setChoice(false);
  return (
    <div
      className={`side-panel ${open ? 'open' : 'closed'} ${narrow ? 'over-board' : 'beside-board'}`}
      onKeyDown={(e) => {
        if (narrow && open && e.key === 'Escape') {
          close();
          e.currentTarget.querySelector<HTMLButtonElement>('.panel-toggle')?.focus();
        }
      }}
      onClickCapture={(e) => {
        // Over the board, a note picked in the list should be seen: the panel steps aside.
        if (narrow && (e.target as HTMLElement).closest('.panel-note')) setTimeout(close);
      }}
    >
      <button
        type="button"
        className="panel-toggle"
        aria-expanded={open}
        aria-controls="board-side-panel"
        onClick={() => setChoice(!open)}
      >
        {t('board.overview')}
      </button>
      <div id="board-side-panel" className="side-panel-body" hidden={!open}>
        {open && children}
      </div>
    </div>
  );
}
