import { useTranslation } from 'react-i18next';
import { LANGUAGES, type Language, type Settings } from '../../shared/platform';
import { CloseOnlyDialog } from './Dialog';

interface Props {
  settings: Settings;
  onChange: (settings: Settings) => void;
  onClose: () => void;
}

const LANGUAGE_NAMES: Record<Language, string> = { nl: 'Nederlands', en: 'English' };

export function SettingsDialog({ settings, onChange, onClose }: Props) {
  const { t } = useTranslation();
  return (
    <CloseOnlyDialog title={t('settings.title')} onClose={onClose}>
      <label className="field">
        <span>{t('settings.language')}</span>
        <select
          value={settings.language}
          onChange={(e) => onChange({ ...settings, language: e.target.value as Language })}
        >
          {LANGUAGES.map((lang) => (
            <option key={lang} value={lang}>
              {LANGUAGE_NAMES[lang]}
            </option>
          ))}
        </select>
      </label>
    </CloseOnlyDialog>
  );
}
