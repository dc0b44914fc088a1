import type { Locator, Page } from 'playwright-core';
import { normaliseJoinCode } from '../../shared/live';
import { boardDocName } from '../../shared/schema/docNames';
import { launchChromium, type LaunchedChromium } from '../e2e/support/chromium';
import { EDITOR, LIVE_HERE_ONLY, createSession, join, localDoc, selectNote } from '../e2e/support/liveSession';
import type { Pace } from './human';
import { clock, fingerprint } from './protocol';
import { ADDITIONS, prng, textsFor, type Random } from './texts';

/**
 * The drill's real pages, each its own Chromium process with the built renderer from the host: the
 * facilitator's (creates the session, puts it live, then watches "Alle huizen" while its app follows
 * every board) and a few participants', who join through the QR link and write with the keyboard.
 */

/**
 * Counts the page's connections as they are open now, by wrapping the browser's constructors before
 * the app's scripts run: relay sockets (/sync/…), signaling sockets (/signal) and RTCPeerConnections
 * whose connectionState is `connected`.
 */
const CONNECTION_COUNTER = `(() => {
  const open = { relay: new Set(), signaling: new Set() };
  const NativeWebSocket = window.WebSocket;
  class CountedWebSocket extends NativeWebSocket {
    constructor(url, protocols) {
      super(url, protocols);
      const kind = String(url).includes('/sync/') ? 'relay' : String(url).includes('/signal') ? 'signaling' : null;
      if (!kind) return;
      this.addEventListener('open', () => open[kind].add(this));
      this.addEventListener('close', () => open[kind].delete(this));
    }
  }
  window.WebSocket = CountedWebSocket;
  const peers = new Set();
  const NativePeerConnection = window.RTCPeerConnection;
  if (NativePeerConnection) {
    class CountedPeerConnection extends NativePeerConnection {
      constructor(...args) {
        super(...args);
        peers.add(this);
      }
    }
    window.RTCPeerConnection = CountedPeerConnection;
  }
  window.__drillConnections = () => {
    for (const p of peers) if (p.connectionState === 'closed' || p.connectionState === 'failed') peers.delete(p);
    return {
      relay: open.relay.size,
      signaling: open.signaling.size,
      webrtc: [...peers].filter((p) => p.connectionState === 'connected').length,
    };
  };
})();`;

export interface PageConnections {
  readonly relay: number;
  readonly signaling: number;
  readonly webrtc: number;
}

export interface FacilitatorPage {
  readonly chromium: LaunchedChromium;
  readonly page: Page;
  readonly sessionId: string;
  readonly code: string;
  connections(): Promise<PageConnections>;
  /** The board of `groupId` as the facilitator's app holds it (its IndexedDB copy). */
  boardFingerprint(groupId: string): Promise<string>;
}

/** The facilitator creates a session of `groups` groups, puts it live and opens "Alle huizen". */
export async function startFacilitator(url: string, title: string, groups: number): Promise<FacilitatorPage> {
  const chromium = await launchChromium();
  try {
    const page = await chromium.page();
    await page.addInitScript(CONNECTION_COUNTER);
    const sessionId = await createSession(page, url, { title, groups });
    await page.getByRole('button', { name: 'Sessie live zetten' }).click();
    await page.getByRole('heading', { name: LIVE_HERE_ONLY }).waitFor({ timeout: 30_000 });
    const code = normaliseJoinCode(await page.locator('.join-code').innerText());
    if (!code) throw new Error('the host panel shows no join code');
    await page.getByRole('link', { name: 'Alle huizen' }).click();
    await page.locator('.houses-wall').waitFor();
    return {
      chromium,
      page,
      sessionId,
      code,
      connections: () => page.evaluate(() => (window as unknown as { __drillConnections: () => PageConnections }).__drillConnections()),
      boardFingerprint: async (groupId) => fingerprint(await localDoc(page, boardDocName(sessionId, groupId))),
    };
  } catch (error) {
    await chromium.close().catch(() => undefined);
    throw error;
  }
}

/** What a participant's page wrote: each note's text as it stands, in the order they were added. */
export interface PageWrite {
  /** When the key that added the note was pressed (machine clock). */
  readonly at: number;
  text: string;
}

/** The keys that add a note in a part of the house (BoardScreen: 1 foundation, 2 walls, 3 roof). */
const ZONE_KEY = { foundation: '1', walls: '2', roof: '3' } as const;

/**
 * Types `text` a word at a time, `delay` ms a key: each word its own burst, so a page slowed down by
 * a busy machine is given time per word rather than for the whole note.
 */
async function typeLikeAPerson(editor: Locator, text: string, delay: number): Promise<void> {
  for (const word of text.match(/\S+\s*|\s+/g) ?? []) await editor.pressSequentially(word, { delay, timeout: TYPE_TIMEOUT_MS });
}
const TYPE_TIMEOUT_MS = 60_000;

export class ParticipantPage {
  edits = 0;
  readonly writes: PageWrite[] = [];

  private constructor(
    readonly chromium: LaunchedChromium,
    readonly page: Page,
    readonly name: string,
    readonly groupId: string,
    private readonly random: Random,
  ) {}

  /** Joins `groupName` through the QR link, as a person with `name`, and waits for the live board. */
  static async join(url: string, code: string, groupName: string, groupId: string, name: string, seed: number): Promise<ParticipantPage> {
    const chromium = await launchChromium();
    try {
      const page = await chromium.page();
      await join(page, url, code, groupName, name, 'School');
      return new ParticipantPage(chromium, page, name, groupId, prng(seed));
    } catch (error) {
      await chromium.close().catch(() => undefined);
      throw error;
    }
  }

  /** Writes at `pace` until the machine clock passes `until`, as the Node laptops do, with real keys. */
  async run(until: number, pace: Pace): Promise<void> {
    const next = textsFor(this.random);
    const between = ([min, max]: readonly [number, number]) => min + this.random() * (max - min);
    while (clock() < until) {
      await this.page.waitForTimeout(between(pace.thinkMs));
      if (clock() >= until) break;
      const typeOn = this.writes.length >= 2 && this.random() < 0.4;
      const delay = between(pace.keyMs);
      if (typeOn) {
        const write = this.writes[Math.floor(this.random() * this.writes.length)]!;
        const addition = ADDITIONS[Math.floor(this.random() * ADDITIONS.length)]!;
        // Only a note no one else wrote the same words on: clicking theirs would edit their note.
        const exact = new RegExp(`^${write.text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
        if (write.text.length + addition.length > 300 || (await this.page.locator('.notes-panel').getByRole('button', { name: exact }).count()) !== 1) continue;
        await selectNote(this.page, exact);
        await this.page.keyboard.press('Enter');
        const editor = this.page.getByRole('textbox', { name: EDITOR });
        await editor.press('End');
        await typeLikeAPerson(editor, addition, delay);
        write.text += addition;
        this.edits += addition.length;
      } else {
        const { zone, text } = next();
        await this.page.getByRole('application').focus();
        const write: PageWrite = { at: clock(), text: '' };
        await this.page.keyboard.press(ZONE_KEY[zone]);
        this.writes.push(write);
        this.edits++;
        await typeLikeAPerson(this.page.getByRole('textbox', { name: EDITOR }), text, delay);
        write.text = text;
        this.edits += text.length;
      }
      await this.page.keyboard.press('Escape');
      await this.page.getByRole('textbox', { name: EDITOR }).waitFor({ state: 'detached' });
    }
  }

  boardFingerprint(sessionId: string): Promise<string> {
    return localDoc(this.page, boardDocName(sessionId, this.groupId)).then(fingerprint);
  }
}
