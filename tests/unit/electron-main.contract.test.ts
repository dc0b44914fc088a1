import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../shared/csp';
import { APP_ORIGIN, APP_SCHEME, IPC_CHANNELS } from '../../shared/ipc';
import { DEFAULT_SETTINGS, type PlatformMethod } from '../../shared/platform';

/**
 * CONTRACT TEST WITH A STAND-IN 'electron' MODULE. Electron cannot be downloaded or started on this
 * machine, so main.ts and preload.ts are loaded in Node against a recording stand-in (and a
 * Map-backed stand-in for electron-store). It checks what main asks of Electron: order, options and
 * handlers. It proves nothing about how real Electron behaves and does not replace starting the app.
 */

type Listener = (...args: unknown[]) => unknown;
type ProtocolHandler = (request: Request) => Promise<Response>;

const standIn = vi.hoisted(() => {
  class Emitter {
    readonly listeners = new Map<string, Listener[]>();
    on(event: string, listener: Listener) {
      this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
      return this;
    }
    once(event: string, listener: Listener) {
      return this.on(event, listener);
    }
    emit(event: string, ...args: unknown[]) {
      for (const listener of this.listeners.get(event) ?? []) listener(...args);
    }
  }

  const state = {
    log: [] as string[],
    ready: false,
    lock: true,
    fireReady: () => {},
    privilegedSchemes: [] as unknown[],
    protocolHandlers: new Map<string, ProtocolHandler>(),
    ipcHandlers: new Map<string, Listener>(),
    permissionRequestHandler: null as Listener | null,
    permissionCheckHandler: null as Listener | null,
    windows: [] as StandInWindow[],
    stores: [] as StandInStore[],
    exposed: new Map<string, unknown>(),
    invoked: [] as unknown[][],
    /** What screen.getAllDisplays() answers: one laptop screen unless a test plugs in a projector. */
    displays: [] as { id: number; bounds: Rect; workArea: Rect }[],
  };
  type Rect = { x: number; y: number; width: number; height: number };
  const LAPTOP = { id: 1, bounds: { x: 0, y: 0, width: 1920, height: 1080 }, workArea: { x: 0, y: 0, width: 1920, height: 1040 } };

  class StandInWebContents extends Emitter {
    windowOpenHandler: Listener | null = null;
    setWindowOpenHandler(handler: Listener) {
      state.log.push('webContents.setWindowOpenHandler');
      this.windowOpenHandler = handler;
    }
  }

  class StandInWindow extends Emitter {
    static getAllWindows = () => state.windows;
    readonly webContents = new StandInWebContents();
    loadedUrl: string | null = null;
    shown = false;
    destroyed = false;
    focused = 0;
    constructor(readonly options: Record<string, unknown>) {
      super();
      if (!state.ready) throw new Error('stand-in: BrowserWindow before ready');
      state.log.push('new BrowserWindow');
      state.windows.push(this);
    }
    loadURL(url: string) {
      this.loadedUrl = url;
      return Promise.resolve();
    }
    show() {
      this.shown = true;
    }
    isMinimized() {
      return false;
    }
    restore() {}
    focus() {
      this.focused++;
    }
    getBounds() {
      return { x: 0, y: 0, width: 1400, height: 900 };
    }
    isDestroyed() {
      return this.destroyed;
    }
    close() {
      this.destroyed = true;
      this.emit('closed');
    }
  }

  class StandInStore {
    readonly data = new Map<string, unknown>();
    constructor(readonly options: Record<string, unknown>) {
      state.log.push('new Store');
      state.stores.push(this);
    }
    get(key: string) {
      return this.data.get(key);
    }
    set(key: string, value: unknown) {
      this.data.set(key, value);
    }
  }

  const app = Object.assign(new Emitter(), {
    requestSingleInstanceLock: () => {
      state.log.push('app.requestSingleInstanceLock');
      return state.lock;
    },
    whenReady: () => {
      state.log.push('app.whenReady');
      return new Promise<void>((resolve) => {
        state.fireReady = () => {
          state.ready = true;
          state.log.push('ready');
          resolve();
        };
      });
    },
    isReady: () => state.ready,
    // Where the live host keeps its docs; nothing is written until a session goes live.
    getPath: (name: string) => `/stand-in/${name}`,
    getVersion: () => '0.1.0',
    setAboutPanelOptions: (options: { applicationVersion?: string }) => void state.log.push(`app.setAboutPanelOptions ${options.applicationVersion}`),
    quit: vi.fn(),
    exit: vi.fn(),
  });

  const electron = {
    app,
    BrowserWindow: StandInWindow,
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown[]) => {
        if (state.ready) throw new Error('stand-in: registerSchemesAsPrivileged after ready');
        state.log.push('protocol.registerSchemesAsPrivileged');
        state.privilegedSchemes.push(...schemes);
      },
      handle: (scheme: string, handler: ProtocolHandler) => {
        if (!state.ready) throw new Error('stand-in: protocol.handle before ready');
        state.log.push('protocol.handle');
        state.protocolHandlers.set(scheme, handler);
      },
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (handler: Listener) => void (state.permissionRequestHandler = handler),
        setPermissionCheckHandler: (handler: Listener) => void (state.permissionCheckHandler = handler),
      },
    },
    screen: {
      getAllDisplays: () => state.displays,
      // The facilitator's window (getBounds above) lies on the first display.
      getDisplayMatching: () => state.displays[0],
    },
    ipcMain: {
      handle: (channel: string, listener: Listener) => {
        // Real Electron throws on a second handler for a channel.
        if (state.ipcHandlers.has(channel)) throw new Error(`stand-in: second handler for ${channel}`);
        state.ipcHandlers.set(channel, listener);
      },
      removeHandler: (channel: string) => void state.ipcHandlers.delete(channel),
    },
    contextBridge: {
      exposeInMainWorld: (key: string, api: unknown) => void state.exposed.set(key, api),
    },
    ipcRenderer: {
      invoke: (...args: unknown[]) => {
        state.invoked.push(args);
        return Promise.resolve('answer');
      },
    },
  };

  function reset(lock: boolean) {
    state.log = [];
    state.ready = false;
    state.lock = lock;
    state.privilegedSchemes = [];
    state.protocolHandlers.clear();
    state.ipcHandlers.clear();
    state.permissionRequestHandler = null;
    state.permissionCheckHandler = null;
    state.windows = [];
    state.stores = [];
    state.exposed.clear();
    state.invoked = [];
    state.displays = [LAPTOP];
    app.listeners.clear();
    app.quit.mockClear();
    app.exit.mockClear();
  }

  return { state, electron, StandInStore, reset, LAPTOP };
});

vi.mock('electron', () => ({ ...standIn.electron, default: standIn.electron }));
vi.mock('electron-store', () => ({ default: standIn.StandInStore }));

const { state } = standIn;
const APP_PAGE = `${APP_ORIGIN}/index.html`;
const fromApp = { senderFrame: { url: APP_PAGE } };

async function loadMain(lock = true): Promise<void> {
  standIn.reset(lock);
  vi.resetModules();
  await import('../../electron/main');
}

async function becomeReady(): Promise<void> {
  state.fireReady();
  await new Promise((resolve) => setTimeout(resolve, 0));
}

function handler(method: PlatformMethod): Listener {
  const listener = state.ipcHandlers.get(IPC_CHANNELS[method]);
  if (!listener) throw new Error(`no handler for ${method}`);
  return listener;
}

let rendererDir: string;

beforeAll(async () => {
  rendererDir = await mkdtemp(path.join(tmpdir(), 'bouwplaats-main-'));
  await writeFile(path.join(rendererDir, 'index.html'), '<!doctype html><title>Bouwplaats</title>');
  vi.stubEnv('BOUWPLAATS_RENDERER_DIR', rendererDir);
});

afterAll(async () => {
  vi.unstubAllEnvs();
  await rm(rendererDir, { recursive: true, force: true });
});

describe('contract (stand-in electron module): electron/main.ts', () => {
  beforeEach(async () => {
    await loadMain();
  });

  it('registers app:// as a privileged standard, secure scheme before the app is ready', async () => {
    expect(state.privilegedSchemes).toEqual([
      { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
    expect(state.log).not.toContain('ready');
    expect(state.windows).toHaveLength(0);
    await becomeReady();
    expect(state.log.indexOf('protocol.registerSchemesAsPrivileged')).toBeLessThan(state.log.indexOf('ready'));
    expect(state.log.indexOf('ready')).toBeLessThan(state.log.indexOf('protocol.handle'));
  });

  it('serves the built renderer over app:// with the CSP', async () => {
    await becomeReady();
    const serve = state.protocolHandlers.get(APP_SCHEME);
    expect(serve).toBeDefined();
    const res = await serve!(new Request(`${APP_ORIGIN}/`));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await res.text()).toContain('<title>Bouwplaats</title>');
    // URL parsing already folds "/%2e%2e/" away (the page falls back to index.html); an encoded "/"
    // survives parsing and reaches the resolver, which refuses it.
    expect(await (await serve!(new Request(`${APP_ORIGIN}/%2e%2e/%2e%2e/etc/passwd`))).text()).not.toContain('root:');
    expect((await serve!(new Request(`${APP_ORIGIN}/%2e%2e%2f%2e%2e%2fetc%2fpasswd`))).status).toBe(404);
  });

  it('opens one window with the secure webPreferences and the app:// page', async () => {
    await becomeReady();
    expect(state.windows).toHaveLength(1);
    const window = state.windows[0]!;
    expect(window.options).toMatchObject({ title: 'Bouwplaats', width: 1400, height: 900 });
    // The house icon shipped with the renderer (renderer/public/icons).
    expect(window.options.icon).toBe(path.join(rendererDir, 'icons', '512x512.png'));
    const prefs = window.options.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
    expect(path.isAbsolute(prefs.preload as string)).toBe(true);
    expect(prefs.preload).toMatch(/preload\.cjs$/);
    expect(window.loadedUrl).toBe(APP_PAGE);
    window.emit('ready-to-show');
    expect(window.shown).toBe(true);
  });

  it('keeps the window on our own pages: other origins are not navigated to, window.open is denied', async () => {
    await becomeReady();
    const contents = state.windows[0]!.webContents;
    for (const event of ['will-navigate', 'will-redirect']) {
      const away = { url: 'https://evil.example/phish', preventDefault: vi.fn() };
      contents.emit(event, away, away.url);
      expect(away.preventDefault).toHaveBeenCalled();
      const lookalike = { url: 'app://bouwplaats.evil.example/', preventDefault: vi.fn() };
      contents.emit(event, lookalike, lookalike.url);
      expect(lookalike.preventDefault).toHaveBeenCalled();
      const inside = { url: `${APP_ORIGIN}/index.html#/bord`, preventDefault: vi.fn() };
      contents.emit(event, inside, inside.url);
      expect(inside.preventDefault).not.toHaveBeenCalled();
    }
    expect(contents.windowOpenHandler?.({ url: 'https://example.org/' })).toEqual({ action: 'deny' });
    const webview = { preventDefault: vi.fn() };
    contents.emit('will-attach-webview', webview);
    expect(webview.preventDefault).toHaveBeenCalled();
  });

  it('refuses permission requests (camera, location, …) and grants none to other origins', async () => {
    await becomeReady();
    const decide = (permission: string, requestingUrl: string) => {
      const callback = vi.fn();
      state.permissionRequestHandler?.({}, permission, callback, { requestingUrl });
      return callback.mock.calls[0]?.[0];
    };
    expect(decide('media', APP_PAGE)).toBe(false);
    expect(decide('geolocation', APP_PAGE)).toBe(false);
    expect(decide('notifications', APP_PAGE)).toBe(false);
    expect(decide('fullscreen', 'https://evil.example/')).toBe(false);
    expect(decide('fullscreen', APP_PAGE)).toBe(true);
    expect(state.permissionCheckHandler?.(null, 'media', APP_ORIGIN, {})).toBe(false);
  });

  it('has an IPC handler for every Platform channel', async () => {
    await becomeReady();
    expect([...state.ipcHandlers.keys()].sort()).toEqual(Object.values(IPC_CHANNELS).sort());
  });

  it('refuses a sender from another origin, or without a frame', async () => {
    await becomeReady();
    for (const method of Object.keys(IPC_CHANNELS) as PlatformMethod[]) {
      await expect(handler(method)({ senderFrame: { url: 'https://evil.example/' } })).rejects.toThrow(/afzender/);
      await expect(handler(method)({ senderFrame: { url: 'app://bouwplaats.evil.example/' } })).rejects.toThrow(/afzender/);
      await expect(handler(method)({ senderFrame: null })).rejects.toThrow(/afzender/);
    }
  });

  it('refuses invalid payloads and writes nothing', async () => {
    await becomeReady();
    await expect(handler('saveSettings')(fromApp, 'en')).rejects.toThrow(/ongeldige gegevens/);
    await expect(handler('saveSessionIndex')(fromApp, [{ id: '../../etc' }])).rejects.toThrow(/ongeldige gegevens/);
    await expect(handler('saveSessionIndex')(fromApp, {})).rejects.toThrow(/ongeldige gegevens/);
    await expect(handler('loadSettings')(fromApp, { sneaky: true })).rejects.toThrow(/ongeldige gegevens/);
    await expect(handler('saveSettings')(fromApp, { language: 'en' }, 'extra')).rejects.toThrow(/te veel/);
    // A session id names a folder of the host's data dir: nothing but an id gets through.
    await expect(handler('forgetSession')(fromApp, { sessionId: '../..' })).rejects.toThrow(/ongeldige gegevens/);
    await expect(handler('forgetSession')(fromApp, { sessionId: 'sessie0001', groupIds: ['../session'] })).rejects.toThrow(/ongeldige gegevens/);
    await expect(handler('forgetSession')(fromApp, 'sessie0001')).rejects.toThrow(/ongeldige gegevens/);
    // The projector's session id ends up in the window's address: nothing but an id.
    await expect(handler('openProjector')(fromApp, { sessionId: '../../etc' })).rejects.toThrow(/ongeldige gegevens/);
    await expect(handler('openProjector')(fromApp, { sessionId: 'x#/../evil' })).rejects.toThrow(/ongeldige gegevens/);
    await expect(handler('openProjector')(fromApp)).rejects.toThrow(/ongeldige gegevens/);
    expect(state.windows).toHaveLength(1);
    expect(state.stores[0]!.data.size).toBe(0);
  });

  it('answers our renderer from electron-store, with defaults on first start', async () => {
    await becomeReady();
    expect(state.stores).toHaveLength(1);
    expect(state.stores[0]!.options).toMatchObject({ clearInvalidConfig: true });
    expect(await handler('loadSettings')(fromApp)).toEqual(DEFAULT_SETTINGS);
    await handler('saveSettings')(fromApp, { language: 'en' });
    expect(await handler('loadSettings')(fromApp)).toEqual({ language: 'en' });
    expect(await handler('loadSessionIndex')(fromApp)).toEqual([]);
    // Nothing was ever hosted (the stand-in's data dir does not exist): nothing to delete, no host started.
    expect(await handler('forgetSession')(fromApp, { sessionId: 'sessie0001' })).toEqual({ status: 'forgotten' });
  });

  it('opens the projector as a second window with the secure webPreferences, full screen on the second display', async () => {
    await becomeReady();
    const projector = { id: 7, bounds: { x: 1920, y: 0, width: 1280, height: 720 }, workArea: { x: 1920, y: 0, width: 1280, height: 720 } };
    state.displays = [standIn.LAPTOP, projector];
    expect(await handler('openProjector')(fromApp, { sessionId: 'sessie0001' })).toEqual({ placement: 'second-display' });
    expect(state.windows).toHaveLength(2);
    const main = state.windows[0]!;
    const second = state.windows[1]!;
    expect(second.options).toMatchObject({ ...projector.bounds, fullscreen: true, show: false });
    // The same webPreferences as the main window: one builder for both.
    expect(second.options.webPreferences).toEqual(main.options.webPreferences);
    expect(second.loadedUrl).toBe(`${APP_ORIGIN}/index.html#/projector/sessie0001`);
    // Hardened as the main window is: no window.open, no navigation away.
    expect(second.webContents.windowOpenHandler?.({ url: 'https://example.org/' })).toEqual({ action: 'deny' });
    const away = { url: 'https://evil.example/', preventDefault: vi.fn() };
    second.webContents.emit('will-navigate', away, away.url);
    expect(away.preventDefault).toHaveBeenCalled();
    second.emit('ready-to-show');
    expect(second.shown).toBe(true);
  });

  it('with one display, opens a 1280 × 720 window to drag to the projector; opening again reuses it', async () => {
    await becomeReady();
    expect(await handler('openProjector')(fromApp, { sessionId: 'sessie0001' })).toEqual({ placement: 'window' });
    const second = state.windows[1]!;
    expect(second.options).toMatchObject({ x: 320, y: 160, width: 1280, height: 720, fullscreen: false });
    expect(await handler('openProjector')(fromApp, { sessionId: 'sessie0002' })).toEqual({ placement: 'window' });
    expect(state.windows).toHaveLength(2);
    expect(second.loadedUrl).toBe(`${APP_ORIGIN}/index.html#/projector/sessie0002`);
    expect(second.focused).toBe(1);
  });

  it("closes the projector with the facilitator's window, and opens a new one after", async () => {
    await becomeReady();
    await handler('openProjector')(fromApp, { sessionId: 'sessie0001' });
    const main = state.windows[0]!;
    const second = state.windows[1]!;
    main.close();
    expect(second.destroyed).toBe(true);
    await handler('openProjector')(fromApp, { sessionId: 'sessie0001' });
    expect(state.windows).toHaveLength(3);
  });

  it('quits when the last window closes (outside macOS)', async () => {
    await becomeReady();
    standIn.electron.app.emit('window-all-closed');
    if (process.platform === 'darwin') expect(standIn.electron.app.quit).not.toHaveBeenCalled();
    else expect(standIn.electron.app.quit).toHaveBeenCalled();
  });
});

describe('contract (stand-in electron module): single instance', () => {
  it('a second instance quits at once and opens no window', async () => {
    await loadMain(false);
    expect(standIn.electron.app.quit).toHaveBeenCalled();
    expect(state.log).not.toContain('app.whenReady');
    expect(state.windows).toHaveLength(0);
  });
});

describe('contract (stand-in electron module): electron/preload.ts', () => {
  it('exposes one window.bouwplaats object with named verbs, not ipcRenderer', async () => {
    standIn.reset(true);
    vi.resetModules();
    await import('../../electron/preload');
    expect([...state.exposed.keys()]).toEqual(['bouwplaats']);
    const api = state.exposed.get('bouwplaats') as Record<string, unknown>;
    expect(Object.keys(api).sort()).toEqual(['kind', ...Object.keys(IPC_CHANNELS)].sort());
    expect(api.kind).toBe('electron');
    expect(Object.values(api)).not.toContain(standIn.electron.ipcRenderer);

    const settings = { language: 'en' };
    await (api.saveSettings as (s: unknown) => Promise<unknown>)(settings);
    await (api.loadSessionIndex as () => Promise<unknown>)();
    expect(state.invoked).toEqual([[IPC_CHANNELS.saveSettings, settings], [IPC_CHANNELS.loadSessionIndex]]);
  });
});
