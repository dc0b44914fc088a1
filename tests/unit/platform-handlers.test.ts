import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type SessionIndexEntry } from '../../shared/platform';
import { LIVE_PROTOCOL_VERSION } from '../../shared/live';
import { STORE_KEYS, createPlatformHandlers, type KeyValueStore } from '../../electron/platformHandlers';

/** electron-store's get/set over a Map, holding whatever a (possibly old or hand-edited) file held. */
function memoryStore(initial: Record<string, unknown> = {}): KeyValueStore & { data: Map<string, unknown> } {
  const data = new Map(Object.entries(initial));
  return { data, get: (key) => data.get(key), set: (key, value) => void data.set(key, value) };
}

/** Hosting is not under test here: a recording stand-in that says what it was asked. */
function hostingStandIn() {
  const calls: string[] = [];
  return {
    calls,
    start: async (request: { sessionId: string; title: string }) => {
      calls.push(`start ${request.sessionId}`);
      return {
        status: 'live' as const,
        connected: 1,
        code: 'ABCDEF',
        addresses: [{ url: 'http://127.0.0.1:4173', interfaceName: '', kind: 'loopback' as const }],
        localUrl: 'http://127.0.0.1:4173',
        info: { version: LIVE_PROTOCOL_VERSION as typeof LIVE_PROTOCOL_VERSION, sessionId: request.sessionId, title: request.title },
        token: 'f..facilitatortoken0.mac',
        projectorToken: 'p..projectortoken00.mac',
      };
    },
    stop: async () => void calls.push('stop'),
    forget: async (request: { sessionId: string; groupIds?: string[] | undefined }) => {
      calls.push(`forget ${request.sessionId}${request.groupIds ? ` ${request.groupIds.join(',')}` : ''}`);
      return { status: 'forgotten' as const };
    },
  };
}

/** The projector window is not under test here (tests/unit/projector-window.test.ts): a recording stand-in. */
function windowsStandIn() {
  const opened: string[] = [];
  return { opened, openProjector: (request: { sessionId: string }) => (opened.push(request.sessionId), { placement: 'window' as const }) };
}

const entry = (id: string, title = 'Zo thuis mogelijk!'): SessionIndexEntry => ({
  id,
  title,
  date: '2025-03-12',
  place: 'Utrecht',
  noteCount: 3,
  boardNotes: { groep1abc: 3 },
  createdAt: 1_700_000_000_000,
  updatedAt: 1_700_000_100_000,
});

describe('platform handlers (main process, injected store)', () => {
  it('gives the default settings and an empty library on first start', async () => {
    const handlers = createPlatformHandlers(memoryStore(), hostingStandIn(), windowsStandIn());
    expect(await handlers.loadSettings(undefined)).toEqual(DEFAULT_SETTINGS);
    expect(await handlers.loadSessionIndex(undefined)).toEqual([]);
  });

  it('keeps what was saved', async () => {
    const store = memoryStore();
    const handlers = createPlatformHandlers(store, hostingStandIn(), windowsStandIn());
    await handlers.saveSettings({ language: 'en' });
    expect(await handlers.loadSettings(undefined)).toEqual({ language: 'en' });
    const entries = [entry('sessie0001'), entry('sessie0002', 'Leeratelier 2')];
    await handlers.saveSessionIndex(entries);
    expect(await handlers.loadSessionIndex(undefined)).toEqual(entries);
    expect(store.data.get(STORE_KEYS.settings)).toEqual({ language: 'en' });
  });

  it.each([
    ['not an object', 'en'],
    ['null', null],
    ['an array', ['en']],
    ['an unknown language', { language: 'fr' }],
  ])('falls back to the defaults when the stored settings are %s', async (_what, stored) => {
    const handlers = createPlatformHandlers(memoryStore({ [STORE_KEYS.settings]: stored }), hostingStandIn(), windowsStandIn());
    expect(await handlers.loadSettings(undefined)).toEqual(DEFAULT_SETTINGS);
  });

  it('keeps valid stored settings and drops unknown keys', async () => {
    const handlers = createPlatformHandlers(memoryStore({ [STORE_KEYS.settings]: { language: 'en', theme: 'dark' } }), hostingStandIn(), windowsStandIn());
    expect(await handlers.loadSettings(undefined)).toEqual({ language: 'en' });
  });

  it('gives an empty library when the stored index is not a list', async () => {
    for (const stored of [{ sessions: [] }, 'x', 42, null]) {
      const handlers = createPlatformHandlers(memoryStore({ [STORE_KEYS.sessionIndex]: stored }), hostingStandIn(), windowsStandIn());
      expect(await handlers.loadSessionIndex(undefined)).toEqual([]);
    }
  });

  it('skips broken rows of the stored index but keeps the good ones', async () => {
    const good = entry('sessie0003');
    const stored = [good, { id: '../etc', title: 'x' }, null, { ...entry('sessie0004'), noteCount: -1 }];
    const handlers = createPlatformHandlers(memoryStore({ [STORE_KEYS.sessionIndex]: stored }), hostingStandIn(), windowsStandIn());
    expect(await handlers.loadSessionIndex(undefined)).toEqual([good]);
  });

  it('refuses to write invalid data even when called directly', async () => {
    const store = memoryStore();
    const handlers = createPlatformHandlers(store, hostingStandIn(), windowsStandIn());
    expect(() => handlers.saveSessionIndex([{ ...entry('sessie0005'), id: 'NOT VALID' }])).toThrow();
    expect(store.data.has(STORE_KEYS.sessionIndex)).toBe(false);
  });

  it('passes hosting requests to the host control', async () => {
    const hosting = hostingStandIn();
    const handlers = createPlatformHandlers(memoryStore(), hosting, windowsStandIn());
    const started = await handlers.startHosting({ sessionId: 'sessie12abcd', title: 'Zo thuis mogelijk!' });
    expect(started).toMatchObject({ status: 'live', code: 'ABCDEF' });
    await handlers.stopHosting(undefined);
    expect(await handlers.forgetSession({ sessionId: 'sessie12abcd', groupIds: ['groep1abcd'] })).toEqual({ status: 'forgotten' });
    expect(await handlers.forgetSession({ sessionId: 'sessie12abcd' })).toEqual({ status: 'forgotten' });
    expect(hosting.calls).toEqual(['start sessie12abcd', 'stop', 'forget sessie12abcd groep1abcd', 'forget sessie12abcd']);
  });

  it('passes "Projector openen" to the windows control', async () => {
    const windows = windowsStandIn();
    const handlers = createPlatformHandlers(memoryStore(), hostingStandIn(), windows);
    expect(await handlers.openProjector({ sessionId: 'sessie12abcd' })).toEqual({ placement: 'window' });
    expect(windows.opened).toEqual(['sessie12abcd']);
  });
});
