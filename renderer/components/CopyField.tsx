import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

interface Props {
  /** What to pass on to another computer (a link), exactly as it must arrive. */
  value: string;
  /** The field's name for screen readers (what the text is). */
  label: string;
  className?: string;
}

/** How long "Gekopieerd" stays beside the button. */
const SAID_MS = 4000;

/** What the button did: copied, or only selected the text (the browser would not copy). */
type Said = 'copied' | 'selected';

/**
 * A text to pass on, such as a long link: shown whole in a read-only field (it wraps anywhere, in
 * a fixed-width font, so each character of a link of 100 can be read and checked), and a
 * "Kopiëren" button that puts it on the clipboard and says "Gekopieerd". The clipboard API needs
 * a secure page and the browser's leave (a facilitator's page over plain http on the LAN has none,
 * a browser may refuse it): then the text is selected in the field and copied as a selection, and
 * where even that is refused the text stays selected and the line says to press Ctrl+C.
 */
export function CopyField({ value, label, className = '' }: Props) {
  const { t } = useTranslation();
  const fieldRef = useRef<HTMLTextAreaElement>(null);
  const [said, setSaid] = useState<{ what: Said; value: string } | null>(null);

  useEffect(() => {
    if (!said) return;
    const timer = setTimeout(() => setSaid(null), SAID_MS);
    return () => clearTimeout(timer);
  }, [said]);

  const selectAll = () => fieldRef.current?.select();
  const copy = async () => {
    try {
      // Absent on a page that is not a secure context (plain http to another machine).
      if (!navigator.clipboard) throw new Error('no clipboard');
      await navigator.clipboard.writeText(value);
      setSaid({ what: 'copied', value });
    } catch {
      const field = fieldRef.current;
      if (!field) return;
      field.focus();
      field.select();
      let copied: boolean;
      try {
        // Deprecated, but the one way to copy on a page without the clipboard API.
        copied = document.execCommand('copy');
      } catch {
        copied = false;
      }
      setSaid({ what: copied ? 'copied' : 'selected', value });
    }
  };

  const shown = said && said.value === value ? said.what : null;
  return (
    <div className={`copy-field ${className}`.trim()}>
      <textarea
        ref={fieldRef}
        className="copy-field-text"
        readOnly
        rows={2}
        spellCheck={false}
        value={value}
        aria-label={label}
        onFocus={selectAll}
        onClick={selectAll}
      />
      <div className="copy-field-actions">
        <button type="button" onClick={() => void copy()}>
          {t('copy.button')}
        </button>
        <span role="status" className={shown === 'copied' ? 'copy-field-said copied' : 'copy-field-said'}>
          {shown === 'copied' ? t('copy.copied') : shown === 'selected' ? t('copy.selected') : ''}
        </span>
      </div>
    </div>
  );
}
