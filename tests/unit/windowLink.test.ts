import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { linkWindows } from '../../renderer/docs/windowLink';

/**
 * Two windows of the app on one computer (the facilitator's and the projector's) each hold their
 * own Y.Doc of a doc; linkWindows keeps them the same over a BroadcastChannel, which Node has too.
 * Each "window" here is a Y.Doc with its own link (one channel object each, as in two pages).
 */

const NAME = 'bouwplaats/sessie0001/session';
const stops: (() => void)[] = [];

function windowWith(build?: (doc: Y.Doc) => void): Y.Doc {
  const doc = new Y.Doc();
  build?.(doc);
  stops.push(linkWindows(NAME, doc));
  return doc;
}

/** Waits until `check` holds (messages arrive in later tasks). */
async function until(check: () => boolean, ms = 2000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('not in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}

const settle = () => new Promise((r) => setTimeout(r, 50));

afterEach(() => {
  stops.splice(0).forEach((stop) => stop());
});

describe('docs linked across the windows of this app (linkWindows)', () => {
  it('brings a window that opens later up to date, both ways', async () => {
    const facilitator = windowWith((d) => d.getMap('run').set('projectorView', 'wall'));
    const projector = windowWith((d) => d.getMap('meta').set('title', 'Zo thuis mogelijk!'));
    await until(() => projector.getMap('run').get('projectorView') === 'wall');
    await until(() => facilitator.getMap('meta').get('title') === 'Zo thuis mogelijk!');
  });

  it('passes every change on as it happens, remote ones too, and sends none back', async () => {
    const facilitator = windowWith();
    const projector = windowWith();
    await settle();
    // A third listener hears every message the two windows post from now on.
    const listener = new BroadcastChannel(`bouwplaats-doc:${NAME}`);
    const posted: string[] = [];
    listener.onmessage = (e: MessageEvent<{ type: string }>) => posted.push(e.data.type);
    stops.push(() => listener.close());
    projector.getMap('run').set('projectorView', 'house');
    await until(() => facilitator.getMap('run').get('projectorView') === 'house');
    // A change from the network in the facilitator's window reaches the projector's too.
    const peer = new Y.Doc();
    peer.getMap('run').set('follow', true);
    Y.applyUpdate(facilitator, Y.encodeStateAsUpdate(peer), 'relay');
    await until(() => projector.getMap('run').get('follow') === true);
    await settle();
    // One message per change: neither window sent back what it got from the other.
    expect(posted).toEqual(['update', 'update']);
    expect(projector.getMap('run').toJSON()).toEqual({ projectorView: 'house', follow: true });
  });

  it('keeps three windows the same', async () => {
    const a = windowWith((d) => d.getArray('x').push(['a']));
    const b = windowWith((d) => d.getArray('x').push(['b']));
    const c = windowWith((d) => d.getArray('x').push(['c']));
    await until(() => [a, b, c].every((d) => d.getArray('x').length === 3));
    expect(a.getArray('x').toJSON()).toEqual(c.getArray('x').toJSON());
  });

  it('posts nothing for a change while no other window has the doc', async () => {
    const listener = new BroadcastChannel(`bouwplaats-doc:${NAME}`);
    const seen: string[] = [];
    listener.onmessage = (e: MessageEvent<{ type: string }>) => seen.push(e.data.type);
    try {
      const alone = windowWith();
      for (let i = 0; i < 5; i++) alone.getMap('meta').set('title', `Titel ${i}`);
      await settle();
      expect(seen).toEqual(['hello']);
    } finally {
      listener.close();
    }
  });

  it('stops when unlinked, and ignores messages that are not its own', async () => {
    const facilitator = windowWith();
    const projectorDoc = new Y.Doc();
    const unlink = linkWindows(NAME, projectorDoc);
    await settle();
    const stranger = new BroadcastChannel(`bouwplaats-doc:${NAME}`);
    stranger.postMessage({ type: 'update', update: 'not bytes' });
    stranger.postMessage({ type: 'update', update: new Uint8Array([1, 2, 3, 4, 5]) });
    stranger.postMessage(null);
    stranger.close();
    unlink();
    facilitator.getMap('meta').set('title', 'Na het sluiten');
    await settle();
    expect(projectorDoc.getMap('meta').get('title')).toBeUndefined();
  });
});
