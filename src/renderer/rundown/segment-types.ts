import type { SegmentType } from '../../shared/domain/rundown.js';

export const SEGMENT_LABELS: Record<SegmentType, string> = {
  intro: 'Intro',
  giveaway: 'Giveaway',
  qa: 'Q&A',
  break: 'Break',
  custom: 'Segment',
};

/** A glyph for the segment's tile in the rundown (where a product shows its photo). */
export const SEGMENT_GLYPHS: Record<SegmentType, string> = {
  intro: '▶',
  giveaway: '★',
  qa: '?',
  break: '❚❚',
  custom: '•',
};
