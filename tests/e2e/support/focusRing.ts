import type { Locator, Page } from 'playwright-core';
import { saveScreenshot } from './screenshots';

/**
 * Where the keyboard is, and whether a sighted keyboard user can see it: the focused element's
 * ring (an outline, a box-shadow or a bordered ::before/::after, whichever its styles draw), found
 * in a screenshot of the screen as it is, not only in its styles, and its contrast against what
 * lies next to it on screen (WCAG 2.1 1.4.11: 3:1 for the parts of a control that show its state;
 * 2.4.7: focus visible). A ring that is clipped by a scrolling box, covered by something else,
 * too thin or too pale fails here just as a missing one does.
 */

/** The least contrast of a focus ring against what is next to it (WCAG 2.1 1.4.11). */
export const RING_CONTRAST = 3;
/** The thinnest ring that counts as visible, in CSS px (WCAG 2.2 2.4.11 asks for 2). */
const RING_MIN_PX = 2;
/** Share of the ring's band that must show the ring's colour in the screenshot. */
const RING_SEEN_SHARE = 0.6;
/** How far a screen pixel may lie from the ring's colour (per channel, 0–255) and still be the ring. */
const COLOUR_TOLERANCE = 40;

type Rgb = readonly [number, number, number];

/** A rectangle in CSS px of the viewport. */
interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** What the page says of its focused element and its ring (geometry in CSS px). */
interface RingGeometry {
  /** Tag, role, name: how a failure names the element. */
  what: string;
  /** Nothing focused: the keyboard fell back to the page body. */
  lost: boolean;
  box: Box;
  /** The box's corner radius (px): the ring follows it. */
  radius: number;
  /** The ring's band lies between `outer` and `inner` (both relative to `box`: + grows outward). */
  ring: { source: string; colour: Rgb; outer: number; inner: number } | null;
  inViewport: boolean;
}

/** What was found about one focused element. */
export interface RingCheck {
  what: string;
  /** Empty when the ring is fine. */
  problem: string;
  contrast: number;
}

/** Reads the focused element's ring from its computed styles (in the page). */
function readGeometry(page: Page): Promise<RingGeometry> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    const parse = (c: string): [number, number, number, number] => {
      const n = (c.match(/[\d.]+/g) ?? []).map(Number);
      return [n[0] ?? 0, n[1] ?? 0, n[2] ?? 0, n[3] ?? 1];
    };
    if (!el || el === document.body || el === document.documentElement) {
      return { what: 'body', lost: true, box: { x: 0, y: 0, width: 0, height: 0 }, radius: 0, ring: null, inViewport: false };
    }
    const name = (el.getAttribute('aria-label') ?? (el as HTMLInputElement).labels?.[0]?.textContent ?? el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 60);
    const what = `${el.tagName.toLowerCase()}${el.getAttribute('role') ? `[role=${el.getAttribute('role')}]` : ''}${el.className && typeof el.className === 'string' ? `.${el.className.trim().split(/\s+/).join('.')}` : ''} “${name}”`;
    const rect = el.getBoundingClientRect();
    const box = { x: rect.x, y: rect.y, width: rect.width, height: rect.height };
    const inViewport = rect.bottom > 0 && rect.right > 0 && rect.top < window.innerHeight && rect.left < window.innerWidth;
    const style = getComputedStyle(el);
    let ring: RingGeometry['ring'] = null;
    const outlineWidth = parseFloat(style.outlineWidth);
    if (style.outlineStyle !== 'none' && outlineWidth > 0) {
      const offset = parseFloat(style.outlineOffset) || 0;
      const [r, g, b] = parse(style.outlineColor);
      ring = { source: 'outline', colour: [r, g, b], outer: offset + outlineWidth, inner: offset };
    }
    if (!ring && style.boxShadow && style.boxShadow !== 'none') {
      // "rgb(r, g, b) 0px 0px 0px 3px [inset]": the first shadow with a spread.
      for (const shadow of style.boxShadow.split(/,(?![^(]*\))/)) {
        const colour = parse(shadow.match(/rgba?\([^)]*\)/)?.[0] ?? '');
        const lengths = (shadow.replace(/rgba?\([^)]*\)/, '').match(/-?[\d.]+px/g) ?? []).map(parseFloat);
        const spread = lengths[3] ?? 0;
        if (spread <= 0 || colour[3] < 0.5) continue;
        const inset = /inset/.test(shadow);
        ring = { source: 'box-shadow', colour: [colour[0], colour[1], colour[2]], outer: inset ? 0 : spread, inner: inset ? -spread : 0 };
        break;
      }
    }
    const radiusText = style.borderTopLeftRadius;
    const radius = Math.min(radiusText.endsWith('%') ? (parseFloat(radiusText) / 100) * Math.min(rect.width, rect.height) : parseFloat(radiusText) || 0, rect.width / 2, rect.height / 2);
    if (!ring) {
      for (const pseudo of ['::after', '::before']) {
        const p = getComputedStyle(el, pseudo);
        const width = parseFloat(p.borderTopWidth);
        if (p.content === 'none' || p.borderTopStyle === 'none' || !(width > 0)) continue;
        // A frame laid over the element (position: absolute; inset: n).
        const inset = parseFloat(p.top) || 0;
        const [r, g, b] = parse(p.borderTopColor);
        ring = { source: pseudo, colour: [r, g, b], outer: -inset, inner: -inset - width };
        break;
      }
    }
    if (!ring) {
      // A field drawn in the focus colour itself (the note editor): its border is the ring.
      const width = parseFloat(style.borderTopWidth);
      // Both colours through a canvas's fillStyle, which writes any CSS colour one way ("#rrggbb").
      const ctx = new OffscreenCanvas(1, 1).getContext('2d')!;
      const hex = (css: string) => {
        ctx.fillStyle = '#000000';
        ctx.fillStyle = css.trim();
        return ctx.fillStyle;
      };
      const focusColour = style.getPropertyValue('--focus');
      if (style.borderTopStyle !== 'none' && width > 0 && focusColour && hex(style.borderTopColor) === hex(focusColour)) {
        const [r, g, b] = parse(style.borderTopColor);
        ring = { source: 'border in the focus colour', colour: [r, g, b], outer: 0, inner: -width };
      }
    }
    return { what, lost: false, box, radius, ring, inViewport };
  });
}

/** What the screenshot around the ring shows: how much of its band is its colour, and what lies next to it. */
interface RingPixels {
  /** Share of the ring's band (pixels) in the ring's colour. */
  share: number;
  /** Colours next to the ring, "r,g,b" → pixels: just outside it, and in the gap or edge just inside it. */
  outside: Record<string, number>;
  inside: Record<string, number>;
}

/** A screenshot of part of the screen: where it lies (CSS px) and the PNG. */
interface Strip {
  x: number;
  y: number;
  png: string;
}

/**
 * Reads screenshots of the ring in the page (createImageBitmap takes a Blob: no URL, so no CSP
 * question, and only a few figures come back).
 */
function readRingPixels(page: Page, strips: Strip[], box: Box, radius: number, ring: NonNullable<RingGeometry['ring']>): Promise<RingPixels> {
  return page.evaluate(
    async ({ strips, box, radius, ring, tolerance }) => {
      // How far (x, y) lies outside the box with its rounded corners (negative: inside); a ring
      // drawn `d` px out follows the corners with radius + d, which is where this is d.
      const cx = box.x + box.width / 2;
      const cy = box.y + box.height / 2;
      const distance = (x: number, y: number) => {
        const qx = Math.abs(x - cx) - (box.width / 2 - radius);
        const qy = Math.abs(y - cy) - (box.height / 2 - radius);
        return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - radius;
      };
      let band = 0;
      let seen = 0;
      const outside: Record<string, number> = {};
      const inside: Record<string, number> = {};
      for (const strip of strips) {
        const bytes = Uint8Array.from(atob(strip.png), (c) => c.charCodeAt(0));
        const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
        const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
        const ctx = canvas.getContext('2d')!;
        ctx.drawImage(bitmap, 0, 0);
        const data = ctx.getImageData(0, 0, bitmap.width, bitmap.height).data;
        for (let py = 0; py < bitmap.height; py++) {
          for (let px = 0; px < bitmap.width; px++) {
            // The centre of this pixel in CSS px (screenshots here are at scale 1); half a pixel
            // of slack each way, for where the ring is snapped to whole pixels.
            const d = distance(strip.x + px + 0.5, strip.y + py + 0.5);
            const i = (py * bitmap.width + px) * 4;
            if (d >= ring.inner + 0.5 && d < ring.outer - 0.5) {
              band++;
              if ([0, 1, 2].every((c) => Math.abs(data[i + c]! - ring.colour[c]!) <= tolerance)) seen++;
              continue;
            }
            const side = d >= ring.outer + 1 && d < ring.outer + 2.5 ? outside : d >= ring.inner - 1.5 && d < ring.inner - 0.5 ? inside : null;
            if (side) {
              const key = `${data[i]},${data[i + 1]},${data[i + 2]}`;
              side[key] = (side[key] ?? 0) + 1;
            }
          }
        }
      }
      return { share: band === 0 ? 0 : seen / band, outside, inside };
    },
    { strips, box, radius, ring, tolerance: COLOUR_TOLERANCE },
  );
}

/**
 * Screenshots of the frame around `box` where the ring and what is next to it lie, `outer` px
 * out to `inner` px in (negative: inside the box), clipped to the viewport: the whole clip when
 * the box is small, else four strips (a board is 1000 px wide; its inside says nothing here).
 */
async function frameStrips(page: Page, box: Box, outer: number, inner: number): Promise<Strip[]> {
  const viewport = page.viewportSize()!;
  const x0 = Math.max(0, Math.floor(box.x - outer));
  const y0 = Math.max(0, Math.floor(box.y - outer));
  const x1 = Math.min(viewport.width, Math.ceil(box.x + box.width + outer));
  const y1 = Math.min(viewport.height, Math.ceil(box.y + box.height + outer));
  const depth = Math.ceil(outer - inner);
  const clips =
    x1 - x0 <= 4 * depth || y1 - y0 <= 4 * depth
      ? [{ x: x0, y: y0, width: x1 - x0, height: y1 - y0 }]
      : [
          { x: x0, y: y0, width: x1 - x0, height: depth },
          { x: x0, y: y1 - depth, width: x1 - x0, height: depth },
          { x: x0, y: y0 + depth, width: depth, height: y1 - y0 - 2 * depth },
          { x: x1 - depth, y: y0 + depth, width: depth, height: y1 - y0 - 2 * depth },
        ];
  const strips: Strip[] = [];
  for (const clip of clips) {
    if (clip.width <= 0 || clip.height <= 0) continue;
    const png = await page.screenshot({ clip, animations: 'disabled', caret: 'hide' });
    strips.push({ x: clip.x, y: clip.y, png: png.toString('base64') });
  }
  return strips;
}

function luminance([r, g, b]: Rgb): number {
  const lin = (v: number) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

/** WCAG 2 contrast ratio of two colours. */
export function contrastRatio(a: Rgb, b: Rgb): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/**
 * Checks the ring of whatever has the keyboard now on `page`: present, at least 2 px, seen on
 * screen over most of its length in its own colour, and 3:1 against the colours along one side of
 * it (outside, or in the gap or edge inside).
 */
export async function checkFocusRing(page: Page): Promise<RingCheck> {
  const g = await readGeometry(page);
  if (g.lost) return { what: g.what, problem: 'the keyboard is on the page itself: nothing has focus', contrast: 0 };
  if (!g.ring) return { what: g.what, problem: 'no focus ring (no outline, box-shadow or framed ::after)', contrast: 0 };
  const { ring } = g;
  if (ring.outer - ring.inner < RING_MIN_PX) return { what: g.what, problem: `ring ${ring.outer - ring.inner} px thin (${ring.source})`, contrast: 0 };
  if (!g.inViewport) return { what: g.what, problem: 'focused element is off screen', contrast: 0 };

  // The ring, 3 px beyond it, and 3 px inside it (the gap, or the box's own edge).
  const strips = await frameStrips(page, g.box, Math.max(ring.outer, 0) + 3, Math.min(ring.inner, 0) - 3);
  const { share, outside, inside } = await readRingPixels(page, strips, g.box, g.radius, ring);
  // Along one of its sides the ring must stand out all the way round: against every colour that
  // takes up a real part of that side (not the odd anti-aliased pixel or a letter's edge). A ring
  // between a white frame and a dark button is seen by its dark side.
  const sideContrast = (colours: Record<string, number>) => {
    const total = Object.values(colours).reduce((a, b) => a + b, 0);
    let least = total === 0 ? 0 : Infinity;
    for (const [key, count] of Object.entries(colours)) {
      if (count >= total * 0.1) least = Math.min(least, contrastRatio(ring.colour, key.split(',').map(Number) as unknown as Rgb));
    }
    return least;
  };
  const contrast = Math.max(sideContrast(outside), sideContrast(inside));
  const problems: string[] = [];
  if (share < RING_SEEN_SHARE) problems.push(`ring (${ring.source}) seen on ${Math.round(share * 100)} % of its band: covered, clipped or not drawn`);
  if (contrast < RING_CONTRAST) problems.push(`ring contrast ${contrast.toFixed(2)}:1 against what is next to it`);
  return { what: g.what, problem: problems.join('; '), contrast };
}

/**
 * A keyboard-only user on one page: every key goes through here, and after each one the ring of
 * whatever has the keyboard is checked. Problems are collected (with a screenshot of the screen
 * as it was) so that one run lists every place to fix; `problems` is what a test asserts empty.
 */
export class KeyboardUser {
  /** Every problem found so far (see takeProblems). */
  readonly problems: string[] = [];
  /** Every element that had the keyboard, in order (what + contrast), for the report. */
  readonly visited: string[] = [];
  private shots = 0;

  constructor(
    readonly page: Page,
    readonly who: string,
  ) {}

  /** The problems found since the last call: what one step of a test asserts empty. */
  takeProblems(): string[] {
    return this.problems.splice(0);
  }

  /** Presses `key` (as Playwright names it) and checks the ring of what then has the keyboard. */
  async press(key: string, options: { check?: boolean } = {}): Promise<void> {
    await this.page.keyboard.press(key);
    if (options.check !== false) await this.check(key);
  }

  /** Types text into whatever has the keyboard. */
  async type(text: string): Promise<void> {
    await this.page.keyboard.type(text);
  }

  /** Checks the ring of what has the keyboard now, after `how`. */
  async check(how = ''): Promise<RingCheck> {
    // A frame for the styles of the new focus to apply.
    await this.page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    const result = await checkFocusRing(this.page);
    this.visited.push(`${result.what} ${result.contrast.toFixed(1)}`);
    if (result.problem) {
      const shot = `focus-problem-${this.who}-${++this.shots}`;
      await saveScreenshot(this.page, shot).catch(() => undefined);
      this.problems.push(`${this.who}, after ${how}: ${result.what}: ${result.problem} (${shot}.png)`);
    }
    return result;
  }

  /** Whether `target` has the keyboard. */
  async has(target: Locator): Promise<boolean> {
    return target.evaluate((el) => el === document.activeElement || el.contains(document.activeElement)).catch(() => false);
  }

  /**
   * Presses Tab (Shift+Tab when `back`) until `target` has the keyboard, checking the ring at every
   * stop; throws when it does not come within `max` presses (unreachable by keyboard).
   */
  async tabTo(target: Locator, options: { back?: boolean; max?: number } = {}): Promise<void> {
    const max = options.max ?? 60;
    for (let i = 0; i < max; i++) {
      if (await this.has(target)) return;
      await this.press(options.back ? 'Shift+Tab' : 'Tab');
    }
    if (await this.has(target)) return;
    throw new Error(`${this.who}: ${target.toString()} not reached with ${max} × ${options.back ? 'Shift+Tab' : 'Tab'} (last: ${this.visited.slice(-5).join(' | ')})`);
  }

  /** A screenshot of the screen with its focus, under a name of our own. */
  async screenshot(name: string): Promise<void> {
    await saveScreenshot(this.page, name);
  }
}
