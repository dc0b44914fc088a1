import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ZO_THUIS_MOGELIJK as SAMPLE } from '../../shared/sample/zoThuisMogelijk';
import { rendererAndBrowser } from './support/host';
import { saveScreenshot } from './support/screenshots';

/**
 * The notes panel as a screen reader hears it (issue 10: "the notes panel is a complete outline
 * for screen readers"; DESIGN: blind and low-vision users preferred a structured outline, part →
 * notes, over a canvas). Read through Chromium's accessibility tree (Playwright's aria snapshot),
 * on group 3 of the sample session: notes with a name and a domain, one with a domain only (a
 * parent who gave no name) and one with neither.
 */

/** The domains as the Dutch UI names them (what the listener hears). */
const DOMAIN_WORDS: Record<string, string> = {
  gezin: 'Gezin',
  'lokaal-team': 'Lokaal team',
  zorgaanbieder: 'Zorgaanbieder',
  'ouder-ervaringsdeskundige': 'Ouder / ervaringsdeskundige',
};

/** One part of the outline as heard: its heading and the names of its notes (or what it says instead). */
interface HeardPart {
  heading: string;
  level: number;
  list: string | null;
  notes: string[];
  empty: string | null;
}

/**
 * Reads an aria snapshot (Playwright's YAML of the accessibility tree) of the panel into parts:
 * a level-3 heading, then the list named by it with a button per note, or a line saying it is empty.
 */
function outline(snapshot: string): { landmark: string; title: string; parts: HeardPart[] } {
  const tree = parse(snapshot) as unknown[];
  const [root] = tree as Record<string, unknown[]>[];
  const landmark = Object.keys(root!)[0]!;
  const children = root![landmark]!;
  let title = '';
  const parts: HeardPart[] = [];
  for (const child of children) {
    if (typeof child === 'string') {
      const heading = /^heading "(.*)" \[level=(\d)\]$/.exec(child);
      if (heading && heading[2] === '2') title = heading[1]!;
      else if (heading) parts.push({ heading: heading[1]!, level: Number(heading[2]), list: null, notes: [], empty: null });
      continue;
    }
    const [key, value] = Object.entries(child as Record<string, unknown>)[0]!;
    const part = parts.at(-1)!;
    if (key.startsWith('paragraph')) part.empty = String(value);
    const list = /^list "(.*)"$/.exec(key);
    if (!list) continue;
    part.list = list[1]!;
    for (const item of value as Record<string, unknown[]>[]) {
      // A button is a line, or a key over what it shows (its words and writer, seen).
      const [entry] = item.listitem!;
      const button = typeof entry === 'string' ? entry : Object.keys(entry as object)[0]!;
      const named = /^button "(.*)"( \[pressed\])?$/.exec(button);
      part.notes.push(named ? named[1]! : `not a button: ${button}`);
    }
  }
  return { landmark, title, parts };
}

describe('the notes panel, as a screen reader hears it', () => {
  const env = rendererAndBrowser();

  it('is an outline: each part a heading and a list named by it, each note its words and who wrote it', async () => {
    const page = await env.chromium.page();
    await page.goto(env.host.url);
    await page.getByRole('button', { name: 'Voorbeeldsessie openen' }).click();
    await page.getByRole('heading', { name: SAMPLE.draft.title }).waitFor();
    await page.locator('.group-card', { hasText: 'Groep 3' }).click();
    await page.getByRole('application').waitFor();
    const group = SAMPLE.groups[2]!;
    const panel = page.getByRole('complementary', { name: 'Overzicht' });
    await expect.poll(() => panel.getByRole('button').count()).toBe(group.notes.length);

    const heard = outline(await panel.ariaSnapshot());
    expect(heard.landmark).toBe('complementary "Overzicht"');
    expect(heard.title).toBe('Overzicht');
    // The parts as the house is read, top down, then the parking place; each list named by its part.
    expect(heard.parts.map((p) => [p.heading, p.level, p.list])).toEqual([
      ['Dak (5)', 3, 'Dak (5)'],
      ['Muren (5)', 3, 'Muren (5)'],
      ['Fundament (4)', 3, 'Fundament (4)'],
      ['Parkeerplaats (0)', 3, null],
    ]);
    expect(heard.parts[3]!.empty).toBe('Nog geen notities');

    // Every note, in its part, with its writer's name and domain as far as they are known.
    const people = new Map(group.people.map((p) => [p.key, p]));
    const said = (text: string, by: string) => {
      const person = people.get(by)!;
      const domain = person.domain ? DOMAIN_WORDS[person.domain]! : '';
      if (person.name && domain) return `${text}, van ${person.name}, ${domain}`;
      if (person.name) return `${text}, van ${person.name}`;
      if (domain) return `${text}, domein: ${domain}`;
      return text;
    };
    const zones = ['roof', 'walls', 'foundation'] as const;
    zones.forEach((zone, i) => {
      const wanted = group.notes.filter((n) => n.zone === zone).map((n) => said(n.text, n.by));
      expect([...heard.parts[i]!.notes].sort(), zone).toEqual(wanted.sort());
    });
    // The three kinds of writer, word for word.
    const all = heard.parts.flatMap((p) => p.notes);
    expect(all).toContain('Zorg dat onderwijs ook betrokken wordt, van Jeroen, Lokaal team');
    expect(all).toContain('Samen met het gezin het plan maken, domein: Gezin');
    expect(all).toContain('Tijd en ruimte van leidinggevenden');

    // Selecting a note is heard as pressed; sighted users see the writer under the words.
    await panel.getByRole('button', { name: /^Ouders zijn deskundig/ }).click();
    expect(await panel.getByRole('button', { name: /^Ouders zijn deskundig/ }).ariaSnapshot()).toMatch(
      /^- button "Ouders zijn deskundig over hun eigen kind, van Ilse, Ouder \/ ervaringsdeskundige" \[pressed\]/,
    );
    expect(await panel.locator('.panel-note', { hasText: 'Ouders zijn deskundig' }).locator('.panel-author').innerText()).toContain('Ilse · Ouder / ervaringsdeskundige');
    await saveScreenshot(panel, 'notes-outline-panel');
  });
});
