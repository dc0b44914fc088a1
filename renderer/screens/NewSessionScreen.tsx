import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_GROUPS, defaultGroupNames } from '../../shared/schema/group';
import { SessionDraftSchema, type SessionDraft } from '../../shared/schema/sessionDraft';
import { HOUSE_TEMPLATE } from '../../shared/template/house';
import { createSession } from '../docs/library';
import { navigate } from '../hooks';

type Errors = Partial<Record<'title' | 'groups' | 'questions' | 'save', string>>;

export function NewSessionScreen() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'nl';
  const [title, setTitle] = useState('');
  const [date, setDate] = useState(() => new Date().toISOString().slice(0, 10));
  const [place, setPlace] = useState('');
  const [organiser, setOrganiser] = useState('');
  const [intro, setIntro] = useState('');
  const [groups, setGroups] = useState(() => defaultGroupNames(6, t('session.groupWord')));
  const [questions, setQuestions] = useState<Record<string, string>>(() =>
    Object.fromEntries(HOUSE_TEMPLATE.zones.map((z) => [z.id, z.defaultQuestion])),
  );
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);

  const setGroupCount = (count: number) => {
    const n = Math.max(1, Math.min(MAX_GROUPS, Math.round(count) || 1));
    setGroups((old) => [...old.slice(0, n), ...defaultGroupNames(n, t('session.groupWord')).slice(old.length)]);
  };

  const submit = async () => {
    const draft: SessionDraft = { title, date, place, organiser, intro, groups, questions };
    const parsed = SessionDraftSchema.safeParse(draft);
    if (!parsed.success) {
      const next: Errors = {};
      for (const issue of parsed.error.issues) {
        const field = issue.path[0];
        if (field === 'title') next.title = t('form.titleRequired');
        else if (field === 'groups') next.groups = t('form.groupsInvalid', { max: MAX_GROUPS });
        else if (field === 'questions') next.questions = t('form.questionsInvalid');
        else next.save = t('form.invalid');
      }
      setErrors(next);
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      const id = await createSession(parsed.data);
      navigate({ name: 'session', sessionId: id });
    } catch {
      setErrors({ save: t('form.saveFailed') });
      setBusy(false);
    }
  };

  return (
    <main className="page">
      <h1>{t('newSession.title')}</h1>
      <form
        className="session-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <fieldset>
          <legend>{t('newSession.details')}</legend>
          <label className="field">
            <span>{t('session.title')} *</span>
            <input
              name="title"
              value={title}
              maxLength={200}
              onChange={(e) => setTitle(e.target.value)}
              placeholder={t('newSession.titlePlaceholder')}
              aria-invalid={Boolean(errors.title)}
              autoFocus
            />
            {errors.title && <span className="field-error">{errors.title}</span>}
          </label>
          <div className="field-row">
            <label className="field">
              <span>{t('session.date')}</span>
              <input name="date" type="date" value={date} onChange={(e) => setDate(e.target.value)} />
            </label>
            <label className="field">
              <span>{t('session.place')}</span>
              <input name="place" value={place} maxLength={200} onChange={(e) => setPlace(e.target.value)} />
            </label>
            <label className="field">
              <span>{t('session.organiser')}</span>
              <input name="organiser" value={organiser} maxLength={200} onChange={(e) => setOrganiser(e.target.value)} />
            </label>
          </div>
          <label className="field">
            <span>{t('session.intro')}</span>
            <textarea name="intro" rows={3} value={intro} maxLength={5000} onChange={(e) => setIntro(e.target.value)} />
          </label>
        </fieldset>

        <fieldset>
          <legend>{t('newSession.groups')}</legend>
          <label className="field narrow">
            <span>{t('newSession.groupCount')}</span>
            <input
              name="groupCount"
              type="number"
              min={1}
              max={MAX_GROUPS}
              value={groups.length}
              onChange={(e) => setGroupCount(Number(e.target.value))}
            />
          </label>
          <div className="group-names">
            {groups.map((name, i) => (
              <label className="field" key={i}>
                <span>{t('newSession.groupName', { n: i + 1 })}</span>
                <input
                  value={name}
                  maxLength={80}
                  onChange={(e) => setGroups((old) => old.map((g, j) => (j === i ? e.target.value : g)))}
                />
              </label>
            ))}
          </div>
          {errors.groups && <p className="field-error">{errors.groups}</p>}
        </fieldset>

        <fieldset>
          <legend>{t('newSession.questions')}</legend>
          {[...HOUSE_TEMPLATE.zones].reverse().map((zone) => (
            <label className="field" key={zone.id}>
              <span>
                <strong>{zone.label[lang]}</strong> — {zone.subtitle[lang]}
              </span>
              <textarea
                name={`question-${zone.id}`}
                rows={3}
                maxLength={2000}
                value={questions[zone.id] ?? ''}
                onChange={(e) => setQuestions((old) => ({ ...old, [zone.id]: e.target.value }))}
              />
            </label>
          ))}
          {errors.questions && <p className="field-error">{errors.questions}</p>}
        </fieldset>

        {errors.save && (
          <p role="alert" className="banner error">
            {errors.save}
          </p>
        )}
        <div className="form-actions">
          <button type="button" onClick={() => navigate({ name: 'library' })}>
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
