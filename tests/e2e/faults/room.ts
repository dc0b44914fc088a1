import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import type * as Y from 'yjs';
import { generateJoinCode, readStoredDoc } from '../../../electron/host/live';
import { newId } from '../../../shared/ids';
import { boardDocName, sessionDocName } from '../../../shared/schema/docNames';
import { readGroups, type Group } from '../../../shared/schema/group';
import { addNote, readNotes } from '../../../shared/schema/note';
import { initSessionDoc } from '../../../shared/schema/sessionDraft';
import { HOUSE_TEMPLATE } from '../../../shared/template/house';
import { launchChromium, type LaunchedChromium, type LaunchOptions } from '../support/chromium';
import { startHostProcess, type HostProcess } from '../support/hostProcess';
import { addNote as addNoteOnScreen, localNotes, noteTexts } from '../support/liveSession';
import { relayPeer, type RelayPeer } from '../support/relayPeer';
import { watchShown, type ShownLog } from '../support/shown';
import { delay, type Holder } from './drill';

/**
 * The room a fault drill runs in: the real host in its own process, hosting a session that the
 * facilitator prepared (written here from Node through the host's relay with the app's own
 * `initSessionDoc`, as the app writes it), and laptops that are separate Chromium processes, each
 * on a profile of its own that survives a crash.
 */
export interface DrillRoom {
  readonly host: HostProcess;
  readonly dataDir: string;
  readonly sessionId: string;
  readonly code: string;
  readonly groups: readonly Group[];
  /** The board doc of the group called `name` ("Groep 1"). */
  board(name: string): string;
  /** Kills the host and every laptop still open, removes every folder. */
  close(): Promise<void>;
}

export const DRILL_TITLE = 'Zo thuis mogelijk!';

export async function openDrillRoom(groupNames: readonly string[] = ['Groep 1', 'Groep 2']): Promise<DrillRoom> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'bouwplaats-drill-'));
  const sessionId = newId();
  const code = generateJoinCode();
  const host = await startHostProcess({ dataDir, live: { sessionId, code, title: DRILL_TITLE } });
  const facilitator = await relayPeer(host.url, code, sessionDocName(sessionId));
  initSessionDoc(facilitator.doc, HOUSE_TEMPLATE, { title: DRILL_TITLE, date: '', place: '', organiser: '', intro: '', groups: [...groupNames], questions: {} });
  // On the host's disk before the facilitator's peer goes: laptops join from the host's copy.
  const deadline = Date.now() + 20_000;
  let groups: Group[] = [];
  while (groups.length < groupNames.length) {
    if (Date.now() > deadline) throw new Error('the session doc did not reach the host');
    await new Promise((resolve) => setTimeout(resolve, 100));
    const stored = await readStoredDoc(dataDir, sessionId, sessionDocName(sessionId), { warn: () => {} });
    groups = stored ? readGroups(stored) : [];
  }
  facilitator.close();
  return {
    host,
    dataDir,
    sessionId,
    code,
    groups,
    board(name) {
      const group = groups.find((g) => g.name === name);
      if (!group) throw new Error(`no group ${name}`);
      return boardDocName(sessionId, group.id);
    },
    async close() {
      await host.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * A participant's laptop: one Chromium process on its own profile folder, so that a crash
 * (SIGKILL) and a new start find IndexedDB as it was.
 */
export class Laptop {
  /** Every drill text its screen showed, across crashes, and those it showed as saved (support/shown.ts). */
  readonly log: ShownLog = { shown: new Set(), saved: new Set() };
  private readonly waiting = new Map<string, () => void>();
  private constructor(
    readonly name: string,
    private readonly pattern: RegExp,
    private readonly options: LaunchOptions,
    readonly profile: string,
    private browser: LaunchedChromium,
    private current: Page,
  ) {}

  static async open(name: string, pattern: RegExp, options: Omit<LaunchOptions, 'userDataDir'> = {}): Promise<Laptop> {
    const profile = await mkdtemp(path.join(tmpdir(), `bouwplaats-laptop-${name.toLowerCase()}-`));
    const browser = await launchChromium({ ...options, userDataDir: profile });
    const laptop = new Laptop(name, pattern, options, profile, browser, await browser.page());
    await laptop.watch();
    return laptop;
  }

  private watch(): Promise<void> {
    return watchShown(this.current, this.log, this.pattern, (text) => {
      this.waiting.get(text)?.();
      this.waiting.delete(text);
    });
  }

  /** Resolves the moment this laptop's screen shows `text` (at once if it did already). */
  whenShown(text: string): Promise<void> {
    if (this.log.shown.has(text)) return Promise.resolve();
    return new Promise((resolve) => this.waiting.set(text, resolve));
  }

  get page(): Page {
    return this.current;
  }

  get pid(): number {
    return this.browser.pid;
  }

  /** SIGKILL to every process of this Chromium: what IndexedDB has committed survives, nothing else. */
  crash(): Promise<void> {
    return this.browser.kill();
  }

  /** Starts Chromium again on the same profile and opens `url` (the board it was on). */
  async reopen(url: string): Promise<void> {
    this.browser = await launchChromium({ ...this.options, userDataDir: this.profile });
    this.current = await this.browser.page();
    await this.watch();
    await this.current.goto(url);
  }

  /** Closes Chromium (it may be gone already) and removes the profile. */
  async close(): Promise<void> {
    await this.browser.close().catch(() => {});
    await rm(this.profile, { recursive: true, force: true });
  }

  /** What this laptop's screen shows now (the notes panel) and what its IndexedDB holds of `docName`. */
  holders(docName: string): Holder[] {
    return [
      { name: `${this.name}'s screen`, read: () => noteTexts(this.current) },
      { name: `${this.name}'s IndexedDB`, read: async () => (await localNotes(this.current, docName)).map((n) => n.text) },
    ];
  }
}

/** The host's copy on its disk, read from the log as a restarted host would read it. */
export function hostDisk(room: Pick<DrillRoom, 'dataDir' | 'sessionId'>, docName: string, name = "the host's disk"): Holder {
  return {
    name,
    read: async () => {
      const doc = await readStoredDoc(room.dataDir, room.sessionId, docName, { warn: () => {} });
      return doc ? readNotes(doc).map((n) => n.text) : [];
    },
  };
}

/** A Node peer's own doc: what its person would see. */
export function peerHolder(name: string, doc: Y.Doc): Holder {
  return { name, read: async () => readNotes(doc).map((n) => n.text) };
}

/**
 * A participant's laptop from Node (a relay peer, support/relayPeer.ts) that writes notes the way
 * the app's command does (`addNote` of shared/schema/note), for drills that need more writers
 * than the machine has room for browsers. It has no screen: what it wrote is in its own doc.
 */
export class NodeWriter {
  readonly written = new Set<string>();
  private constructor(
    readonly name: string,
    private readonly peer: RelayPeer,
  ) {}

  static async open(room: Pick<DrillRoom, 'host' | 'code'>, docName: string, name: string): Promise<NodeWriter> {
    return new NodeWriter(name, await relayPeer(room.host.url, room.code, docName));
  }

  get doc(): Y.Doc {
    return this.peer.doc;
  }

  /** Adds a note with `text` at a spot in the house picked by `random` (a number in [0, 1)). */
  write(text: string, random: () => number): void {
    addNote(this.peer.doc, HOUSE_TEMPLATE, { x: 100 + random() * 1600, y: 200 + random() * 1000, text, author: this.name });
    this.written.add(text);
  }

  holder(): Holder {
    return peerHolder(`${this.name}'s doc`, this.peer.doc);
  }

  close(): void {
    this.peer.close();
  }
}

/**
 * Writes notes on the board `laptop` shows, one after another with `pause()` ms between them, until
 * `stop()` is true; note i is `label(i)`, in the foundation, the walls and the roof in turn.
 * Returns how many it started.
 */
export async function keepWriting(laptop: Laptop, label: (i: number) => string, stop: () => boolean, pause: () => number): Promise<number> {
  let i = 0;
  while (!stop()) {
    await addNoteOnScreen(laptop.page, KEYS[i % KEYS.length]!, label(i), 'insert');
    i++;
    await delay(pause());
  }
  return i;
}

/** The same for a Node peer, which writes in no time: a note every `pause()` ms. */
export async function keepWritingNode(writer: NodeWriter, label: (i: number) => string, stop: () => boolean, pause: () => number, random: () => number): Promise<number> {
  let i = 0;
  while (!stop()) {
    writer.write(label(i), random);
    i++;
    await delay(pause());
  }
  return i;
}

const KEYS = ['1', '2', '3'] as const;

/** The usual scene of a drill: its room, Amira and Bram (each a Chromium of their own), and the Node writers a test adds. */
export interface DrillScene {
  room: DrillRoom;
  amira: Laptop;
  bram: Laptop;
  readonly writers: NodeWriter[];
}

/**
 * Opens the scene before the tests of the calling describe block and closes all of it after them
 * (writers, laptops, the room). `pattern`: the drill's note texts; `amira`: her Chromium's options.
 * The fields are set once the first beforeAll has run.
 */
export function drillScene(pattern: RegExp, amira: Omit<LaunchOptions, 'userDataDir'> = {}): DrillScene {
  const scene = { writers: [] as NodeWriter[] } as unknown as DrillScene;
  beforeAll(async () => {
    scene.room = await openDrillRoom();
    scene.amira = await Laptop.open('Amira', pattern, amira);
    scene.bram = await Laptop.open('Bram', pattern);
  });
  afterAll(async () => {
    for (const writer of scene.writers) writer.close();
    await Promise.all([scene.amira?.close(), scene.bram?.close()]);
    await scene.room?.close();
  });
  return scene;
}
