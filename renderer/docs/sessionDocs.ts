import type { ForgetAnswer, ForgetRequest } from '../../shared/platform';
import { boardDocName, roomDocName, sessionDocName, sessionDocPrefix } from '../../shared/schema/docNames';
import { readGroups } from '../../shared/schema/group';
import type { LibraryIndex } from './libraryIndex';
import { countNotesOf } from './noteCounter';
import type { StoredDoc } from './openDoc';

/** An open doc; release it when done (openDoc.acquireDoc). */
export interface DocHandle {
  readonly stored: StoredDoc;
  release(): void;
}

/** What the owner of a session needs from the page; stand-ins in tests (sessions.ts wires the real ones). */
export interface SessionDocsDeps {
  acquire(name: string): Promise<DocHandle>;
  /** Closes the doc if open and deletes its IndexedDB copy. */
  deleteStored(name: string): Promise<void>;
  /** Every doc stored on this device (IndexedDB database names); null when the browser cannot say. */
  storedDocNames(): Promise<string[] | null>;
  readonly index: Pick<LibraryIndex, 'entries' | 'remove' | 'recordBoardNotes'>;
  /** Platform.forgetSession: the LAN host's copy on this computer. */
  forgetHosted(request: ForgetRequest): Promise<ForgetAnswer>;
  /** This device runs the session live as its facilitator (it may be live right now). */
  liveHere(sessionId: string): Promise<boolean>;
  /** Leaves the session's live room on this device and forgets how this device took part. */
  leave(sessionId: string): Promise<void>;
  /** COUNT_DELAY_MS unless told (tests). */
  readonly countDelayMs?: number;
}

/** The session is live on this computer: it cannot be deleted before it is stopped. */
export class SessionIsLive extends Error {
  constructor(readonly sessionId: string) {
    super(`Sessie ${sessionId} staat live; stop haar eerst.`);
  }
}

/** The host on this computer did not answer: its copy would outlive the delete, so nothing was deleted. */
export class HostCopyKept extends Error {
  constructor(
    readonly sessionId: string,
    options?: { cause: unknown },
  ) {
    super(`De kopie van sessie ${sessionId} op de host kon niet worden gewist.`, options);
  }
}

/**
 * The one owner of a session's docs in the renderer. It opens the session doc (the facilitator's:
 * meta, questions, groups), the room doc (participants': the roster) and the boards; it is the one
 * writer of the library's note counts (each open board is counted as it changes, see
 * countNotesOf; the index is written only when a count changed); and it deletes every copy of the
 * session this computer keeps: the host's, when this computer hosted it, and every doc in
 * IndexedDB, the boards of groups removed earlier included.
 */
export class SessionDocs {
  constructor(
    readonly sessionId: string,
    private readonly deps: SessionDocsDeps,
  ) {}

  openSession(): Promise<DocHandle> {
    return this.deps.acquire(sessionDocName(this.sessionId));
  }

  openRoom(): Promise<DocHandle> {
    return this.deps.acquire(roomDocName(this.sessionId));
  }

  openBoard(groupId: string): Promise<DocHandle> {
    return this.deps.acquire(boardDocName(this.sessionId, groupId));
  }

  /**
   * Keeps the library's count of a board's notes while `doc` is open (sessions.ts calls it for
   * every board this page opens, whoever opens it). Returns the function that stops counting.
   */
  countBoard(groupId: string, doc: StoredDoc['doc']): () => void {
    return countNotesOf(
      doc,
      (count) => void this.deps.index.recordBoardNotes(this.sessionId, groupId, count).catch(() => {}),
      this.deps.countDelayMs,
    );
  }

  /** Counts these boards again (counts can be stale after a crash; they are cheap to take). */
  async recount(groupIds: readonly string[]): Promise<void> {
    for (const groupId of groupIds) {
      const { stored, release } = await this.openBoard(groupId);
      try {
        this.countBoard(groupId, stored.doc)();
      } finally {
        release();
      }
    }
  }

  /**
   * Deletes the boards of groups the facilitator removed: from IndexedDB, then from the host on
   * this computer (also while the session is live there). Rejects when the host cannot be reached;
   * what was deleted here stays deleted.
   */
  async deleteBoards(groupIds: readonly string[]): Promise<void> {
    if (groupIds.length === 0) return;
    for (const groupId of groupIds) await this.deps.deleteStored(boardDocName(this.sessionId, groupId));
    await this.deps.forgetHosted({ sessionId: this.sessionId, groupIds: [...groupIds] });
  }

  /**
   * Deletes the session from this computer, every copy of it we keep. Its own session (not one
   * this device joined): first the host's copy, and nothing at all when that is impossible —
   * SessionIsLive while it is live here (stop it first), HostCopyKept when the host does not
   * answer. Then it leaves the live room, removes the library row and deletes every doc in
   * IndexedDB, the session doc last (a crash halfway leaves a session the library lists again,
   * to be deleted once more, never boards nobody can reach). A joined session is someone else's:
   * only this device's copy goes.
   */
  async delete(): Promise<void> {
    const { sessionId, deps } = this;
    const entry = (await deps.index.entries()).find((e) => e.id === sessionId);
    if (!entry?.joined) {
      if (await deps.liveHere(sessionId)) throw new SessionIsLive(sessionId);
      let answer: ForgetAnswer;
      try {
        answer = await deps.forgetHosted({ sessionId });
      } catch (error) {
        throw new HostCopyKept(sessionId, { cause: error });
      }
      if (answer.status === 'live') throw new SessionIsLive(sessionId);
    }
    await deps.leave(sessionId);
    await deps.index.remove(sessionId);
    const session = sessionDocName(sessionId);
    for (const name of await this.storedNames()) if (name !== session) await deps.deleteStored(name);
    await deps.deleteStored(session);
  }

  /**
   * Every doc of this session stored here: what IndexedDB lists under the session's prefix (boards
   * of groups removed long ago included), or, where the browser cannot list, what the session doc
   * names.
   */
  private async storedNames(): Promise<string[]> {
    const listed = await this.deps.storedDocNames().catch(() => null);
    if (listed) return listed.filter((name) => name.startsWith(sessionDocPrefix(this.sessionId)));
    const { stored, release } = await this.openSession();
    const groupIds = readGroups(stored.doc).map((g) => g.id);
    release();
    return [roomDocName(this.sessionId), ...groupIds.map((g) => boardDocName(this.sessionId, g)), sessionDocName(this.sessionId)];
  }
}
