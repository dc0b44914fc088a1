import { closeSync, fdatasyncSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { copyFile, readFile, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import * as Y from 'yjs';
import { ID_PATTERN } from '../../shared/ids';
import { dropPending } from './missing';

/** The logs hold what groups wrote about children and families: this user only (issue 10). */
export const FILE_MODE = 0o600;
/** The folders that hold them, likewise. */
export const DIR_MODE = 0o700;

/**
 * The host's copy of every doc of a live session, one file per doc:
 *   <dataDir>/<sessionId>/<file name of the doc name>.ylog
 * A file is an append-only log:
 *   magic "BPYLOG1\n" (8 bytes), then records of
 *   [u32 big-endian length][u32 big-endian CRC-32 of the payload][payload: a Yjs update, v1]
 * Replaying the records in order (Y.applyUpdate) gives the doc. Once the log grows past
 * max(compactAfterBytes, 2 × the last snapshot) it is rewritten as one record holding
 * Y.encodeStateAsUpdate (written to "<file>.tmp", fsynced, renamed over the log).
 *
 * Durability: every update is written with a synchronous write() before it is relayed to anyone
 * else, so a crash of the host process (or the app around it) never loses an update another
 * laptop has already seen. fdatasync follows within fsyncDelayMs, batched: a disk flush per
 * keystroke of fifty people would cost more than it protects; what a power cut can lose is that
 * window, and the laptops still hold those updates and sync them back when they reconnect.
 *
 * Damage (a crash mid-write, a bad sector, a flipped byte) costs only the records it hits: every
 * record whose checksum holds is read, before and after it (parseLog); a warning is logged, the
 * original file is copied to "<file>.corrupt-<time>" and the log is rewritten as a snapshot so
 * that new records never follow garbage.
 *
 * Changes whose predecessors are missing are never kept (missing.ts): a log is replayed, then
 * whatever Yjs had to keep aside is dropped (a log cut at a bad record, or a snapshot written
 * before the host dropped such changes), and such a log is rewritten without it, so a restart
 * does not bring back what the relay refused.
 */

export const LOG_MAGIC = Buffer.from('BPYLOG1\n', 'latin1');
const RECORD_HEADER_BYTES = 8;
/** A record claiming more than this is garbage, not a doc (LIVE_LIMITS keeps frames at 4 MB). */
const MAX_RECORD_BYTES = 256 * 1024 * 1024;
export const LOG_EXTENSION = '.ylog';

/** "bouwplaats/abc123/board/x" → "bouwplaats_2fabc123_2fboard_2fx.ylog": safe on every file system. */
export function docFileName(docName: string): string {
  let name = '';
  for (const byte of Buffer.from(docName, 'utf8')) {
    const isSafe = (byte >= 0x61 && byte <= 0x7a) || (byte >= 0x30 && byte <= 0x39) || byte === 0x2d;
    name += isSafe ? String.fromCharCode(byte) : `_${byte.toString(16).padStart(2, '0')}`;
  }
  return name + LOG_EXTENSION;
}

/** The inverse of docFileName; null for any other file. */
export function docNameFromFile(fileName: string): string | null {
  if (!fileName.endsWith(LOG_EXTENSION)) return null;
  const stem = fileName.slice(0, -LOG_EXTENSION.length);
  if (!/^(?:[a-z0-9-]|_[0-9a-f]{2})*$/.test(stem)) return null;
  const bytes: number[] = [];
  for (let i = 0; i < stem.length; i++) {
    if (stem[i] === '_') {
      bytes.push(parseInt(stem.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(stem.charCodeAt(i));
    }
  }
  const name = Buffer.from(bytes).toString('utf8');
  return docFileName(name) === fileName ? name : null;
}

export function sessionDir(dataDir: string, sessionId: string): string {
  return path.join(dataDir, sessionId);
}

export function docFilePath(dataDir: string, sessionId: string, docName: string): string {
  return path.join(sessionDir(dataDir, sessionId), docFileName(docName));
}

export function encodeRecord(update: Uint8Array): Buffer {
  const record = Buffer.allocUnsafe(RECORD_HEADER_BYTES + update.byteLength);
  record.writeUInt32BE(update.byteLength, 0);
  record.writeUInt32BE(crc32(update), 4);
  record.set(update, RECORD_HEADER_BYTES);
  return record;
}

export interface ParsedLog {
  /** Every record whose checksum holds, in file order. */
  readonly updates: Uint8Array[];
  /** Bytes up to the end of the last good record before the first damage (the whole file when none). */
  readonly validBytes: number;
  /** The first damage found (where and what); null when the whole file was good. */
  readonly problem: string | null;
  /** Bytes that belonged to no good record (damage, a torn tail). */
  readonly skippedBytes: number;
}

/** The record at `offset` when its header is whole, its length possible and its checksum holds. */
function recordAt(file: Buffer, offset: number): { payload: Buffer; end: number } | string {
  if (file.byteLength - offset < RECORD_HEADER_BYTES) return `torn record header at byte ${offset}`;
  const length = file.readUInt32BE(offset);
  const checksum = file.readUInt32BE(offset + 4);
  if (length > MAX_RECORD_BYTES) return `impossible record length at byte ${offset}`;
  const start = offset + RECORD_HEADER_BYTES;
  if (start + length > file.byteLength) return `torn record at byte ${offset}`;
  const payload = file.subarray(start, start + length);
  if (crc32(payload) !== checksum) return `checksum mismatch at byte ${offset}`;
  // No Yjs update is empty, and eight zero bytes would pass as one anywhere.
  if (length === 0) return `empty record at byte ${offset}`;
  return { payload, end: start + length };
}

/**
 * Reads a log: every record whose checksum holds. Damage does not end the reading (issue 10,
 * item 6: one flipped byte in the header dropped the whole doc): a damaged header is passed over
 * (the records after it are still read), and past a damaged record the reader looks, byte by byte,
 * for the next place where a whole, non-empty record with a matching CRC-32 begins. A file of
 * something else yields no records.
 * What the lost records held that later ones build on stays out of the doc (missing.ts).
 */
export function parseLog(file: Buffer): ParsedLog {
  if (file.byteLength === 0) return { updates: [], validBytes: 0, problem: null, skippedBytes: 0 };
  if (file.byteLength < LOG_MAGIC.byteLength) {
    const torn = LOG_MAGIC.subarray(0, file.byteLength).equals(file);
    return { updates: [], validBytes: 0, problem: torn ? 'torn header' : 'not a Bouwplaats doc log', skippedBytes: file.byteLength };
  }
  let problem: string | null = file.subarray(0, LOG_MAGIC.byteLength).equals(LOG_MAGIC) ? null : 'not a Bouwplaats doc log (damaged header)';
  let validBytes = problem ? 0 : LOG_MAGIC.byteLength;
  let skippedBytes = problem ? LOG_MAGIC.byteLength : 0;
  const updates: Uint8Array[] = [];
  let offset = LOG_MAGIC.byteLength;
  while (offset < file.byteLength) {
    const found = recordAt(file, offset);
    if (typeof found === 'string') {
      problem ??= found;
      offset++;
      skippedBytes++;
      continue;
    }
    updates.push(found.payload);
    offset = found.end;
    if (!problem) validBytes = offset;
  }
  return { updates, validBytes, problem, skippedBytes };
}

/**
 * Replays records into `doc`; a record Yjs refuses is skipped (and named in the result) and the
 * rest still replayed. Changes whose predecessors are missing are not kept in `doc`; `onMissing`
 * hears their size in bytes. Returns the first problem, the log's own or a refused record; null when none.
 */
export function replay(doc: Y.Doc, parsed: ParsedLog, onMissing: (bytes: number) => void = () => {}): string | null {
  let problem = parsed.problem;
  doc.transact(() => {
    for (let i = 0; i < parsed.updates.length; i++) {
      try {
        Y.applyUpdate(doc, parsed.updates[i]!);
      } catch (error) {
        problem ??= `record ${i} is not a Yjs update (${error instanceof Error ? error.message : String(error)})`;
      }
    }
  });
  const missing = dropPending(doc);
  if (missing > 0) onMissing(missing);
  return problem;
}

async function readIfExists(filePath: string): Promise<Buffer | null> {
  try {
    return await readFile(filePath);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/**
 * A stored doc, read back from disk (the facilitator's archive, tests); null when the host never
 * stored it. A corrupt tail is skipped with a warning, as on load.
 */
export async function readStoredDoc(
  dataDir: string,
  sessionId: string,
  docName: string,
  options: { readonly warn?: (message: string) => void } = {},
): Promise<Y.Doc | null> {
  const filePath = docFilePath(dataDir, sessionId, docName);
  const file = await readIfExists(filePath);
  if (file === null) return null;
  const doc = new Y.Doc();
  const warn = options.warn ?? console.warn;
  const problem = replay(doc, parseLog(file), (bytes) => warn(`Bouwplaats: ${filePath}: ${missingMessage(bytes)}`));
  if (problem) warn(`Bouwplaats: ${filePath}: ${problem}; every record that was whole is read.`);
  return doc;
}

/** Names of the docs stored for a session (only files this store wrote). */
export async function listStoredDocs(dataDir: string, sessionId: string): Promise<string[]> {
  let files: string[];
  try {
    files = await readdir(sessionDir(dataDir, sessionId));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return files.map(docNameFromFile).filter((name): name is string => name !== null).sort();
}

/**
 * Deletes the host's copy of a session for good: with `docNames`, only those docs (a group's board
 * after the group was removed), else the session's whole folder. Every file that holds a doc goes:
 * the log, a snapshot being written (`.tmp`) and copies set aside as corrupt (`.corrupt-…`), since
 * those hold notes too. Missing files are fine. The caller makes sure no DocLog has them open.
 * Throws for a session id that is not an id (it names a folder).
 */
export async function forgetStoredDocs(dataDir: string, sessionId: string, docNames?: readonly string[]): Promise<void> {
  if (!ID_PATTERN.test(sessionId)) throw new Error(`Ongeldige sessie: ${sessionId}`);
  const dir = sessionDir(dataDir, sessionId);
  if (docNames === undefined) {
    await rm(dir, { recursive: true, force: true });
    return;
  }
  const stems = new Set(docNames.map(docFileName));
  let files: string[];
  try {
    files = await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  const doomed = files.filter((file) => [...stems].some((stem) => file === stem || file.startsWith(`${stem}.`)));
  await Promise.all(doomed.map((file) => rm(path.join(dir, file), { force: true })));
}

function missingMessage(bytes: number): string {
  return `dropped ${bytes} bytes of changes whose predecessors are missing.`;
}

function writeAll(fd: number, data: Uint8Array): void {
  let written = 0;
  while (written < data.byteLength) written += writeSync(fd, data, written, data.byteLength - written);
}

function fsyncDir(dir: string): void {
  // Makes the rename durable; not possible on every platform (Windows), where it is skipped.
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    /* best effort */
  }
}

export interface DocLogOptions {
  readonly compactAfterBytes: number;
  readonly fsyncDelayMs: number;
  readonly warn: (message: string) => void;
}

/**
 * While the disk refuses, append() tries a snapshot at most this often (ms): a full disk under a
 * room that writes would otherwise cost a whole snapshot and a warning per keystroke. The relay
 * tries again on a timer of its own, so what was held back is stored once there is room, also
 * when nobody writes any more.
 */
export const SNAPSHOT_RETRY_GAP_MS = 1000;

/** The open log of one doc; every method is synchronous so appends and compaction never interleave. */
export class DocLog {
  private fd: number | null;
  private bytes: number;
  private snapshotBytes: number;
  private syncTimer: NodeJS.Timeout | null = null;
  /** After a failed write the file may end in a partial record: only a snapshot may follow. */
  private needsSnapshot = false;
  /** When the last snapshot failed (performance.now()); -Infinity while none has. */
  private lastFailure = -Infinity;
  private closed = false;
  /** Whether snapshotBytes is the size of one snapshot (a log read from disk may be many records). */
  private snapshotKnown = false;

  private constructor(
    private readonly filePath: string,
    private readonly doc: Y.Doc,
    private readonly options: DocLogOptions,
    bytes: number,
  ) {
    this.fd = openSync(filePath, 'a', FILE_MODE);
    this.bytes = bytes;
    this.snapshotBytes = bytes;
    if (bytes === 0) {
      writeAll(this.fd, LOG_MAGIC);
      this.bytes = this.snapshotBytes = LOG_MAGIC.byteLength;
      this.snapshotKnown = true;
    }
  }

  /** Loads `<dir>/<file>` into `doc` (creating it when absent) and opens it for appending. */
  static async open(filePath: string, doc: Y.Doc, options: DocLogOptions): Promise<DocLog> {
    const file = await readIfExists(filePath);
    if (file === null) return new DocLog(filePath, doc, options, 0);
    const parsed = parseLog(file);
    let missing = false;
    const problem = replay(doc, parsed, (bytes) => {
      missing = true;
      options.warn(`${filePath}: ${missingMessage(bytes)}`);
    });
    if (problem === null) {
      const log = new DocLog(filePath, doc, options, file.byteLength);
      log.snapshotKnown = parsed.updates.length <= 1;
      if (missing) log.compact();
      return log;
    }
    const keep = `${filePath}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    await copyFile(filePath, keep);
    options.warn(`${filePath}: ${problem}; kept every record that was whole, the original is in ${path.basename(keep)}.`);
    const log = new DocLog(filePath, doc, options, file.byteLength);
    log.compact();
    return log;
  }

  get size(): number {
    return this.bytes;
  }

  /**
   * Bytes of the last snapshot: what the doc holds on disk without the records appended since.
   * For a log read from disk as many records, nothing is known yet: every record counts as appended.
   */
  get snapshotSize(): number {
    return this.snapshotKnown ? this.snapshotBytes : LOG_MAGIC.byteLength;
  }

  /**
   * True while what the doc holds is not all on disk: a write failed (a full disk, a disk error),
   * and no snapshot has succeeded since.
   */
  get failing(): boolean {
    return this.needsSnapshot;
  }

  /**
   * Stores one update (already applied to the doc) before it is relayed. Returns whether it is on
   * disk now (as a record, or in a snapshot that holds it); false while the disk refuses: the
   * caller must not relay it then ("stored before relayed").
   */
  append(update: Uint8Array): boolean {
    if (this.closed || this.fd === null) return false;
    if (this.needsSnapshot) return performance.now() - this.lastFailure >= SNAPSHOT_RETRY_GAP_MS && this.compact();
    const record = encodeRecord(update);
    try {
      writeAll(this.fd, record);
    } catch (error) {
      this.options.warn(`${this.filePath}: could not append (${(error as Error).message}); writing a snapshot instead.`);
      this.needsSnapshot = true;
      return this.compact();
    }
    this.bytes += record.byteLength;
    if (this.bytes > Math.max(this.options.compactAfterBytes, 2 * this.snapshotBytes)) this.compact();
    else this.scheduleSync();
    return true;
  }

  /**
   * Rewrites the log as one snapshot of the doc: temp file, fsync, rename over the log. Returns
   * whether it succeeded; on failure the old log is untouched and the temp file removed.
   */
  compact(): boolean {
    if (this.closed) return false;
    const tmp = `${this.filePath}.tmp`;
    try {
      const snapshot = Buffer.concat([LOG_MAGIC, encodeRecord(Y.encodeStateAsUpdate(this.doc))]);
      const tmpFd = openSync(tmp, 'w', FILE_MODE);
      try {
        writeAll(tmpFd, snapshot);
        fdatasyncSync(tmpFd);
      } finally {
        closeSync(tmpFd);
      }
      renameSync(tmp, this.filePath);
      fsyncDir(path.dirname(this.filePath));
      if (this.fd !== null) closeSync(this.fd);
      this.fd = openSync(this.filePath, 'a', FILE_MODE);
      this.bytes = this.snapshotBytes = snapshot.byteLength;
      if (this.lastFailure !== -Infinity) this.options.warn(`${this.filePath}: stored again.`);
      this.snapshotKnown = true;
      this.needsSnapshot = false;
      this.lastFailure = -Infinity;
      this.cancelSync();
      return true;
    } catch (error) {
      // The old log is untouched (rename is atomic); a later try writes it (see append). A
      // half-written temp file would only take the space the disk lacks. Said once, not per try.
      if (this.lastFailure === -Infinity) this.options.warn(`${this.filePath}: could not write a snapshot (${(error as Error).message}); trying again until there is room.`);
      this.needsSnapshot = true;
      this.lastFailure = performance.now();
      try {
        rmSync(tmp, { force: true });
      } catch {
        /* the next try overwrites it */
      }
      return false;
    }
  }

  private scheduleSync(): void {
    if (this.syncTimer) return;
    this.syncTimer = setTimeout(() => {
      this.syncTimer = null;
      this.sync();
    }, this.options.fsyncDelayMs);
    this.syncTimer.unref();
  }

  private cancelSync(): void {
    if (this.syncTimer) clearTimeout(this.syncTimer);
    this.syncTimer = null;
  }

  private sync(): void {
    if (this.fd === null) return;
    try {
      fdatasyncSync(this.fd);
    } catch (error) {
      this.options.warn(`${this.filePath}: fdatasync failed (${(error as Error).message}).`);
    }
  }

  /** Closes the file without writing anything more: the doc is being deleted (forgetStoredDocs). */
  discard(): void {
    if (this.closed) return;
    this.cancelSync();
    this.closed = true;
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }

  /** Flushes (a snapshot when the log has grown, else fdatasync) and closes the file. */
  close(): void {
    if (this.closed) return;
    if (this.needsSnapshot || this.bytes > this.snapshotBytes) this.compact();
    else this.sync();
    this.cancelSync();
    this.closed = true;
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }
}
