import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface DialogProps {
  title: string;
  onClose: () => void;
  children: ReactNode;
  /** Buttons, right-aligned under the content. */
  actions: ReactNode;
  onSubmit?: () => void;
}

/**
 * A modal built on <dialog>: focus is trapped and Escape closes it, as users expect. When it
 * closes, the keyboard goes back to where it was (the button that opened it, or the board), not to
 * the page body; if that place is gone, to the screen's board or heading.
 */
export function Dialog({ title, onClose, children, actions, onSubmit }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (dialog && !dialog.open) dialog.showModal();
    return () => {
      requestAnimationFrame(() => {
        const active = document.activeElement;
        if (active && active !== document.body) return;
        const back = opener?.isConnected && !(opener as HTMLButtonElement).disabled ? opener : document.querySelector<HTMLElement>('.board-surface') ?? document.querySelector<HTMLElement>('main h1');
        if (back && back !== opener && !back.hasAttribute('tabindex')) back.setAttribute('tabindex', '-1');
        back?.focus({ preventScroll: true });
      });
    };
  }, []);
  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-label={title}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          onSubmit?.();
        }}
      >
        <h2>{title}</h2>
        <div className="dialog-body">{children}</div>
        <div className="dialog-actions">{actions}</div>
      </form>
    </dialog>
  );
}

/** A dialog that only informs or sets things as they change: one "Sluiten" button (Enter, Esc). */
export function CloseOnlyDialog({ title, onClose, children }: { title: string; onClose: () => void; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Dialog
      title={title}
      onClose={onClose}
      onSubmit={onClose}
      actions={
        <button type="submit" className="primary">
          {t('common.close')}
        </button>
      }
    >
      {children}
    </Dialog>
  );
}
