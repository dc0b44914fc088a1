import { useTranslation } from 'react-i18next';
import { TITLE_MAX } from '../../shared/schema/session';
import { FIELD, Field, invalidProps, type FieldErrors } from './fields';

/** The session's details as the form holds them. */
export interface Details {
  title: string;
  date: string;
  place: string;
  organiser: string;
  intro: string;
}

interface Props {
  value: Details;
  onChange: (field: keyof Details, value: string) => void;
  errors: FieldErrors;
  /** Focus the title when the form opens (the new-session form). */
  autoFocusTitle?: boolean;
}

/** "Over de bijeenkomst": title, date, place, organiser and a short introduction. */
export function DetailsFields({ value, onChange, errors, autoFocusTitle = false }: Props) {
  const { t } = useTranslation();
  return (
    <fieldset>
      <legend>{t('newSession.details')}</legend>
      <Field id={FIELD.title} label={`${t('session.title')} *`} errors={errors}>
        <input
          {...invalidProps(FIELD.title, errors)}
          name="title"
          value={value.title}
          maxLength={TITLE_MAX}
          onChange={(e) => onChange('title', e.target.value)}
          placeholder={t('newSession.titlePlaceholder')}
          autoFocus={autoFocusTitle}
        />
      </Field>
      <div className="field-row">
        <Field id={FIELD.date} label={t('session.date')} errors={errors}>
          <input {...invalidProps(FIELD.date, errors)} name="date" type="date" value={value.date} onChange={(e) => onChange('date', e.target.value)} />
        </Field>
        <Field id={FIELD.place} label={t('session.place')} errors={errors}>
          <input {...invalidProps(FIELD.place, errors)} name="place" value={value.place} maxLength={200} onChange={(e) => onChange('place', e.target.value)} />
        </Field>
        <Field id={FIELD.organiser} label={t('session.organiser')} errors={errors}>
          <input
            {...invalidProps(FIELD.organiser, errors)}
            name="organiser"
            value={value.organiser}
            maxLength={200}
            onChange={(e) => onChange('organiser', e.target.value)}
          />
        </Field>
      </div>
      <Field id={FIELD.intro} label={t('session.intro')} errors={errors}>
        <textarea
          {...invalidProps(FIELD.intro, errors)}
          name="intro"
          rows={3}
          value={value.intro}
          maxLength={5000}
          onChange={(e) => onChange('intro', e.target.value)}
        />
      </Field>
    </fieldset>
  );
}
