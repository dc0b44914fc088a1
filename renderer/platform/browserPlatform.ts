import {
  DEFAULT_SETTINGS,
  SessionIndexSchema,
  SettingsSchema,
  type Platform,
  type ProjectorAnswer,
  type SessionIndexEntry,
  type Settings,
} from '../../shared/platform';

import { kvGet, kvSet } from './kvStore';
import { forgetSessionViaHost, startHostingViaHost, stopHostingViaHost } from './hostingControl';

const SETTINGS_KEY = 'bouwplaats.settings';
const SESSIONS_KEY = 'sessions';

function readJson(key: string): unknown {
  try {
    const raw = localStorage.getItem(key);
    return raw === null ? undefined : JSON.parse(raw);
  } catch {
    return undefined;
  }
}

/** The Platform for a plain browser: settings in localStorage, the session list in IndexedDB. */
export const browserPlatform: Platform = {
  kind: 'browser',
  async loadSettings(): Promise<Settings> {
    const parsed = SettingsSchema.safeParse(readJson(SETTINGS_KEY));
    return parsed.success ? parsed.data : DEFAULT_SETTINGS;
  },
  async saveSettings(settings: Settings): Promise<void> {
    localStorage.setItem(SETTINGS_KEY, JSON.stringify(SettingsSchema.parse(settings)));
  },
  async loadSessionIndex(): Promise<SessionIndexEntry[]> {
    const raw = await kvGet(SESSIONS_KEY).catch(() => undefined);
    if (!Array.isArray(raw)) return [];
    // Keep every row that validates, so one damaged row does not hide the whole library.
    return raw.flatMap((row) => {
      const parsed = SessionIndexSchema.element.safeParse(row);
      return parsed.success ? [parsed.data] : [];
    });
  },
  async saveSessionIndex(entries: SessionIndexEntry[]): Promise<void> {
    await kvSet(SESSIONS_KEY, SessionIndexSchema.parse(entries));
  },
  startHosting: startHostingViaHost,
  stopHosting: stopHostingViaHost,
  forgetSession: forgetSessionViaHost,
  /**
   * A window of this app at the projector route (same origin: it shares this browser's docs, kept
   * live by windowLink.ts), named so that opening it again reuses it; null when pop-ups are blocked.
   */
  async openProjector({ sessionId }): Promise<ProjectorAnswer> {
    const url = `${window.location.pathname}${window.location.search}#/projector/${encodeURIComponent(sessionId)}`;
    const opened = window.open(url, 'bouwplaats-projector', 'popup,width=1280,height=720');
    opened?.focus();
    return { placement: opened ? 'window' : 'blocked' };
  },
};
