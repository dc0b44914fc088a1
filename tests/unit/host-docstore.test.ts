import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { boardDocName, sessionDocName } from '../../shared/schema/docNames';
import { addNote, readNotes } from '../../shared/schema/note';
import { HOUSE_TEMPLATE } from '../../shared/template/house';
import {
  DocLog,
  LOG_MAGIC,
  docFileName,
  docNameFromFile,
  encodeRecord,
  listStoredDocs,
  parseLog,
  readStoredDoc,
  replay,
  type DocLogOptions,
} from '../../electron/host/docStore';

/** The host's doc logs on their own: file names, the record format, compaction, damage. */

let dir: string;
const warnings: string[] = [];
const options = (compactAfterBytes = 1024 * 1024): DocLogOptions => ({ compactAfterBytes, fsyncDelayMs: 5, warn: (w) => warnings.push(w) });
const texts = (doc: Y.Doc) => readNotes(doc).map((n) => n.text).sort();

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'bouwplaats-docstore-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('doc file names', () => {
  it('are safe on every file system and turn back into the doc name', () => {
    const names = [sessionDocName('abc123'), boardDocName('abc123', 'groep0001'), 'Ünïcode naam/met:teken*?'];
    for (const name of names) {
      const file = docFileName(name);
      expect(file).toMatch(/^[a-z0-9_-]+\.ylog$/);
      expect(docNameFromFile(file)).toBe(name);
    }
    expect(docFileName(sessionDocName('abc123'))).toBe('bouwplaats_2fabc123_2fsession.ylog');
  });

  it('ignore files the store did not write', () => {
    for (const file of ['x.ylog.tmp', 'x.ylog.corrupt-2026', 'notes.txt', 'UPPER.ylog', 'a_zz.ylog', 'a_4.ylog', 'a_2F.ylog']) {
      expect(docNameFromFile(file)).toBeNull();
    }
  });
});

describe('parseLog', () => {
  const update = (text: string) => {
    const doc = new Y.Doc();
    doc.getText('t').insert(0, text);
    return Y.encodeStateAsUpdate(doc);
  };

  it('reads an empty file and a well-formed log', () => {
    expect(parseLog(Buffer.alloc(0))).toEqual({ updates: [], validBytes: 0, problem: null, skippedBytes: 0 });
    const file = Buffer.concat([LOG_MAGIC, encodeRecord(update('a')), encodeRecord(update('b'))]);
    const parsed = parseLog(file);
    expect(parsed.problem).toBeNull();
    expect(parsed.updates).toHaveLength(2);
    expect(parsed.validBytes).toBe(file.byteLength);
  });

  it('says where and why it stopped', () => {
    const good = Buffer.concat([LOG_MAGIC, encodeRecord(update('a'))]);
    expect(parseLog(LOG_MAGIC.subarray(0, 3)).problem).toBe('torn header');
    expect(parseLog(Buffer.from('{"json": "not a log"}'))).toMatchObject({ updates: [], problem: expect.stringContaining('not a Bouwplaats doc log') });
    expect(parseLog(Buffer.concat([good, Buffer.from([0, 0, 0])]))).toMatchObject({ updates: [expect.anything()], validBytes: good.byteLength, problem: expect.stringContaining('torn record header') });
    expect(parseLog(Buffer.concat([good, Buffer.from([0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0])])).problem).toContain('impossible record length');
    expect(parseLog(Buffer.concat([good, encodeRecord(update('b')).subarray(0, 12)])).problem).toContain('torn record at');
  });
});

describe('parseLog after damage: every record whose checksum holds', () => {
  // Notes written on three laptops: independent updates, so losing one leaves the others whole.
  const laptop = (text: string) => {
    const doc = new Y.Doc();
    addNote(doc, HOUSE_TEMPLATE, { x: 100, y: 100, text });
    return Y.encodeStateAsUpdate(doc);
  };
  const words = ['Werk systemisch', 'Team rond de jeugdige', 'Ruimte voor innovatie'];
  // Each laptop's client id is random, so its records vary in length: offsets come from these.
  const records = () => words.map((w) => encodeRecord(laptop(w)));
  const logOf = (parts: Buffer[]) => Buffer.concat([LOG_MAGIC, ...parts]);
  const log = () => logOf(records());
  const replayed = (file: Buffer) => {
    const doc = new Y.Doc();
    const problem = replay(doc, parseLog(file));
    return { problem, texts: texts(doc) };
  };

  it('keeps every note when one byte of the header flipped', () => {
    const file = log();
    file[3] = file[3]! ^ 0x20;
    expect(replayed(file)).toEqual({ problem: expect.stringContaining('damaged header'), texts: [...words].sort() });
  });

  it('loses only the record a flipped byte hit, and reads on after it', () => {
    const parts = records();
    const file = logOf(parts);
    const second = LOG_MAGIC.byteLength + parts[0]!.byteLength;
    file[second + 20] = file[second + 20]! ^ 0x01;
    const parsed = parseLog(file);
    expect(parsed.problem).toContain(`checksum mismatch at byte ${second}`);
    expect(parsed.validBytes).toBe(second);
    expect(replayed(file).texts).toEqual([words[0], words[2]].sort());
  });

  it('finds the next record past garbage written into the middle, and past a torn length', () => {
    const parts = records();
    const file = logOf(parts);
    const second = LOG_MAGIC.byteLength + parts[0]!.byteLength;
    const junk = Buffer.concat([file.subarray(0, second), Buffer.alloc(37, 0), Buffer.from([0xff, 0xff, 0xff, 0xff]), file.subarray(second)]);
    expect(replayed(junk).texts).toEqual([...words].sort());
    const parsed = parseLog(junk);
    expect(parsed.skippedBytes).toBe(41);
    // A file of something else yields nothing, whatever its size.
    expect(parseLog(Buffer.from('dit is geen log, ook niet als het langer is dan acht bytes')).updates).toEqual([]);
  });

  it('skips a record that is whole but not a Yjs update, and replays the rest', () => {
    const file = Buffer.concat([LOG_MAGIC, encodeRecord(laptop(words[0]!)), encodeRecord(new Uint8Array([0xff, 0xfe, 0xfd, 0x01])), encodeRecord(laptop(words[1]!))]);
    const { problem, texts: kept } = replayed(file);
    expect(problem).toContain('record 1 is not a Yjs update');
    expect(kept).toEqual([words[0], words[1]].sort());
  });
});

describe('DocLog', () => {
  it('appends each update and rewrites the log as one snapshot past the threshold', async () => {
    const file = path.join(dir, docFileName(boardDocName('abc123', 'groep0001')));
    const doc = new Y.Doc();
    const log = await DocLog.open(file, doc, options(8 * 1024));
    doc.on('update', (u: Uint8Array) => log.append(u));
    let largest = 0;
    for (let i = 0; i < 300; i++) {
      addNote(doc, HOUSE_TEMPLATE, { x: 100 + i, y: 100, text: `Notitie ${i}` });
      largest = Math.max(largest, log.size);
    }
    const snapshot = Y.encodeStateAsUpdate(doc).byteLength;
    // Never more than the threshold or twice the last snapshot, plus one record.
    expect(largest).toBeLessThan(Math.max(8 * 1024, 2 * snapshot) + 1024);
    const parsed = parseLog(await readFile(file));
    expect(parsed.problem).toBeNull();
    expect(parsed.updates.length).toBeLessThan(300);
    log.close();
    const back = await readStoredDoc(dir, '', boardDocName('abc123', 'groep0001'));
    expect(texts(back!)).toEqual(texts(doc));
    expect(parseLog(await readFile(file)).updates).toHaveLength(1); // close() wrote a snapshot
    expect(await readdir(dir)).not.toContain(path.basename(file) + '.tmp');
  });

  it('starts over from a file that is not a doc log, keeping the original beside it', async () => {
    const name = boardDocName('abc123', 'vreemd01');
    const file = path.join(dir, docFileName(name));
    await writeFile(file, 'dit is geen log');
    const doc = new Y.Doc();
    const log = await DocLog.open(file, doc, options());
    doc.on('update', (u: Uint8Array) => log.append(u));
    addNote(doc, HOUSE_TEMPLATE, { x: 100, y: 100, text: 'Nieuw begin' });
    log.close();
    expect(warnings.some((w) => w.includes('not a Bouwplaats doc log'))).toBe(true);
    const kept = (await readdir(dir)).filter((f) => f.startsWith(path.basename(file) + '.corrupt-'));
    expect(kept).toHaveLength(1);
    expect(await readFile(path.join(dir, kept[0]!), 'utf8')).toBe('dit is geen log');
    expect(texts((await readStoredDoc(dir, '', name))!)).toEqual(['Nieuw begin']);
  });

  it('opens a log whose header a flipped byte damaged with every note in it, and keeps the damaged original beside it', async () => {
    const name = boardDocName('abc123', 'kapot001');
    const file = path.join(dir, docFileName(name));
    const first = new Y.Doc();
    const log = await DocLog.open(file, first, options());
    first.on('update', (u: Uint8Array) => log.append(u));
    addNote(first, HOUSE_TEMPLATE, { x: 100, y: 100, text: 'Kennis van gezin en school' });
    addNote(first, HOUSE_TEMPLATE, { x: 400, y: 100, text: 'Elkaar aanspreken' });
    log.close();
    const bytes = await readFile(file);
    bytes[0] = bytes[0]! ^ 0x04;
    await writeFile(file, bytes);
    const again = new Y.Doc();
    (await DocLog.open(file, again, options())).close();
    expect(texts(again)).toEqual(['Elkaar aanspreken', 'Kennis van gezin en school']);
    expect(warnings.some((w) => w.includes('damaged header') && w.includes('kept every record'))).toBe(true);
    expect(parseLog(await readFile(file)).problem).toBeNull();
    expect(texts((await readStoredDoc(dir, '', name))!)).toEqual(['Elkaar aanspreken', 'Kennis van gezin en school']);
  });

  it('lists the stored docs of a session', async () => {
    expect(await listStoredDocs(dir, '')).toEqual([boardDocName('abc123', 'groep0001'), boardDocName('abc123', 'kapot001'), boardDocName('abc123', 'vreemd01')].sort());
    expect(await listStoredDocs(path.join(dir, 'nergens'), 'x')).toEqual([]);
  });
});
