import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { docFilePath } from '../../electron/host/docStore';
import { readStoredDoc } from '../../electron/host/live';
import { boardDocName, sessionDocName } from '../../shared/schema/docNames';
import { readGroups } from '../../shared/schema/group';
import { addNote, readNotes } from '../../shared/schema/note';
import { HOUSE_TEMPLATE } from '../../shared/template/house';
import { converge, describeMissing, drillRandom, missingCounts, recordDrill, scaled } from './faults/drill';
import { peerHolder } from './faults/room';
import { launchChromium, type LaunchedChromium } from './support/chromium';
import { startHostProcess, type HostProcess } from './support/hostProcess';
import { localDoc, startLiveSession } from './support/liveSession';
import { relayProvider } from './support/relayPeer';
import { saveScreenshot } from './support/screenshots';

/**
 * The host's disk refuses writes while the room writes (issue 10, item 3), and fault drill 6: the
 * disk fills up, then has room again. The real host (`npm run serve`'s dist/host/serve.js) runs in
 * its own process under a file-size limit: once a board's log would grow past it, every write
 * fails (EFBIG, as a full disk gives ENOSPC; Node ignores SIGXFSZ). Then: nothing the host could
 * not store is relayed ("stored before relayed"), no half-written snapshot stays behind, and the
 * facilitator is told. Once there is room again (the limit lifted from outside, as the facilitator
 * frees space), everything Amira wrote reaches the host's disk and Bram, by itself, with nobody
 * writing anything more, and the facilitator's warning goes.
 */

/** 1024-byte blocks (bash's unit): the log of one board may not pass 96 KB. */
const FILE_LIMIT_BLOCKS = 96;
const NOTE_TEXT = 480;
/** Times the disk fills up and gets room again; Amira writes this many notes each time. */
const CYCLES = scaled(1, 3);
const NOTES = 400;

const texts = (doc: Y.Doc) => readNotes(doc).map((n) => n.text);

describe('a host whose disk refuses writes', () => {
  const random = drillRandom();
  let dataDir: string;
  let host: HostProcess;
  let chromium: LaunchedChromium;
  let facilitator: Page;
  const providers: WebsocketProvider[] = [];

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'bouwplaats-diskfull-'));
    host = await startHostProcess({ dataDir, fileLimitBlocks: FILE_LIMIT_BLOCKS });
    chromium = await launchChromium();
    facilitator = await chromium.page();
  });

  afterAll(async () => {
    for (const p of providers) p.destroy();
    await chromium?.close();
    await host?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('relays nothing it could not store, leaves no half-written file, tells the facilitator, and catches up once there is room', async () => {
    const { sessionId, code } = await startLiveSession(facilitator, host.url, 'Zo thuis mogelijk!');
    const session = await localDoc(facilitator, sessionDocName(sessionId));
    const groupId = readGroups(session)[0]!.id;
    const board = boardDocName(sessionId, groupId);
    const laptop = async () => {
      const doc = new Y.Doc();
      const provider = await relayProvider(host.url, code, board, doc);
      providers.push(provider);
      return { doc, provider };
    };
    const amira = await laptop();
    const bram = await laptop();
    await expect.poll(() => amira.provider.synced && bram.provider.synced).toBe(true);
    const onDisk = async () => texts((await readStoredDoc(dataDir, sessionId, board, { warn: () => {} }))!);

    const written: string[] = [];
    let slowest = 0;
    let missing: string[] = [];
    for (let cycle = 0; cycle < CYCLES; cycle++) {
      // The disk fills up again: room for another 96 KB of this board's log.
      if (cycle > 0) await host.setFileLimit(Math.ceil((await stat(docFilePath(dataDir, sessionId, board))).size / 1024) + FILE_LIMIT_BLOCKS);
      // Amira writes long notes, one every few ms, until well past what the host may store.
      for (let i = 0; i < NOTES; i++) {
        const text = `${cycle}-${String(i).padStart(3, '0')} Werk systemisch, met gezin, school en vrije tijd. `.padEnd(NOTE_TEXT, '·');
        addNote(amira.doc, HOUSE_TEMPLATE, { x: 100 + (i % 20) * 10, y: 900 + Math.floor(i / 20) * 10, text });
        written.push(text);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      // Bram's laptop stops getting notes once the host cannot store them.
      let last = -1;
      await expect
        .poll(
          () => {
            const count = texts(bram.doc).length;
            const settled = count === last;
            last = count;
            return settled;
          },
          { interval: 1000, timeout: 20_000 },
        )
        .toBe(true);
      const bramSees = texts(bram.doc);
      expect(bramSees.length).toBeGreaterThan(0);
      expect(bramSees.length).toBeLessThan(written.length);

      // The facilitator is told, in plain Dutch, on the next refresh of the host panel.
      const warning = facilitator.getByRole('alert').filter({ hasText: 'kan niet meer opslaan' });
      await warning.waitFor({ timeout: 20_000 });
      if (cycle === 0) await saveScreenshot(facilitator, 'host-disk-full');

      // What the host stored holds every note Bram got from it: nothing was relayed unstored. No
      // half-written snapshot is left.
      const stored = new Set(await onDisk());
      expect(bramSees.filter((t) => !stored.has(t))).toEqual([]);
      expect((await readdir(path.join(dataDir, sessionId))).filter((f) => f.endsWith('.tmp'))).toEqual([]);
      // Amira still has every note she wrote.
      expect(texts(amira.doc).sort()).toEqual([...written].sort());

      // Room again, and nobody writes: the host stores what it held back and Bram gets it.
      await host.setFileLimit('unlimited');
      const roomAgain = performance.now();
      const caughtUp = await converge(new Set(written), [{ name: "the host's disk", read: onDisk }, peerHolder("Bram's laptop", bram.doc)], scaled(20_000, 30_000));
      expect(caughtUp.missing, describeMissing(caughtUp)).toEqual([]);
      slowest = Math.max(slowest, performance.now() - roomAgain);
      missing = caughtUp.missing.slice();
      await warning.waitFor({ state: 'detached', timeout: 20_000 });
    }

    await recordDrill({
      drill: '6. disk full',
      faults: `${CYCLES} × the host's disk refuses writes (file-size limit) while a laptop writes ${NOTES} long notes, then has room again`,
      made: written.length,
      shown: texts(amira.doc).length,
      saved: texts(amira.doc).length,
      ...missingCounts({ ms: null, missing, byHolder: {} }, new Set(written)),
      convergeMs: slowest,
      seed: random.seed,
    });
  });
});
