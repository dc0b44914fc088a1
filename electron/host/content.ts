import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import type { Shape } from '../../shared/schema/docShape';

/**
 * Checks a Yjs update against a doc kind's shape (shared/schema/docShape.ts) before the relay
 * applies it (issue 10, item 2: a board or room doc holds only what its schema allows).
 *
 * Every struct the doc does not hold yet is placed: its parent (a root name, or the shared type it
 * lives in) and its key in that parent. Yjs leaves both out of the encoding when the struct has an
 * origin (a key written again, a character typed after another), so they are taken from the origin,
 * found in the same update or in the doc (the host keeps no pending structs: missing.ts). The struct
 * must fit the shape there: a Y.Map or Y.Text where the shape says so, plain values its field's zod
 * schema accepts, plain characters in a text up to the text's cap; binary, embeds, formatting, JSON
 * and sub-documents never. Deletions are not checked (a doc shrinks by them).
 *
 * A struct that does not fit is replaced by a GC struct of the same length (Yjs's "deleted and
 * collected"), so the rest of the update, the same client's later changes included, still applies:
 * a laptop passes along in its sync answer what it heard from others over WebRTC, and one hostile
 * note among them must not cost the host the others. Whatever was built on a replaced struct (a
 * key inside a refused map, a character after a refused one) becomes GC in Yjs too.
 *
 * Not checked: how many records a map holds and how much the doc holds in all (the byte caps of
 * quota.ts bound both), whether values agree with each other (a note's zone and its position; a
 * roster record's group existing), who wrote what (roles, issue 10 item 1), what a deletion removes.
 */

type Struct = ReturnType<typeof Y.decodeUpdate>['structs'][number];
type DecodedUpdate = ReturnType<typeof Y.decodeUpdate>;

export interface ContentCheck {
  /** The update to apply: the one given when every struct fits, else a copy with the misfits as GC. */
  readonly update: Uint8Array;
  /** Structs replaced. */
  readonly refused: number;
  /** What the first misfit was, for the host's log (English), or null. */
  readonly problem: string | null;
}

/** Where a struct sits: its parent's shape (null: a place the doc may not have) and key. */
interface Place {
  /** Identifies the parent type within this check ("root:<name>" or "<client>:<clock>"). */
  readonly parent: string;
  readonly shape: Shape | null;
  readonly sub: string | null;
  /** The parent type when the doc holds it already (for a text's current length). */
  readonly type: Y.AbstractType<unknown> | null;
}

/** A place that cannot be worked out: the struct waits for predecessors and is dropped (missing.ts). */
const UNKNOWN = 'unknown';
/** Placed after or inside something collected: Yjs collects it too, whatever it holds. */
const COLLECTED = 'collected';
type Placement = Place | typeof UNKNOWN | typeof COLLECTED;

/** How deep the host follows nested types; ours are three deep (notes → note → text). */
const MAX_DEPTH = 8;

function isTextType(type: Y.AbstractType<unknown>): boolean {
  return type.constructor === Y.Text;
}

function fitsType(shape: Shape, type: Y.AbstractType<unknown>): boolean {
  return (shape.kind === 'map' && type.constructor === Y.Map) || (shape.kind === 'text' && isTextType(type));
}

/** The shape under `sub` in a parent of shape `parent` (a map's key; a text's characters: null sub). */
function childShape(parent: Shape | null, sub: string | null): Shape | null {
  if (!parent) return null;
  if (parent.kind === 'map') return sub === null ? null : parent.entry(sub);
  return null;
}

/**
 * Checks `decoded` (Y.decodeUpdate of `update`) against `roots` (the doc kind's root shapes) and
 * what `doc` holds. See the file comment.
 */
export function checkContent(doc: Y.Doc, roots: Readonly<Record<string, Shape>>, update: Uint8Array, decoded: DecodedUpdate): ContentCheck {
  const { structs } = decoded;
  const { store } = doc;
  const fresh = (s: Struct) => s.id.clock + s.length > Y.getState(store, s.id.client);

  // The update's items by client, in clock order (as decodeUpdate yields them), to find origins.
  const byClient = new Map<number, Y.Item[]>();
  for (const s of structs) {
    if (!(s instanceof Y.Item)) continue;
    let list = byClient.get(s.id.client);
    if (!list) byClient.set(s.id.client, (list = []));
    list.push(s);
  }
  const inUpdate = (id: Y.ID): Y.Item | null => {
    const list = byClient.get(id.client);
    if (!list) return null;
    let lo = 0;
    let hi = list.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const item = list[mid]!;
      if (id.clock < item.id.clock) hi = mid - 1;
      else if (id.clock >= item.id.clock + item.length) lo = mid + 1;
      else return item;
    }
    return null;
  };
  /** The struct the doc holds at `id`, or null when it holds nothing there yet. */
  const inDoc = (id: Y.ID): Y.Item | Y.GC | null => (id.clock < Y.getState(store, id.client) ? (Y.getItem(store, id) as Y.Item | Y.GC) : null);

  const typeShapes = new Map<string, Shape | null | typeof COLLECTED>();
  const placements = new Map<Y.Item, Placement>();
  const refusedItems = new Set<Y.Item>();

  /**
   * The shape of a type the doc holds (its holder is integrated: its parent is a type). COLLECTED
   * when it was deleted: what goes into it is deleted with it (a laptop typing into a note someone
   * else just removed is honest).
   */
  const shapeOfDocType = (type: Y.AbstractType<unknown>, depth: number): Shape | null | typeof COLLECTED => {
    const holder = type._item;
    const key = holder ? `${holder.id.client}:${holder.id.clock}` : `root:${Y.findRootTypeKey(type)}`;
    if (typeShapes.has(key)) return typeShapes.get(key)!;
    let shape: Shape | null | typeof COLLECTED;
    if (!holder) shape = roots[Y.findRootTypeKey(type)] ?? null;
    else if (holder.deleted) shape = COLLECTED;
    else if (depth > MAX_DEPTH) shape = null;
    else {
      const parent = shapeOfDocType(holder.parent as Y.AbstractType<unknown>, depth + 1);
      shape = parent === COLLECTED ? COLLECTED : childShape(parent, holder.parentSub);
    }
    // A root type has no class of its own until a reader asks for it (doc.getMap): the host never
    // does. Its shape is kept by what goes into it (a map's entries all have a key).
    if (holder && shape && shape !== COLLECTED && !fitsType(shape, type)) shape = null;
    typeShapes.set(key, shape);
    return shape;
  };
  /** A place in a type the doc holds. */
  const placeInDocType = (type: Y.AbstractType<unknown>, sub: string | null, depth: number): Placement => {
    const shape = shapeOfDocType(type, depth);
    if (shape === COLLECTED) return COLLECTED;
    const holder = type._item;
    return { parent: holder ? `${holder.id.client}:${holder.id.clock}` : `root:${Y.findRootTypeKey(type)}`, shape, sub, type };
  };

  /** Where `item` (of this update) sits; follows origins iteratively (a pasted text is a long chain). */
  const placeOf = (start: Y.Item, depth: number): Placement => {
    const chain = new Set<Y.Item>();
    let item: Y.Item = start;
    let found: Placement | undefined;
    while (found === undefined) {
      const known = placements.get(item);
      if (known !== undefined) {
        found = known;
        break;
      }
      chain.add(item);
      const { parent } = item;
      if (typeof parent === 'string') {
        found = { parent: `root:${parent}`, shape: roots[parent] ?? null, sub: item.parentSub, type: (doc.share.get(parent) as Y.AbstractType<unknown> | undefined) ?? null };
      } else if (parent instanceof Y.ID) {
        found = placeIn(parent, item.parentSub, depth);
      } else {
        const ref = item.origin ?? item.rightOrigin;
        const next = ref ? inUpdate(ref) : null;
        // A chain of origins that comes back on itself never integrates.
        if (next && chain.has(next)) {
          found = UNKNOWN;
          break;
        }
        if (next) {
          item = next;
          continue;
        }
        const held = ref ? inDoc(ref) : null;
        if (!held) found = UNKNOWN;
        else if (held instanceof Y.GC) found = COLLECTED;
        else found = placeInDocType(held.parent as Y.AbstractType<unknown>, held.parentSub, depth + 1);
      }
    }
    for (const each of chain) placements.set(each, found);
    return found;
  };

  /** Where a struct whose parent is the type held by the item at `typeId` sits. */
  const placeIn = (typeId: Y.ID, sub: string | null, depth: number): Placement => {
    const key = `${typeId.client}:${typeId.clock}`;
    const own = inUpdate(typeId);
    if (own) {
      if (depth > MAX_DEPTH || !(own.content instanceof Y.ContentType) || refusedItems.has(own)) return { parent: key, shape: null, sub, type: null };
      const at = placeOf(own, depth + 1);
      if (at === UNKNOWN || at === COLLECTED) return at;
      const shape = childShape(at.shape, at.sub);
      return { parent: key, shape: shape && fitsType(shape, own.content.type) ? shape : null, sub, type: null };
    }
    const held = inDoc(typeId);
    if (!held) return UNKNOWN;
    if (held instanceof Y.GC || !(held.content instanceof Y.ContentType)) return COLLECTED;
    return placeInDocType(held.content.type, sub, depth + 1);
  };

  /** Text characters this update adds per text, against its cap. */
  const textAdded = new Map<string, number>();
  let problem: string | null = null;

  const fits = (item: Y.Item): boolean => {
    const at = placeOf(item, 0);
    if (at === UNKNOWN || at === COLLECTED) return true;
    const { content } = item;
    const where = () => `${at.parent.startsWith('root:') ? at.parent.slice(5) : 'a nested type'}${at.sub === null ? '' : `.${at.sub}`}`;
    const refuse = (why: string) => {
      problem ??= `${why} at ${where()}`;
      return false;
    };
    if (at.shape === null) return refuse('a place the doc does not have');
    if (at.shape.kind === 'text') {
      if (at.sub !== null) return refuse('a key in a text');
      if (content instanceof Y.ContentDeleted) return true;
      if (!(content instanceof Y.ContentString)) return refuse(`${content.constructor.name} in a text`);
      // Only what the doc lacks of the struct is new (an update may repeat what it holds).
      const skip = Math.max(0, Y.getState(store, item.id.client) - item.id.clock);
      const added = (textAdded.get(at.parent) ?? 0) + content.getLength() - skip;
      textAdded.set(at.parent, added);
      const current = at.type && isTextType(at.type) ? (at.type as Y.Text).length : 0;
      return current + added <= at.shape.maxLength ? true : refuse(`a text over ${at.shape.maxLength} characters`);
    }
    const slot = childShape(at.shape, at.sub);
    if (slot === null) return refuse('a key the doc does not have');
    if (content instanceof Y.ContentDeleted) return true;
    if (content instanceof Y.ContentType) return fitsType(slot, content.type) ? true : refuse(`a ${content.type.constructor.name} where the doc has another type`);
    if (content instanceof Y.ContentAny) {
      if (slot.kind !== 'value') return refuse('a plain value where the doc has a shared type');
      return content.arr.every((v) => slot.valid(v)) ? true : refuse('a value its schema does not allow');
    }
    return refuse(`${content.constructor.name} content`);
  };

  for (const s of structs) {
    if (!(s instanceof Y.Item) || !fresh(s)) continue;
    if (!fits(s)) refusedItems.add(s);
  }
  if (refusedItems.size === 0) return { update, refused: 0, problem: null };
  return { update: withCollected(decoded, refusedItems), refused: refusedItems.size, problem };
}

/** `decoded` encoded again (update format v1) with each of `refused` replaced by GC of its length. */
function withCollected(decoded: DecodedUpdate, refused: ReadonlySet<Y.Item>): Uint8Array {
  const groups = new Map<number, Struct[]>();
  for (const s of decoded.structs) {
    let list = groups.get(s.id.client);
    if (!list) groups.set(s.id.client, (list = []));
    list.push(s instanceof Y.Item && refused.has(s) ? new Y.GC(s.id, s.length) : s);
  }
  const encoder = new Y.UpdateEncoderV1();
  const rest = encoder.restEncoder;
  encoding.writeVarUint(rest, groups.size);
  for (const [client, list] of groups) {
    encoding.writeVarUint(rest, list.length);
    encoder.writeClient(client);
    encoding.writeVarUint(rest, list[0]!.id.clock);
    for (const s of list) s.write(encoder, 0);
  }
  const { clients } = decoded.ds;
  encoding.writeVarUint(rest, clients.size);
  for (const [client, ranges] of clients) {
    encoder.resetDsCurVal();
    encoding.writeVarUint(rest, client);
    encoding.writeVarUint(rest, ranges.length);
    for (const { clock, len } of ranges) {
      encoder.writeDsClock(clock);
      encoder.writeDsLen(len);
    }
  }
  return encoder.toUint8Array();
}
