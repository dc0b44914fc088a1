import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { ID_PATTERN } from '../../shared/ids';
import { JOIN_CODE_LENGTH, normaliseJoinCode } from '../../shared/live';
import { newTokenSecret } from './roles';

/**
 * Which join code each session has on this host, kept in `<dataDir>/live-codes.json`, so that
 * - going live again (after "Stoppen", or after the app restarted) keeps the session's code and
 *   every laptop in the room reconnects by itself;
 * - a laptop that keeps retrying with a code the host knows (an old code of a session that got a
 *   new one, or the code of a session that is not live now) is told what is wrong and is never
 *   counted as guessing a code, so automatic retries cannot lock a laptop out.
 */

const MAX_SESSIONS = 500;
const MAX_REPLACED_PER_SESSION = 20;

const CodeSchema = z.string().length(JOIN_CODE_LENGTH);
const BookSchema = z.object({
  version: z.literal(1),
  sessions: z.record(
    z.string().regex(ID_PATTERN),
    z.object({
      code: CodeSchema,
      replaced: z.array(CodeSchema).max(MAX_REPLACED_PER_SESSION),
      /** The key of the session's tokens (roles.ts); books from before roles have none yet. */
      secret: z.string().regex(/^[A-Za-z0-9_-]{43}$/).optional(),
    }),
  ),
});
type Book = z.infer<typeof BookSchema>;

export const CODE_BOOK_FILE = 'live-codes.json';

export class CodeBook {
  private constructor(
    private readonly file: string,
    private book: Book,
  ) {}

  /**
   * Reads the book from `dataDir` (an empty one when the file is missing). A corrupt file is set
   * aside as `live-codes.json.corrupt` and the book starts empty: codes are then new, nothing else
   * is lost. `warn` hears about it.
   */
  static async open(dataDir: string, warn?: (message: string) => void): Promise<CodeBook> {
    const file = path.join(dataDir, CODE_BOOK_FILE);
    const raw = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return null;
      throw error;
    });
    if (raw === null) return new CodeBook(file, { version: 1, sessions: {} });
    let parsed: unknown = null;
    try {
      parsed = JSON.parse(raw);
    } catch {
      // handled below
    }
    const book = BookSchema.safeParse(parsed);
    if (book.success) return new CodeBook(file, book.data);
    warn?.(`${file} is onleesbaar; bewaard als ${CODE_BOOK_FILE}.corrupt, sessies krijgen een nieuwe code.`);
    await rename(file, `${file}.corrupt`).catch(() => {});
    return new CodeBook(file, { version: 1, sessions: {} });
  }

  /** The code `sessionId` had the last time it was live here, if any. */
  codeFor(sessionId: string): string | undefined {
    return this.book.sessions[sessionId]?.code;
  }

  /** Every code this book holds, current or replaced (a fresh code must be none of them). */
  has(code: string): boolean {
    return Object.values(this.book.sessions).some((s) => s.code === code || s.replaced.includes(code));
  }

  /** Makes `code` the session's code; a different earlier code becomes a replaced one. Written at once. */
  async assign(sessionId: string, code: string): Promise<void> {
    const previous = this.book.sessions[sessionId];
    if (previous?.code === code) return;
    const replaced = previous ? [previous.code, ...previous.replaced.filter((c) => c !== code)].slice(0, MAX_REPLACED_PER_SESSION) : [];
    const sessions = { ...this.book.sessions };
    delete sessions[sessionId];
    // Newest last, so the oldest sessions are the first to go past the cap.
    const kept = Object.entries(sessions).slice(-(MAX_SESSIONS - 1));
    const secret = previous?.secret ?? newTokenSecret();
    this.book = { version: 1, sessions: { ...Object.fromEntries(kept), [sessionId]: { code, replaced, secret } } };
    await this.save();
  }

  /**
   * The key of `sessionId`'s tokens (roles.ts), made and written the first time it is asked for.
   * Kept across restarts of the host, so the tokens it gave out stay good; deleted with the session.
   */
  async secretFor(sessionId: string): Promise<Buffer> {
    const entry = this.book.sessions[sessionId];
    if (!entry) throw new Error(`no code assigned to ${sessionId}`);
    if (!entry.secret) {
      this.book = { version: 1, sessions: { ...this.book.sessions, [sessionId]: { ...entry, secret: newTokenSecret() } } };
      await this.save();
    }
    return Buffer.from(this.book.sessions[sessionId]!.secret!, 'base64url');
  }

  /** Forgets a session (it was deleted): its codes become unknown. */
  async forget(sessionId: string): Promise<void> {
    if (!this.book.sessions[sessionId]) return;
    const sessions = { ...this.book.sessions };
    delete sessions[sessionId];
    this.book = { version: 1, sessions };
    await this.save();
  }

  /**
   * Why a presented code that is not the live session's own is refused: `not-live` when it is the
   * current code of another session, `code-replaced` when it is an old code of any session, and
   * null when this host never gave it out (a typo or a guess).
   */
  refusalFor(presented: string | null, liveSessionId: string | null): 'not-live' | 'code-replaced' | null {
    const code = presented === null ? null : normaliseJoinCode(presented);
    if (code === null) return null;
    for (const [sessionId, entry] of Object.entries(this.book.sessions)) {
      if (entry.code === code && sessionId !== liveSessionId) return 'not-live';
    }
    for (const entry of Object.values(this.book.sessions)) if (entry.replaced.includes(code)) return 'code-replaced';
    return null;
  }

  private async save(): Promise<void> {
    await mkdir(path.dirname(this.file), { recursive: true, mode: 0o700 });
    const tmp = `${this.file}.${process.pid}.tmp`;
    // It holds the sessions' token keys: this user only.
    await writeFile(tmp, JSON.stringify(this.book), { mode: 0o600 });
    await rename(tmp, this.file);
  }
}
