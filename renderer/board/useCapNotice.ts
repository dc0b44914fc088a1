import { useEffect, useState, type RefObject } from 'react';

/**
 * Whether the last text pasted, dropped or inserted into `field` was longer than fits under its
 * `maxLength`: the browser then drops the rest without a word, so the editor says so. Cleared by
 * the next edit that fits. Listens to `beforeinput` (insertText, insertFromPaste, insertFromDrop)
 * and, where a browser gives no text there, to `paste` and `drop`.
 */
export function useCapNotice(field: RefObject<HTMLTextAreaElement | null>, max: number): boolean {
  const [capped, setCapped] = useState(false);
  useEffect(() => {
    const el = field.current;
    if (!el) return;
    const check = (inserted: string | null | undefined) => {
      if (inserted == null) return;
      const kept = el.value.length - (el.selectionEnd - el.selectionStart);
      setCapped(kept + inserted.length > max);
    };
    const onBeforeInput = (e: InputEvent) => {
      if (e.inputType.startsWith('insert')) check(e.data ?? e.dataTransfer?.getData('text/plain'));
    };
    const onPaste = (e: ClipboardEvent) => check(e.clipboardData?.getData('text/plain'));
    const onDrop = (e: DragEvent) => check(e.dataTransfer?.getData('text/plain'));
    el.addEventListener('beforeinput', onBeforeInput);
    el.addEventListener('paste', onPaste);
    el.addEventListener('drop', onDrop);
    return () => {
      el.removeEventListener('beforeinput', onBeforeInput);
      el.removeEventListener('paste', onPaste);
      el.removeEventListener('drop', onDrop);
    };
  }, [field, max]);
  return capped;
}
