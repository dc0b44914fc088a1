import { z } from 'zod';

/** A point in board (world) coordinates. */
export interface Point {
  readonly x: number;
  readonly y: number;
}

export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** Text in each UI language; templates are data, so their labels travel with them. */
export const LocalizedText = z.object({ nl: z.string().min(1), en: z.string().min(1) });
export type LocalizedText = z.infer<typeof LocalizedText>;

const PointSchema = z.object({ x: z.number().finite(), y: z.number().finite() });
const RectSchema = z.object({
  x: z.number().finite(),
  y: z.number().finite(),
  width: z.number().positive(),
  height: z.number().positive(),
});

/**
 * One part of a board drawing that notes can lie in (the roof of the house, say).
 * The zone's shape is a polygon so new templates (a pyramid, a poster) are new data, not code.
 */
export const ZoneSchema = z.object({
  id: z.string().regex(/^[a-z][a-z0-9-]{0,31}$/),
  label: LocalizedText,
  /** Short subtitle shown under the label, e.g. "kennis en kunde". */
  subtitle: LocalizedText,
  /**
   * The question a new session starts with for this zone, in each UI language: a session is
   * prefilled in the language the facilitator uses when creating it (and can edit it later).
   */
  defaultQuestion: LocalizedText,
  polygon: z.array(PointSchema).min(3),
  /** Fill colour of the zone on the canvas. */
  fill: z.string(),
  /** Where the zone's label and question are drawn (top-left of the text block). */
  labelAt: PointSchema,
  labelWidth: z.number().positive(),
  /** Height of the label block; notes added with the keyboard go below it. */
  labelHeight: z.number().positive(),
});
export type Zone = z.infer<typeof ZoneSchema>;

export const BoardTemplateSchema = z.object({
  id: z.string().min(1),
  name: LocalizedText,
  /**
   * Zones in priority order: a point on the border of two zones belongs to the one listed first.
   */
  zones: z.array(ZoneSchema).min(1),
  /** The rectangle around the drawing and the parking; "fit to screen" shows it. */
  bounds: RectSchema,
  /** A marked place beside the drawing for notes that fit no zone yet (they are "parked"). */
  parking: RectSchema,
});
export type BoardTemplate = z.infer<typeof BoardTemplateSchema>;

/** Where a note lies when it is outside every zone. */
export const PARKED = 'parked' as const;
export type ZoneId = string;
export type Placement = ZoneId | typeof PARKED;
