import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { linkOpenDocsAcrossWindows } from './docs/windowLink';
import { initI18n } from './i18n';
import { keepKeyboardInPlace } from './keyboardPlace';
import { platform } from './platform';
import { DEFAULT_SETTINGS } from '../shared/platform';
import './styles.css';
import './forms.css';
import './board-layout.css';
import './print.css';

// The facilitator's window and the projector's (and any two tabs) show the same docs, live.
linkOpenDocsAcrossWindows();
// A keyboard user's place survives buttons that move or go away (keyboardPlace.ts).
keepKeyboardInPlace();

async function start(): Promise<void> {
  const settings = await platform.loadSettings().catch(() => DEFAULT_SETTINGS);
  await initI18n(settings.language);
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App initialSettings={settings} />
    </StrictMode>,
  );
}

void start();
