/**
 * Runs in the guest's browser: step 2, the show (markup in guest.html): the
 * status line from GuestView, the program ("What viewers see"), the voices
 * the guest hears, the self view, the guest's own mute / camera off / Leave,
 * and the final message when the page stops. Everything from the network is
 * set as text, never HTML.
 */
import type { GuestView } from '../../shared/sfu/protocol-guests.js';
import { byId, setText } from './guest-dom.js';
import type { PlayedFeed } from './guest-session.js';
import { FINAL_PHASES, inShowText, phaseText, type GuestPhase } from './guest-status.js';
import type { LocalMedia } from './local-media.js';

export interface StageActions {
  readonly leave: () => void;
}

export class StageView {
  private readonly root = byId<HTMLElement>('guest');
  private readonly check = byId<HTMLElement>('check');
  private readonly stage = byId<HTMLElement>('stage');
  private readonly final = byId<HTMLElement>('final');
  private readonly finalTitle = byId<HTMLElement>('final-title');
  private readonly finalDetail = byId<HTMLElement>('final-detail');
  private readonly status = byId<HTMLElement>('status');
  private readonly statusTitle = byId<HTMLElement>('status-title');
  private readonly statusDetail = byId<HTMLElement>('status-detail');
  private readonly statusNotes = byId<HTMLUListElement>('status-notes');
  private readonly program = byId<HTMLVideoElement>('program');
  private readonly audioOut = byId<HTMLElement>('audio-out');
  private readonly selfView = byId<HTMLVideoElement>('self-view');
  private readonly micButton = byId<HTMLButtonElement>('toggle-mic');
  private readonly cameraButton = byId<HTMLButtonElement>('toggle-camera');
  private readonly leaveButton = byId<HTMLButtonElement>('leave');
  private readonly programStream = new MediaStream();
  private readonly players = new Map<string, HTMLAudioElement>();

  constructor(
    private readonly media: LocalMedia,
    actions: StageActions,
  ) {
    this.program.srcObject = this.programStream;
    this.micButton.addEventListener('click', () => {
      this.media.setEnabled('audio', !this.media.isEnabled('audio'));
      this.renderToggles();
    });
    this.cameraButton.addEventListener('click', () => {
      this.media.setEnabled('video', !this.media.isEnabled('video'));
      this.renderToggles();
    });
    this.leaveButton.addEventListener('click', () => {
      this.leaveButton.disabled = true;
      actions.leave();
    });
  }

  /** Step 2 begins. */
  show(): void {
    this.check.hidden = true;
    this.stage.hidden = false;
    this.root.dataset.step = 'stage';
    this.selfView.srcObject = this.media.stream;
    this.renderToggles();
  }

  render(phase: GuestPhase, view: GuestView | null): void {
    if (FINAL_PHASES.has(phase)) {
      this.showFinal(phase as Exclude<GuestPhase, 'in-show'>);
      return;
    }
    if (phase === 'in-show' && view) {
      const text = inShowText(view);
      this.status.dataset.phase = view.onAir ? 'on-air' : 'backstage';
      setText(this.statusTitle, text.title);
      setText(this.statusDetail, null);
      this.statusNotes.replaceChildren(
        ...text.notes.map((note) => {
          const item = document.createElement('li');
          item.textContent = note;
          return item;
        }),
      );
      return;
    }
    const text = phaseText(phase === 'in-show' ? 'connecting' : phase);
    this.status.dataset.phase = phase;
    setText(this.statusTitle, text.title);
    setText(this.statusDetail, text.detail || null);
    this.statusNotes.replaceChildren();
  }

  /** The program video and every voice: audio elements per track (one element would play only one track in some browsers). */
  setFeeds(feeds: readonly PlayedFeed[]): void {
    const video = feeds.find((f) => f.kind === 'video' && f.from === 'program')?.track ?? null;
    for (const old of this.programStream.getVideoTracks()) if (old !== video) this.programStream.removeTrack(old);
    if (video && !this.programStream.getTrackById(video.id)) this.programStream.addTrack(video);
    // Some browsers pause a video element whose stream changed: nudge it (muted, so autoplay allows it).
    void this.program.play().catch(() => undefined);
    const audio = new Map(feeds.filter((f) => f.kind === 'audio').map((f) => [f.producerId, f.track]));
    for (const [id, player] of this.players) {
      if (audio.has(id)) continue;
      player.srcObject = null;
      player.remove();
      this.players.delete(id);
    }
    for (const [id, track] of audio) {
      if (this.players.has(id)) continue;
      const player = document.createElement('audio');
      player.autoplay = true;
      player.srcObject = new MediaStream([track]);
      player.dataset.producer = id;
      this.audioOut.append(player);
      this.players.set(id, player);
      // The guest clicked Join: playing sound is allowed from here on.
      void player.play().catch(() => undefined);
    }
  }

  private renderToggles(): void {
    const micOn = this.media.isEnabled('audio');
    const cameraOn = this.media.isEnabled('video');
    this.micButton.textContent = micOn ? 'Mute my mic' : 'Unmute my mic';
    this.micButton.setAttribute('aria-pressed', String(!micOn));
    this.micButton.hidden = this.media.track('audio') === null;
    this.cameraButton.textContent = cameraOn ? 'Turn my camera off' : 'Turn my camera on';
    this.cameraButton.setAttribute('aria-pressed', String(!cameraOn));
    this.cameraButton.hidden = this.media.track('video') === null;
  }

  /** The page stops: one message, the camera light goes off. */
  showFinal(phase: Exclude<GuestPhase, 'in-show'>): void {
    const text = phaseText(phase);
    this.check.hidden = true;
    this.stage.hidden = true;
    this.final.hidden = false;
    this.root.dataset.step = 'final';
    this.final.dataset.phase = phase;
    setText(this.finalTitle, text.title);
    setText(this.finalDetail, text.detail || null);
    this.setFeeds([]);
    this.media.stop();
  }
}
