import { BrowserWindow, app, ipcMain, protocol, screen, session } from 'electron';
import Store from 'electron-store';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { APP_SCHEME } from '../shared/ipc';
import { createAppProtocolHandler } from './appProtocol';
import { routePlatformIpc } from './ipcRouter';
import { createLiveHosting } from './liveHosting';
import { createPlatformHandlers } from './platformHandlers';
import { createProjectorWindows } from './projectorWindow';
import { isPermissionAllowed } from './security';
import { createMainWindow } from './window';

/**
 * Electron's main process, kept to wiring: every decision lives in a module without Electron
 * (window.ts, security.ts, ipcRouter.ts, platformHandlers.ts, appProtocol.ts, host/) that is
 * tested in Node. Built to dist/electron/main.js (ESM) beside preload.cjs.
 */

const here = path.dirname(fileURLToPath(import.meta.url));
const rendererDir = process.env.BOUWPLAATS_RENDERER_DIR || path.join(here, '..', 'renderer');
const preloadPath = path.join(here, 'preload.cjs');
// The renderer's own house icon (renderer/public/icons), the same picture as its favicon.
const iconPath = path.join(rendererDir, 'icons', '512x512.png');

// Must happen before `ready`: a standard, secure scheme gives the renderer IndexedDB, localStorage
// and a real origin for its CSP, which file:// does not.
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);

let mainWindow: BrowserWindow | null = null;

// The projector goes to a display other than the one the facilitator's window is on.
const projector = createProjectorWindows({
  createWindow: (options) => new BrowserWindow(options),
  displays: () => screen.getAllDisplays(),
  mainDisplayId: () => (mainWindow ? screen.getDisplayMatching(mainWindow.getBounds()).id : null),
  preloadPath,
  iconPath,
});

function openMainWindow(): BrowserWindow {
  const window = createMainWindow({ createWindow: (options) => new BrowserWindow(options), preloadPath, iconPath });
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = null;
    // The projector is controlled from this window: it goes with it.
    projector.closeAll();
  });
  mainWindow = window;
  return window;
}

function start(): void {
  protocol.handle(APP_SCHEME, createAppProtocolHandler(rendererDir));
  session.defaultSession.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(isPermissionAllowed(permission, details.requestingUrl));
  });
  session.defaultSession.setPermissionCheckHandler((_contents, permission, requestingOrigin) =>
    isPermissionAllowed(permission, requestingOrigin),
  );
  // A corrupt settings file is replaced by defaults instead of stopping the app at launch.
  const store = new Store<Record<string, unknown>>({ name: 'bouwplaats', clearInvalidConfig: true });
  const hosting = createLiveHosting({ rendererDir, dataDir: path.join(app.getPath('userData'), 'live') });
  app.on('will-quit', () => void hosting.close());
  // The system's own About panel (macOS menu, Linux) says the same version as "Over Bouwplaats".
  app.setAboutPanelOptions({ applicationName: 'Bouwplaats', applicationVersion: app.getVersion() });
  routePlatformIpc(ipcMain, createPlatformHandlers(store, hosting, { openProjector: (request) => projector.open(request) }));
  openMainWindow();
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (app.isReady() && BrowserWindow.getAllWindows().length === 0) openMainWindow();
  });
  app.whenReady().then(start, (error: unknown) => {
    console.error('Bouwplaats kon niet starten:', error);
    app.exit(1);
  });
}
