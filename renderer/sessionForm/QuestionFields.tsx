import { useTranslation } from 'react-i18next';
import type { Language } from '../../shared/platform';
import type { BoardTemplate } from '../../shared/template/template';
import { FIELD, Field, invalidProps, type FieldErrors } from './fields';

/** Zones as the form lists their questions: as the house is built, foundation first. */
export function zonesInFormOrder(template: BoardTemplate): BoardTemplate['zones'] {
  return [...template.zones].reverse();
}

interface Props {
  template: BoardTemplate;
  lang: Language;
  questions: Readonly<Record<string, string>>;
  onChange: (zoneId: string, text: string) => void;
  errors: FieldErrors;
}

/** "De vragen van het huis": one question per zone. */
export function QuestionFields({ template, lang, questions, onChange, errors }: Props) {
  const { t } = useTranslation();
  return (
    <fieldset>
      <legend>{t('newSession.questions')}</legend>
      {zonesInFormOrder(template).map((zone) => {
        const id = FIELD.question(zone.id);
        return (
          <Field
            key={zone.id}
            id={id}
            errors={errors}
            label={
              <>
                <strong>{zone.label[lang]}</strong> — {zone.subtitle[lang]}
              </>
            }
          >
            <textarea
              {...invalidProps(id, errors)}
              name={id}
              rows={3}
              maxLength={2000}
              value={questions[zone.id] ?? ''}
              onChange={(e) => onChange(zone.id, e.target.value)}
            />
          </Field>
        );
      })}
    </fieldset>
  );
}
