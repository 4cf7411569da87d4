import { z } from 'zod';
import { defineChannel, defineEvent } from '../channel.js';
import { SEGMENT_TYPES, type RundownState, type Show } from '../../domain/rundown.js';

const id = z.number().int().positive();
const plannedSeconds = z.number().int().min(0).max(24 * 3600).nullable();

export const newRundownItemSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('product'), productId: id, variantId: id.nullable().default(null) }).strict(),
  z
    .object({
      kind: z.literal('segment'),
      segmentType: z.enum(SEGMENT_TYPES),
      title: z.string().trim().min(1, 'Give the segment a title.').max(120),
      notes: z.string().max(2000).default(''),
      plannedSeconds: plannedSeconds.default(null),
    })
    .strict(),
]);

export const rundownChannels = {
  listShows: defineChannel<Show[]>()('studio:rundown:list-shows', z.undefined()),
  createShow: defineChannel<Show>()(
    'studio:rundown:create-show',
    z
      .object({
        name: z.string().trim().min(1, 'Give the show a name.').max(120),
        scheduledStart: z.number().int().nullable().default(null),
        /** A rehearsal (docs/practice.md). */
        practice: z.boolean().default(false),
      })
      .strict(),
  ),
  updateShow: defineChannel<Show>()(
    'studio:rundown:update-show',
    z
      .object({
        showId: id,
        name: z.string().trim().min(1, 'Give the show a name.').max(120).optional(),
        scheduledStart: z.number().int().nullable().optional(),
        practice: z.boolean().optional(),
      })
      .strict(),
  ),
  deleteShow: defineChannel<{ deleted: boolean }>()('studio:rundown:delete-show', z.object({ showId: id }).strict()),
  /** Copies a show's rundown (not its live cursor) into a new show: shows as templates. */
  duplicateShow: defineChannel<Show>()(
    'studio:rundown:duplicate-show',
    z.object({ showId: id, name: z.string().trim().min(1).max(120) }).strict(),
  ),
  /** The show open in the rundown panel (remembered across restarts); null when there is none. */
  getActiveRundown: defineChannel<RundownState | null>()('studio:rundown:get-active', z.undefined()),
  setActiveShow: defineChannel<RundownState>()('studio:rundown:set-active-show', z.object({ showId: id }).strict()),
  getRundown: defineChannel<RundownState>()('studio:rundown:get', z.object({ showId: id }).strict()),
  addRundownItems: defineChannel<RundownState>()(
    'studio:rundown:add-items',
    z
      .object({
        showId: id,
        items: z.array(newRundownItemSchema).min(1).max(500),
        /** Insert before this position; default: at the end. */
        position: z.number().int().min(0).optional(),
      })
      .strict(),
  ),
  updateRundownItem: defineChannel<RundownState>()(
    'studio:rundown:update-item',
    z
      .object({
        itemId: id,
        title: z.string().trim().min(1).max(120).optional(),
        notes: z.string().max(2000).optional(),
        plannedSeconds: plannedSeconds.optional(),
      })
      .strict(),
  ),
  removeRundownItem: defineChannel<RundownState>()('studio:rundown:remove-item', z.object({ itemId: id }).strict()),
  moveRundownItem: defineChannel<RundownState>()(
    'studio:rundown:move-item',
    z.object({ itemId: id, toPosition: z.number().int().min(0) }).strict(),
  ),
  /** Makes an item current (null: back to "not started"). */
  setRundownCursor: defineChannel<RundownState>()(
    'studio:rundown:set-cursor',
    z.object({ showId: id, itemId: id.nullable() }).strict(),
  ),
  /** Next or previous item; next on the last item keeps it current. */
  advanceRundown: defineChannel<RundownState>()(
    'studio:rundown:advance',
    z.object({ showId: id, direction: z.enum(['next', 'previous']).default('next') }).strict(),
  ),
} as const;

export const rundownEvents = {
  /**
   * The active show's rundown changed (items, order, cursor, or the catalog
   * data its products show), or another show became active; null when the
   * active show was deleted.
   */
  rundownChanged: defineEvent<RundownState | null>('studio:event:rundown-changed'),
  showsChanged: defineEvent<Show[]>('studio:event:shows-changed'),
} as const;
