/**
 * Runs in the guest's browser: step 1, the device check (markup in
 * guest.html): self preview, camera and mic pickers (switched live), the mic
 * level, the display name with its rules shown inline, "Join backstage".
 */
import { deviceProblem, type DeviceState } from './device-problems.js';
import { byId, setText } from './guest-dom.js';
import { checkGuestName } from './guest-identity.js';
import type { LocalMedia, MediaKind } from './local-media.js';

export interface CheckActions {
  /** The guest pressed Join backstage with a valid name. */
  readonly join: (name: string) => void;
}

export class CheckView {
  private readonly preview = byId<HTMLVideoElement>('self-preview');
  private readonly noCamera = byId<HTMLElement>('no-camera');
  private readonly problem = byId<HTMLElement>('device-problem');
  private readonly retry = byId<HTMLButtonElement>('device-retry');
  private readonly cameraSelect = byId<HTMLSelectElement>('camera-select');
  private readonly micSelect = byId<HTMLSelectElement>('mic-select');
  private readonly meter = byId<HTMLMeterElement>('mic-level');
  private readonly form = byId<HTMLFormElement>('join-form');
  private readonly nameInput = byId<HTMLInputElement>('guest-name');
  private readonly nameError = byId<HTMLElement>('name-error');
  private readonly joinButton = byId<HTMLButtonElement>('join');
  private states: { camera: DeviceState; mic: DeviceState } = { camera: 'busy', mic: 'busy' };
  private metering = false;
  private nameTouched = false;

  constructor(
    private readonly media: LocalMedia,
    private readonly actions: CheckActions,
    savedName: string,
  ) {
    this.preview.srcObject = media.stream;
    this.nameInput.value = savedName;
    this.retry.addEventListener('click', () => void this.askDevices());
    this.cameraSelect.addEventListener('change', () => void this.switchTo('video', this.cameraSelect.value));
    this.micSelect.addEventListener('change', () => void this.switchTo('audio', this.micSelect.value));
    this.nameInput.addEventListener('input', () => {
      if (this.nameTouched) this.showNameCheck();
    });
    this.nameInput.addEventListener('blur', () => {
      this.nameTouched = true;
      this.showNameCheck();
    });
    this.form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.nameTouched = true;
      const check = this.showNameCheck();
      this.media.resumeAudio();
      if (check.ok && this.canJoin()) this.actions.join(check.name);
      else if (!check.ok) this.nameInput.focus();
    });
  }

  /** Asks the browser for the camera and mic (again, after Try again) and shows what works. */
  async askDevices(): Promise<void> {
    this.retry.disabled = true;
    this.states = await this.media.start();
    this.retry.disabled = false;
    this.renderDevices();
    await this.fillPickers();
    this.startMeter();
  }

  /** Leaves step 1: the meter stops drawing. */
  close(): void {
    this.metering = false;
  }

  private canJoin(): boolean {
    const problem = deviceProblem(this.states.camera, this.states.mic);
    return problem === null || problem.canJoin;
  }

  private renderDevices(): void {
    const problem = deviceProblem(this.states.camera, this.states.mic);
    setText(this.problem, problem?.text ?? null);
    this.retry.hidden = problem === null;
    this.noCamera.hidden = this.states.camera === 'ok';
    this.joinButton.disabled = !this.canJoin();
    this.joinButton.textContent =
      this.states.camera === 'ok' && this.states.mic !== 'ok'
        ? 'Join backstage with camera only'
        : this.states.camera !== 'ok' && this.states.mic === 'ok'
          ? 'Join backstage with microphone only'
          : 'Join backstage';
  }

  private async fillPickers(): Promise<void> {
    for (const [kind, select] of [['video', this.cameraSelect], ['audio', this.micSelect]] as const) {
      const { devices, current } = await this.media.choices(kind).catch(() => ({ devices: [], current: null }));
      select.replaceChildren(
        ...devices.map((d) => {
          const option = document.createElement('option');
          option.value = d.deviceId;
          option.textContent = d.label;
          option.selected = d.deviceId === current;
          return option;
        }),
      );
      select.disabled = devices.length < 2;
    }
  }

  private async switchTo(kind: MediaKind, deviceId: string): Promise<void> {
    const state = await this.media.use(kind, deviceId);
    if (kind === 'video') this.states.camera = state === 'ok' ? 'ok' : this.states.camera;
    else this.states.mic = state === 'ok' ? 'ok' : this.states.mic;
    if (state !== 'ok') setText(this.problem, `That ${kind === 'video' ? 'camera' : 'microphone'} can’t start. Pick another one, or close apps that use it.`);
    else this.renderDevices();
  }

  private showNameCheck(): ReturnType<typeof checkGuestName> {
    const check = checkGuestName(this.nameInput.value);
    setText(this.nameError, check.ok ? null : check.message);
    this.nameInput.setAttribute('aria-invalid', String(!check.ok));
    return check;
  }

  private startMeter(): void {
    if (this.metering) return;
    this.metering = true;
    const draw = () => {
      if (!this.metering) return;
      this.meter.value = this.media.level();
      requestAnimationFrame(draw);
    };
    requestAnimationFrame(draw);
  }
}
