import { readFile } from 'node:fs/promises';

/**
 * Just enough of Source Map v3 to name the functions of a minified bundle in a CPU profile:
 * generated (line, column) → original file, line and name.
 */

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DIGIT = new Map([...BASE64].map((c, i) => [c, i]));

/** [generated column, source index, original line, original column, name index?] */
type Segment = readonly number[];

interface RawMap {
  sources: string[];
  names: string[];
  mappings: string;
}

export interface Original {
  readonly source: string;
  /** 1-based. */
  readonly line: number;
  readonly name?: string;
}

function decodeVlq(text: string): number[] {
  const values: number[] = [];
  let value = 0;
  let shift = 0;
  for (const char of text) {
    const digit = DIGIT.get(char);
    if (digit === undefined) throw new Error(`bad VLQ digit ${char}`);
    value += (digit & 31) << shift;
    if (digit & 32) {
      shift += 5;
    } else {
      values.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = 0;
      shift = 0;
    }
  }
  return values;
}

export class SourceMap {
  private constructor(
    private readonly raw: RawMap,
    private readonly lines: Segment[][],
  ) {}

  static async load(file: string): Promise<SourceMap> {
    const raw = JSON.parse(await readFile(file, 'utf8')) as RawMap;
    const state = [0, 0, 0, 0, 0];
    const lines = raw.mappings.split(';').map((line) => {
      state[0] = 0;
      return line
        .split(',')
        .filter(Boolean)
        .map((chunk) => {
          const fields = decodeVlq(chunk);
          return fields.map((delta, i) => (state[i] = state[i]! + delta));
        });
    });
    return new SourceMap(raw, lines);
  }

  /** Line and column are 0-based, as in a CPU profile's call frame. */
  lookup(line: number, column: number): Original | null {
    const segments = this.lines[line];
    if (!segments) return null;
    let found: Segment | undefined;
    for (const segment of segments) {
      if (segment[0]! > column) break;
      found = segment;
    }
    if (!found || found.length < 4) return null;
    const source = (this.raw.sources[found[1]!] ?? '?').replace(/^(\.\.\/)+/, '');
    const name = found.length > 4 ? this.raw.names[found[4]!] : undefined;
    return { source, line: found[2]! + 1, ...(name ? { name } : {}) };
  }
}
