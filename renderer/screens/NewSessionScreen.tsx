import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_GROUPS } from '../../shared/schema/group';
import { defaultQuestions } from '../../shared/schema/session';
import { SessionDraftSchema, type SessionDraft } from '../../shared/schema/sessionDraft';
import { HOUSE_TEMPLATE } from '../../shared/template/house';
import { createSession } from '../docs/library';
import { todayIso } from '../format';
import { navigate, routeHref } from '../hooks';
import { isParticipantBrowser } from '../platform/device';
import { DetailsFields, type Details } from '../sessionForm/DetailsFields';
import { ErrorSummary, FIELD, Field, invalidProps, useFieldErrors, useFocusFirstInvalid, type FieldErrors } from '../sessionForm/fields';
import { QuestionFields, zonesInFormOrder } from '../sessionForm/QuestionFields';
import { sessionFormErrors } from '../sessionForm/validation';

const DEFAULT_GROUPS = 6;
const groupField = (index: number) => `group-${index}`;

/** The number typed in "Aantal subgroepen", or null while it is not a whole number from 1 to 30. */
function parseCount(text: string): number | null {
  const n = Number(text);
  return text.trim() !== '' && Number.isInteger(n) && n >= 1 && n <= MAX_GROUPS ? n : null;
}

export function NewSessionScreen() {
  return isParticipantBrowser() ? <ParticipantNotice /> : <NewSessionForm />;
}

function NewSessionForm() {
  const { t, i18n } = useTranslation();
  // Group names and questions not typed by the user follow the UI language, also when it changes
  // while the form is open: the session is created in the language of the moment.
  const lang = i18n.language === 'en' ? 'en' : 'nl';
  const template = HOUSE_TEMPLATE;
  const [details, setDetails] = useState<Details>(() => ({ title: '', date: todayIso(), place: '', organiser: '', intro: '' }));
  // What the user typed in the count field, kept as text so it can be cleared and retyped; the
  // count itself changes only when the text is a valid number.
  const [countText, setCountText] = useState(String(DEFAULT_GROUPS));
  const [count, setCount] = useState(DEFAULT_GROUPS);
  // Names the user typed, by position; kept when the count goes down and back up.
  const [typedNames, setTypedNames] = useState<Record<number, string>>({});
  // Questions the user changed; the others follow the template in the UI language.
  const [typedQuestions, setTypedQuestions] = useState<Record<string, string>>({});
  const [errors, setErrors, clearError] = useFieldErrors();
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  const [saveFailed, setSaveFailed] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  useFocusFirstInvalid(formRef, attempt);

  const groups = Array.from({ length: count }, (_, i) => typedNames[i] ?? `${t('session.groupWord')} ${i + 1}`);
  const questions = { ...defaultQuestions(template, lang), ...typedQuestions };

  const changeCount = (text: string) => {
    setCountText(text);
    const n = parseCount(text);
    if (n !== null) {
      setCount(n);
      clearError(FIELD.groupCount);
    }
  };

  const submit = async () => {
    // Questions in the order the form shows them, so the schema reports them in that order too.
    const orderedQuestions = Object.fromEntries(zonesInFormOrder(template).map((z) => [z.id, questions[z.id] ?? '']));
    const draft: SessionDraft = { ...details, groups, questions: orderedQuestions };
    const parsed = SessionDraftSchema.safeParse(draft);
    const next: Record<string, string> = parsed.success
      ? {}
      : { ...sessionFormErrors(parsed.error.issues, t, { groupField, zoneOrder: Object.keys(orderedQuestions), zoneLabel }) };
    if (parseCount(countText) === null) next[FIELD.groupCount] = t('form.groupCountInvalid', { max: MAX_GROUPS });
    if (!parsed.success || Object.keys(next).length > 0) {
      setErrors(orderErrors(next));
      setAttempt((a) => a + 1);
      return;
    }
    setErrors({});
    setSaveFailed(false);
    setBusy(true);
    try {
      const id = await createSession(parsed.data);
      // Back from the new session goes to the library, not to this form, empty.
      navigate({ name: 'session', sessionId: id }, { replace: true });
    } catch {
      setSaveFailed(true);
      setBusy(false);
    }
  };

  const zoneLabel = (zoneId: string) => template.zones.find((z) => z.id === zoneId)?.label[lang] ?? zoneId;

  return (
    <main className="page">
      <h1>{t('newSession.title')}</h1>
      <form
        ref={formRef}
        className="session-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <ErrorSummary errors={errors} />
        <DetailsFields
          value={details}
          autoFocusTitle
          errors={errors}
          onChange={(field, value) => {
            setDetails((old) => ({ ...old, [field]: value }));
            clearError(FIELD[field]);
          }}
        />

        <fieldset>
          <legend>{t('newSession.groups')}</legend>
          <Field id={FIELD.groupCount} label={t('newSession.groupCount')} errors={errors} className="narrow">
            <input
              {...invalidProps(FIELD.groupCount, errors)}
              name="groupCount"
              type="number"
              inputMode="numeric"
              min={1}
              max={MAX_GROUPS}
              value={countText}
              onChange={(e) => changeCount(e.target.value)}
            />
          </Field>
          <div className="group-names">
            {groups.map((name, i) => (
              <Field key={i} id={groupField(i)} label={t('newSession.groupName', { n: i + 1 })} errors={errors}>
                <input
                  {...invalidProps(groupField(i), errors)}
                  value={name}
                  maxLength={80}
                  onChange={(e) => {
                    const value = e.target.value;
                    setTypedNames((old) => ({ ...old, [i]: value }));
                    clearError(groupField(i));
                  }}
                />
              </Field>
            ))}
          </div>
        </fieldset>

        <QuestionFields
          template={template}
          lang={lang}
          questions={questions}
          errors={errors}
          onChange={(zoneId, text) => {
            setTypedQuestions((old) => ({ ...old, [zoneId]: text }));
            clearError(FIELD.question(zoneId));
          }}
        />

        {saveFailed && (
          <p role="alert" className="banner error">
            {t('form.saveFailed')}
          </p>
        )}
        <div className="form-actions">
          <button type="button" onClick={() => navigate({ name: 'library' }, { replace: true })}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="primary" disabled={busy}>
            {t('newSession.create')}
          </button>
        </div>
      </form>
    </main>
  );
}

/** The count's error joins the others where the field is: after the details, before the names. */
function orderErrors(errors: FieldErrors): FieldErrors {
  const rank = (id: string) => (id === FIELD.groupCount ? 1 : id.startsWith('group-') ? 2 : id.startsWith('question-') ? 3 : 0);
  // A stable sort keeps sessionFormErrors' order within each part.
  return Object.fromEntries(Object.entries(errors).sort(([a], [b]) => rank(a) - rank(b)));
}

/** What a participant's browser shows instead of the form: sessions are made by the facilitator. */
function ParticipantNotice() {
  const { t } = useTranslation();
  return (
    <main className="page narrow-page">
      <h1>{t('newSession.title')}</h1>
      <p>{t('newSession.participantOnly')}</p>
      <p>
        <a href={routeHref({ name: 'join' })}>{t('library.join')}</a>
      </p>
    </main>
  );
}
