import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Settings } from '../shared/platform';
import { AboutDialog } from './components/AboutDialog';
import { SettingsDialog } from './components/SettingsDialog';
import { routeHref, useRoute } from './hooks';
import { setLanguage } from './i18n';
import { platform } from './platform';
import { isParticipantBrowser } from './platform/device';
import { FollowGate } from './projector/FollowGate';
import { ProjectorScreen } from './projector/ProjectorScreen';
import { BoardScreen } from './screens/BoardScreen';
import { EditSessionScreen } from './screens/EditSessionScreen';
import { HousesScreen } from './screens/HousesScreen';
import { JoinScreen } from './screens/JoinScreen';
import { LibraryScreen } from './screens/LibraryScreen';
import { NewSessionScreen } from './screens/NewSessionScreen';
import { SessionScreen } from './screens/SessionScreen';
import { useFocusOnArrival } from './useFocusOnArrival';

/**
 * A browser that opened the host's bare address from another laptop is a participant: show the
 * join screen rather than an (empty) library of its own.
 */
function landsAsParticipant(): boolean {
  const { hash } = window.location;
  return isParticipantBrowser() && (hash === '' || hash === '#' || hash === '#/');
}

if (landsAsParticipant()) window.location.replace('#/deelnemen');

export function App({ initialSettings }: { initialSettings: Settings }) {
  const { t } = useTranslation();
  const route = useRoute();
  useFocusOnArrival(routeHref(route));
  const [settings, setSettings] = useState(initialSettings);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const [aboutOpen, setAboutOpen] = useState(false);
  const [settingsError, setSettingsError] = useState(false);

  const changeSettings = (next: Settings) => {
    setSettings(next);
    void setLanguage(next.language);
    platform.saveSettings(next).then(
      () => setSettingsError(false),
      () => setSettingsError(true),
    );
  };

  const header = (
    <header className="app-header">
      <a className="brand" href={routeHref({ name: 'library' })}>
        <span className="brand-mark" aria-hidden="true">
          ⌂
        </span>
        Bouwplaats
      </a>
      <div className="spacer" />
      <button type="button" className="ghost" onClick={() => setAboutOpen(true)}>
        {t('about.open')}
      </button>
      <button type="button" className="ghost" onClick={() => setSettingsOpen(true)}>
        {t('settings.open')}
      </button>
    </header>
  );

  // The projector's window is the projector's alone: no header, no settings.
  if (route.name === 'projector') {
    return (
      <ProjectorScreen
        key={`${route.sessionId}/${route.code ?? ''}/${route.token ?? ''}`}
        sessionId={route.sessionId}
        {...(route.code ? { code: route.code } : {})}
        {...(route.token ? { token: route.token } : {})}
      />
    );
  }

  const screen = (
    <>
      {route.name === 'library' && <LibraryScreen />}
      {route.name === 'new' && <NewSessionScreen />}
      {route.name === 'join' && <JoinScreen {...(route.code ? { initialCode: route.code } : {})} />}
      {route.name === 'session' && <SessionScreen key={route.sessionId} sessionId={route.sessionId} />}
      {route.name === 'edit' && <EditSessionScreen key={route.sessionId} sessionId={route.sessionId} />}
      {route.name === 'houses' && <HousesScreen key={route.sessionId} sessionId={route.sessionId} />}
      {route.name === 'board' && (
        <BoardScreen
          key={`${route.sessionId}/${route.groupId}`}
          sessionId={route.sessionId}
          groupId={route.groupId}
          onOpenSettings={() => setSettingsOpen(true)}
        />
      )}
    </>
  );

  return (
    <div className={route.name === 'board' ? 'app app-board' : 'app'}>
      {route.name !== 'board' && header}
      {settingsError && (
        <p role="alert" className="banner error">
          {t('settings.saveFailed')}
        </p>
      )}
      {/* A participant's screen gives way to the projector's while the facilitator asks (follow me). */}
      {'sessionId' in route ? <FollowGate sessionId={route.sessionId}>{screen}</FollowGate> : screen}
      {settingsOpen && (
        <SettingsDialog settings={settings} onChange={changeSettings} onClose={() => setSettingsOpen(false)} />
      )}
      {aboutOpen && <AboutDialog onClose={() => setAboutOpen(false)} />}
    </div>
  );
}
