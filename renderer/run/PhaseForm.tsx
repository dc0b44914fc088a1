import { useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { PHASE_INSTRUCTION_MAX, PHASE_KINDS, PHASE_MINUTES_MAX, PHASE_TITLE_MAX, type PhaseInit, type PhaseKind } from '../../shared/schema/agenda';
import { ErrorSummary, Field, invalidProps, useFieldErrors, useFocusFirstInvalid } from '../sessionForm/fields';

interface Props {
  initial: PhaseInit;
  /** What the form is for ("Fase bewerken", "Nieuwe fase"): its accessible name. */
  heading: string;
  /** A fresh phase: choosing its kind also sets whether houses are open (only building opens them). */
  fresh?: boolean;
  onSave: (phase: PhaseInit) => void;
  onCancel: () => void;
}

/**
 * One phase of the agenda: title, kind, minutes, the instruction every laptop shows, and whether
 * the subgroups may write on their house. Checked before anything is written (the same limits as
 * PhaseSchema); Esc cancels.
 */
export function PhaseForm({ initial, heading, fresh = false, onSave, onCancel }: Props) {
  const { t } = useTranslation();
  const base = useId();
  const id = { title: `${base}-title`, kind: `${base}-kind`, minutes: `${base}-minutes`, instruction: `${base}-instruction` };
  const [title, setTitle] = useState(initial.title);
  const [kind, setKind] = useState<PhaseKind>(initial.kind);
  const [minutes, setMinutes] = useState(String(initial.minutes));
  const [instruction, setInstruction] = useState(initial.instruction);
  const [boardsOpen, setBoardsOpen] = useState(initial.boardsOpen);
  const [errors, setErrors, clearError] = useFieldErrors();
  const [attempt, setAttempt] = useState(0);
  const form = useRef<HTMLFormElement>(null);
  useFocusFirstInvalid(form, attempt);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    const cleanTitle = title.trim();
    const count = Number(minutes);
    if (!cleanTitle || cleanTitle.length > PHASE_TITLE_MAX) found[id.title] = t('run.form.errors.title');
    if (!/^\s*\d+\s*$/.test(minutes) || count < 1 || count > PHASE_MINUTES_MAX) found[id.minutes] = t('run.form.errors.minutes');
    if (instruction.trim().length > PHASE_INSTRUCTION_MAX) found[id.instruction] = t('run.form.errors.instruction');
    setErrors(found);
    if (Object.keys(found).length > 0) {
      setAttempt((n) => n + 1);
      return;
    }
    onSave({ kind, title: cleanTitle, minutes: count, instruction: instruction.trim(), boardsOpen });
  };

  return (
    <form
      ref={form}
      className="phase-form"
      aria-label={heading}
      noValidate
      onSubmit={submit}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          onCancel();
        }
      }}
    >
      <ErrorSummary errors={errors} />
      <div className="phase-form-row">
        <Field id={id.title} label={t('run.form.title')} errors={errors} className="phase-form-title">
          <input
            {...invalidProps(id.title, errors)}
            value={title}
            maxLength={PHASE_TITLE_MAX}
            autoFocus
            onChange={(e) => {
              setTitle(e.target.value);
              clearError(id.title);
            }}
          />
        </Field>
        <Field id={id.minutes} label={t('run.form.minutes')} errors={errors} className="phase-form-minutes">
          <input
            {...invalidProps(id.minutes, errors)}
            type="number"
            inputMode="numeric"
            min={1}
            max={PHASE_MINUTES_MAX}
            step={1}
            value={minutes}
            onChange={(e) => {
              setMinutes(e.target.value);
              clearError(id.minutes);
            }}
          />
        </Field>
        <Field id={id.kind} label={t('run.form.kind')} errors={errors} className="phase-form-kind">
          <select
            id={id.kind}
            value={kind}
            aria-describedby={`${id.kind}-hint`}
            onChange={(e) => {
              const next = e.target.value as PhaseKind;
              setKind(next);
              if (fresh) setBoardsOpen(next === 'build');
            }}
          >
            {PHASE_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`run.kinds.${k}`)}
              </option>
            ))}
          </select>
          <span id={`${id.kind}-hint`} className="choice-hint">
            {t('run.form.kindHint')}
          </span>
        </Field>
      </div>
      <Field id={id.instruction} label={t('run.form.instruction')} errors={errors}>
        <textarea
          {...invalidProps(id.instruction, errors)}
          rows={3}
          maxLength={PHASE_INSTRUCTION_MAX}
          value={instruction}
          onChange={(e) => {
            setInstruction(e.target.value);
            clearError(id.instruction);
          }}
        />
      </Field>
      <label className="check">
        <input type="checkbox" checked={boardsOpen} onChange={(e) => setBoardsOpen(e.target.checked)} />
        {t('run.form.boardsOpen')}
      </label>
      <div className="phase-form-actions">
        <button type="submit" className="primary">
          {t('run.form.save')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('run.form.cancel')}
        </button>
      </div>
    </form>
  );
}
