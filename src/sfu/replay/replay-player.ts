import { chapterIndexAt, chatCountAt, pinIndexAt } from '../../shared/replay/replay-clock.js';
import type { ReplayTimeline } from '../../shared/replay/replay-timeline.js';
import type { ReplayCardView } from './replay-card-view.js';
import type { ReplayChaptersView } from './replay-chapters-view.js';
import type { ReplayChatView } from './replay-chat-view.js';

export interface ReplayViews {
  readonly card: ReplayCardView;
  readonly chapters: ReplayChaptersView;
  readonly chat: ReplayChatView;
}

/**
 * Keeps the card, the chapter marker and the chat in step with the video:
 * on every frame shown while it plays (requestVideoFrameCallback; where a
 * browser lacks it, on every time update, four times a second or so), on
 * seeking (the card is right while the viewer drags) and after a seek. A
 * chapter jumps the video and keeps it playing or paused as it was.
 */
export class ReplayPlayer {
  constructor(
    private readonly video: HTMLVideoElement,
    private readonly timeline: ReplayTimeline,
    private readonly views: ReplayViews,
  ) {}

  start(): void {
    this.views.chapters.render(this.timeline.chapters, this.timeline.pins);
    this.views.chat.render(this.timeline.chat);
    for (const event of ['timeupdate', 'seeking', 'seeked', 'loadedmetadata', 'ended']) {
      this.video.addEventListener(event, () => this.sync());
    }
    this.followFrames();
    this.sync();
  }

  /** Every frame the browser shows: a pin of a fraction of a second still gets its card. */
  private followFrames(): void {
    if (typeof this.video.requestVideoFrameCallback !== 'function') return;
    const onFrame = () => {
      this.sync();
      this.video.requestVideoFrameCallback(onFrame);
    };
    this.video.requestVideoFrameCallback(onFrame);
  }

  /** Jumps the video to `seconds` (a chapter). */
  jump(seconds: number): void {
    this.video.currentTime = seconds;
    this.sync();
    // On a phone the chapters are below the video: bring it back into view.
    this.video.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  }

  sync(): void {
    const t = this.video.currentTime;
    const { pins, chapters, chat } = this.timeline;
    const pin = pinIndexAt(pins, t);
    this.views.card.render(pin >= 0 ? pins[pin]! : null);
    this.views.chapters.setCurrent(chapterIndexAt(chapters, t));
    if (chat) this.views.chat.showUpTo(chatCountAt(chat, t));
  }
}
