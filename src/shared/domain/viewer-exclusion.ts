import type { ChatViewer } from './chat.js';

/** Why the chat's record of a viewer keeps them out of a giveaway or an auction now. */
export type Exclusion = 'banned' | 'timed-out' | 'moderator';

/**
 * The chat's moderation as the selling features read it (giveaways, auctions):
 * banned (kept across shows), timed out until a time still ahead of `now`
 * (main's clock, as the chat store records it), or a moderator. Each feature
 * decides which of these it refuses (an auction lets a moderator bid). null:
 * no record, or nothing against them.
 */
export function exclusionOf(viewer: ChatViewer | null, now: number): Exclusion | null {
  if (!viewer) return null;
  if (viewer.banned) return 'banned';
  if (viewer.moderator) return 'moderator';
  if (viewer.timedOutUntil !== null && viewer.timedOutUntil > now) return 'timed-out';
  return null;
}
