import { APP_ORIGIN } from '../shared/ipc';
import type { OpenProjectorRequest, ProjectorAnswer } from '../shared/platform';
import { hardenWebContents, mainWindowOptions, type WindowLike } from './window';

/**
 * The projector window: a second window of the app at #/projector/<session>, full screen on the
 * second display when there is one, else a window the facilitator drags to the projector. Electron
 * is reached only through the small interfaces below, so this runs in Node tests; main.ts passes
 * the real BrowserWindow and screen.
 */

export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** The parts of Electron's Display the choice reads. */
export interface DisplayLike {
  readonly id: number;
  readonly bounds: Rect;
  readonly workArea: Rect;
}

/** Where the projector window goes: a whole display, or a window on the facilitator's display. */
export type ProjectorPlacement = { readonly on: 'second-display'; readonly bounds: Rect } | { readonly on: 'window'; readonly bounds: Rect };

/** The size of the window when there is no second display: a common projector's (16:9). */
export const PROJECTOR_WINDOW_SIZE = { width: 1280, height: 720 } as const;

/**
 * Where the projector goes, given the displays (in the operating system's order) and the one the
 * facilitator's window is on: the first other display, whole (a laptop with a projector plugged
 * in has exactly two); with only one display, a 1280 × 720 window in the middle of its work area
 * (smaller when the screen is), for the facilitator to drag to the projector once it is plugged in.
 */
export function chooseProjectorPlacement(displays: readonly DisplayLike[], mainDisplayId: number | null): ProjectorPlacement {
  const other = displays.find((d) => d.id !== mainDisplayId);
  if (other && displays.length > 1) return { on: 'second-display', bounds: other.bounds };
  const home = displays.find((d) => d.id === mainDisplayId) ?? displays[0];
  const area = home?.workArea ?? { x: 0, y: 0, ...PROJECTOR_WINDOW_SIZE };
  const width = Math.min(PROJECTOR_WINDOW_SIZE.width, area.width);
  const height = Math.min(PROJECTOR_WINDOW_SIZE.height, area.height);
  return {
    on: 'window',
    bounds: { x: Math.round(area.x + (area.width - width) / 2), y: Math.round(area.y + (area.height - height) / 2), width, height },
  };
}

/**
 * The projector window's options: the main window's (the same secure webPreferences, from the one
 * builder) placed where the projector goes, full screen on a second display, dark while it loads.
 */
export function projectorWindowOptions(preloadPath: string, placement: ProjectorPlacement, iconPath?: string) {
  return {
    ...mainWindowOptions(preloadPath, iconPath),
    title: 'Bouwplaats — projector',
    ...placement.bounds,
    minWidth: 640,
    minHeight: 360,
    backgroundColor: '#0f1419',
    autoHideMenuBar: true,
    fullscreen: placement.on === 'second-display',
  };
}
export type ProjectorWindowOptions = ReturnType<typeof projectorWindowOptions>;

/** The projector route's address in the app. */
export function projectorUrl(sessionId: string): string {
  return `${APP_ORIGIN}/index.html#/projector/${encodeURIComponent(sessionId)}`;
}

export interface ProjectorWindowLike extends WindowLike {
  on(event: 'closed', listener: () => void): unknown;
  focus(): void;
  close(): void;
  isDestroyed(): boolean;
}

export interface ProjectorWindowsDeps<W extends ProjectorWindowLike> {
  createWindow(options: ProjectorWindowOptions): W;
  /** Electron's screen.getAllDisplays(). */
  displays(): readonly DisplayLike[];
  /** The id of the display the facilitator's window is on (screen.getDisplayMatching); null when there is none. */
  mainDisplayId(): number | null;
  readonly preloadPath: string;
  readonly iconPath?: string;
}

/**
 * One projector window for the app: opening it again brings the open one to the session asked for
 * (and to the front) instead of making a second. `closeAll` when the facilitator's window goes.
 */
export function createProjectorWindows<W extends ProjectorWindowLike>(deps: ProjectorWindowsDeps<W>) {
  let open: { window: W; placement: ProjectorPlacement; url: string } | null = null;
  return {
    open(request: OpenProjectorRequest): ProjectorAnswer {
      const url = projectorUrl(request.sessionId);
      if (open && !open.window.isDestroyed()) {
        if (open.url !== url) void open.window.loadURL(url);
        open.url = url;
        open.window.focus();
        return { placement: open.placement.on };
      }
      const placement = chooseProjectorPlacement(deps.displays(), deps.mainDisplayId());
      const window = deps.createWindow(projectorWindowOptions(deps.preloadPath, placement, deps.iconPath));
      hardenWebContents(window.webContents);
      window.once('ready-to-show', () => window.show());
      const opened = { window, placement, url };
      window.on('closed', () => {
        if (open === opened) open = null;
      });
      open = opened;
      void window.loadURL(url);
      return { placement: placement.on };
    },
    closeAll(): void {
      if (open && !open.window.isDestroyed()) open.window.close();
      open = null;
    },
  };
}
