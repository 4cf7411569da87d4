import { readReplayTimeline, REPLAY_FILES, type ReplayTimeline } from '../../shared/replay/replay-timeline.js';
import { ReplayCardView } from './replay-card-view.js';
import { ReplayChaptersView } from './replay-chapters-view.js';
import { ReplayChatView } from './replay-chat-view.js';
import { ReplayPlayer } from './replay-player.js';

/**
 * The replay page (a published folder's index.html runs this). The video
 * plays by itself; this adds the product card at the times it was pinned,
 * the chapters and the chat, from timeline.json beside it.
 */
const byId = <T extends HTMLElement>(id: string): T => {
  const node = document.getElementById(id);
  if (!node) throw new Error(`The replay page has no #${id}`);
  return node as T;
};

function showError(message: string): void {
  const error = byId('replay-error');
  error.textContent = message;
  error.hidden = false;
}

async function loadTimeline(): Promise<ReplayTimeline> {
  const response = await fetch(REPLAY_FILES.timeline, { cache: 'no-cache' });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return readReplayTimeline(await response.json());
}

async function start(): Promise<void> {
  const video = byId<HTMLVideoElement>('video');
  video.addEventListener('error', () => showError('This video could not be played in this browser.'));
  let timeline: ReplayTimeline;
  try {
    timeline = await loadTimeline();
  } catch {
    showError(
      location.protocol === 'file:'
        ? 'Products and chapters show when this replay is opened from a web address, not from a file on this computer. The video still plays.'
        : 'The products of this replay could not be loaded. The video still plays.',
    );
    return;
  }
  const player: ReplayPlayer = new ReplayPlayer(video, timeline, {
    card: new ReplayCardView(byId('product-card')),
    chapters: new ReplayChaptersView(byId('chapters'), byId<HTMLOListElement>('chapter-list'), (seconds) => player.jump(seconds)),
    chat: new ReplayChatView(byId('chat'), byId<HTMLOListElement>('chat-list'), byId('chat-empty')),
  });
  player.start();
  document.documentElement.dataset.replayReady = 'true';
}

void start();
