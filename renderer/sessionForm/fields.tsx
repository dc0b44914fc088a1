import { useCallback, useEffect, useState, type ReactNode, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';

/** Input id → message. Ids are the inputs' DOM ids, so the summary can move focus to them. */
export type FieldErrors = Readonly<Record<string, string>>;

/** The ids of the session form's fields (shared by "Nieuwe sessie" and "Sessie bewerken"). */
export const FIELD = {
  title: 'session-title',
  date: 'session-date',
  place: 'session-place',
  organiser: 'session-organiser',
  intro: 'session-intro',
  groupCount: 'group-count',
  groups: 'group-list',
  question: (zoneId: string) => `question-${zoneId}`,
} as const;

/** What an input needs to tell assistive technology that it is invalid, and why. */
export function invalidProps(id: string, errors: FieldErrors) {
  const error = errors[id];
  return { id, 'aria-invalid': error ? true : undefined, 'aria-describedby': error ? `${id}-error` : undefined } as const;
}

/** A labelled field with its error under it (outside the label, so the label stays the name). */
export function Field({
  id,
  label,
  errors,
  className,
  children,
}: {
  id: string;
  label: ReactNode;
  errors: FieldErrors;
  className?: string;
  children: ReactNode;
}) {
  const error = errors[id];
  return (
    <div className={className ? `field ${className}` : 'field'}>
      <label htmlFor={id}>{label}</label>
      {children}
      {error && (
        <span id={`${id}-error`} className="field-error">
          {error}
        </span>
      )}
    </div>
  );
}

/**
 * The form's errors, and a way to take one away as soon as the user changes that field (the
 * message would otherwise point at something already fixed).
 */
export function useFieldErrors(): [FieldErrors, (errors: FieldErrors) => void, (id: string) => void] {
  const [errors, setErrors] = useState<FieldErrors>({});
  const clearError = useCallback(
    (id: string) =>
      setErrors((old) => {
        if (!(id in old)) return old;
        const rest = { ...old };
        delete rest[id];
        return rest;
      }),
    [],
  );
  return [errors, setErrors, clearError];
}

/** Moves focus to an invalid field and brings it to the middle of the screen. */
export function focusField(id: string): void {
  const el = document.getElementById(id);
  if (!el) return;
  el.focus({ preventScroll: true });
  el.scrollIntoView({ block: 'center' });
}

/**
 * After each failed submit (`attempt` counts them), focus goes to the first invalid field of the
 * form, in the order the user sees them, and it is scrolled into view: a message off-screen at
 * 1280×720 looks like a button that does nothing.
 */
export function useFocusFirstInvalid(formRef: RefObject<HTMLFormElement | null>, attempt: number): void {
  useEffect(() => {
    if (attempt === 0) return;
    const first = formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
    if (first) focusField(first.id);
  }, [formRef, attempt]);
}

/**
 * The list of what is wrong, at the top of the form (in view with the first field, where focus
 * goes); announced when it appears, and each item takes the user to its field.
 */
export function ErrorSummary({ errors }: { errors: FieldErrors }) {
  const { t } = useTranslation();
  const entries = Object.entries(errors);
  if (entries.length === 0) return null;
  return (
    <div className="error-summary" role="alert">
      <h2>{t('form.summaryTitle', { count: entries.length })}</h2>
      <ul>
        {entries.map(([id, message]) => (
          <li key={id}>
            <button type="button" className="link" onClick={() => focusField(id)}>
              {message}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
