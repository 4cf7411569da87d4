/**
 * Product pictures kept by the studio (src/main/media): how far fetching
 * the imported pictures got, and which products' pictures failed and why.
 */

export interface PictureProgress {
  /** Picture addresses the catalog names. */
  readonly total: number;
  readonly ready: number;
  readonly failed: number;
  /** Still to fetch. */
  readonly waiting: number;
}

export interface PictureFailure {
  readonly productId: number;
  readonly title: string;
  readonly url: string;
  /** Plain words: "the website answered HTTP 404". */
  readonly reason: string;
}

export interface PictureState {
  readonly progress: PictureProgress;
  /** Products whose picture could not be fetched (the first 200, by title). */
  readonly failures: readonly PictureFailure[];
}

export const PICTURE_FAILURES_SHOWN = 200;
