import { APP_ORIGIN } from '../shared/ipc';
import { isAppUrl } from './security';

/**
 * The main window, with Electron reached only through the small interfaces below, so this runs in
 * Node tests. main.ts passes the real BrowserWindow; the compiler checks that it fits.
 */

export const MAIN_WINDOW_URL = `${APP_ORIGIN}/index.html`;

/** The renderer gets no Node, runs sandboxed and reaches main only through the preload's Platform. */
export function secureWebPreferences(preloadPath: string) {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
  } as const;
}

/**
 * The main window's options. `iconPath` is the app's house icon (a PNG; used by Windows' and Linux'
 * task bars, macOS takes the icon of the app bundle).
 */
export function mainWindowOptions(preloadPath: string, iconPath?: string) {
  return {
    title: 'Bouwplaats',
    ...(iconPath ? { icon: iconPath } : {}),
    width: 1400,
    height: 900,
    minWidth: 800,
    minHeight: 600,
    backgroundColor: '#f6f3ee',
    // Shown on ready-to-show, so the facilitator never sees an empty white frame.
    show: false,
    webPreferences: secureWebPreferences(preloadPath),
  };
}
export type MainWindowOptions = ReturnType<typeof mainWindowOptions>;

export interface NavigationEventLike {
  readonly url: string;
  preventDefault(): void;
}

export interface WebContentsLike {
  setWindowOpenHandler(handler: () => { action: 'deny' }): void;
  on(event: 'will-navigate', listener: (event: NavigationEventLike) => void): unknown;
  on(event: 'will-redirect', listener: (event: NavigationEventLike) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: { preventDefault(): void }) => void): unknown;
}

export interface WindowLike {
  readonly webContents: WebContentsLike;
  once(event: 'ready-to-show', listener: () => void): unknown;
  show(): void;
  loadURL(url: string): Promise<void>;
}

/**
 * The window only ever shows our own renderer: navigation and redirects to anything but app://
 * are stopped, window.open is refused, and no <webview> can be attached.
 */
export function hardenWebContents(contents: WebContentsLike): void {
  const stayInApp = (event: NavigationEventLike) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  };
  contents.on('will-navigate', stayInApp);
  contents.on('will-redirect', stayInApp);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

export interface MainWindowDeps<W extends WindowLike> {
  createWindow(options: MainWindowOptions): W;
  readonly preloadPath: string;
  /** The window's icon (PNG). */
  readonly iconPath?: string;
  readonly url?: string;
}

export function createMainWindow<W extends WindowLike>(deps: MainWindowDeps<W>): W {
  const window = deps.createWindow(mainWindowOptions(deps.preloadPath, deps.iconPath));
  hardenWebContents(window.webContents);
  window.once('ready-to-show', () => window.show());
  void window.loadURL(deps.url ?? MAIN_WINDOW_URL);
  return window;
}
