import { useEffect, useLayoutEffect, useRef, type Ref } from 'react';
import type * as Y from 'yjs';
import { CASE_TEXT_FIELDS, observeCaseField, readCaseField, writeCaseField, type CaseTextField as Field } from '../../shared/schema/caseDoc';
import { shiftThroughEdit } from '../../shared/textEdit';

interface Props {
  doc: Y.Doc;
  field: Field;
  id: string;
  /** Ids of the label's hint, for aria-describedby. */
  describedBy?: string;
  rows?: number;
  readOnly?: boolean;
  /** Called with every text the field shows, typed or arriving from another window. */
  onText?: (text: string) => void;
  ref?: Ref<HTMLTextAreaElement>;
}

/**
 * A textarea written straight into one of the case's texts (every keystroke is kept: nothing to
 * save). Not controlled by React: when the facilitator's other window changes the text, the caret
 * stays where this person is typing. While an input method composes, nothing is written (peers
 * would see the reading); the composed word is written when it ends.
 */
export function CaseTextField({ doc, field, id, describedBy, rows = 6, readOnly = false, onText, ref }: Props) {
  const own = useRef<HTMLTextAreaElement | null>(null);
  const composing = useRef(false);
  const onTextRef = useRef(onText);
  useEffect(() => {
    onTextRef.current = onText;
  }, [onText]);
  useLayoutEffect(() => {
    const el = own.current;
    if (!el) return;
    el.value = readCaseField(doc, field);
    onTextRef.current?.(el.value);
    return observeCaseField(doc, field, (text) => {
      if (composing.current || el.value === text) return;
      const { selectionStart, selectionEnd } = el;
      const start = shiftThroughEdit(el.value, text, selectionStart);
      const end = shiftThroughEdit(el.value, text, selectionEnd);
      el.value = text;
      if (document.activeElement === el) el.setSelectionRange(start, end);
      onTextRef.current?.(text);
    });
  }, [doc, field]);
  const write = (el: HTMLTextAreaElement) => {
    if (readOnly) return;
    writeCaseField(doc, field, el.value.slice(0, CASE_TEXT_FIELDS[field]));
    onTextRef.current?.(el.value);
  };
  return (
    <textarea
      id={id}
      ref={(el) => {
        own.current = el;
        if (typeof ref === 'function') ref(el);
        else if (ref) ref.current = el;
      }}
      rows={rows}
      maxLength={CASE_TEXT_FIELDS[field]}
      readOnly={readOnly}
      aria-describedby={describedBy}
      onChange={(e) => {
        if (!composing.current) write(e.currentTarget);
      }}
      onCompositionStart={() => {
        composing.current = true;
      }}
      onCompositionEnd={(e) => {
        composing.current = false;
        write(e.currentTarget);
      }}
    />
  );
}
