import { captureErrorMessage, type CaptureDevice } from './host-messages.js';
import { cameraConstraints, microphoneConstraints } from './publish-media.js';

/**
 * The camera and microphone (runs in the renderer). Owns the capture tracks
 * and the device lists; the preview, the level meter and the publisher all
 * read the same tracks. Camera and microphone start separately, so a
 * missing mic never blocks the picture.
 */

export interface DeviceOption {
  readonly deviceId: string;
  /** Empty until the host has allowed access once (browsers hide labels before). */
  readonly label: string;
}

export interface SourceStatus {
  /** The device picked by the host; null: the system default. */
  readonly deviceId: string | null;
  readonly track: MediaStreamTrack | null;
  readonly starting: boolean;
  /** In host words ("Camera is in use by another app…"). */
  readonly error: string | null;
  /** What the device actually delivers (camera: size and rate). */
  readonly width: number | null;
  readonly height: number | null;
  readonly frameRate: number | null;
}

export interface CaptureStatus {
  /** The host turned capture on (remembered on this computer). */
  readonly enabled: boolean;
  readonly cameras: readonly DeviceOption[];
  readonly microphones: readonly DeviceOption[];
  readonly camera: SourceStatus;
  readonly microphone: SourceStatus;
}

const EMPTY_SOURCE: SourceStatus = { deviceId: null, track: null, starting: false, error: null, width: null, height: null, frameRate: null };
const STORAGE_KEY = 'lss.capture';

interface StoredChoice {
  readonly enabled: boolean;
  readonly camera: string | null;
  readonly microphone: string | null;
}

function readChoice(): StoredChoice {
  try {
    const parsed = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '{}') as Partial<StoredChoice>;
    return { enabled: parsed.enabled === true, camera: parsed.camera ?? null, microphone: parsed.microphone ?? null };
  } catch {
    return { enabled: false, camera: null, microphone: null };
  }
}

export class MediaCapture {
  private status: CaptureStatus;
  private readonly listeners = new Set<(status: CaptureStatus) => void>();
  /** Bumps per source on every (re)start, so a slow getUserMedia cannot overwrite a newer pick. */
  private readonly generation: Record<CaptureDevice, number> = { camera: 0, microphone: 0 };
  private disposed = false;

  /** `onTrack` hears every new or lost track (the publisher swaps it in without renegotiation). */
  constructor(private readonly onTrack: (device: CaptureDevice, track: MediaStreamTrack | null) => void) {
    const choice = readChoice();
    this.status = {
      enabled: choice.enabled,
      cameras: [],
      microphones: [],
      camera: { ...EMPTY_SOURCE, deviceId: choice.camera },
      microphone: { ...EMPTY_SOURCE, deviceId: choice.microphone },
    };
    navigator.mediaDevices?.addEventListener('devicechange', this.refreshDevices);
    void this.refreshDevices();
    if (choice.enabled) this.turnOn();
  }

  getStatus(): CaptureStatus {
    return this.status;
  }

  subscribe(listener: (status: CaptureStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Starts camera and microphone (asks for permission the first time). */
  turnOn(): void {
    this.update({ enabled: true });
    this.remember();
    void this.startSource('camera', this.status.camera.deviceId);
    void this.startSource('microphone', this.status.microphone.deviceId);
  }

  select(device: CaptureDevice, deviceId: string | null): void {
    this.updateSource(device, { deviceId });
    this.remember();
    if (this.status.enabled) void this.startSource(device, deviceId);
  }

  /** Tries a source again after an error (the host closed the other app). */
  retry(device: CaptureDevice): void {
    void this.startSource(device, this.status[device].deviceId);
  }

  dispose(): void {
    this.disposed = true;
    navigator.mediaDevices?.removeEventListener('devicechange', this.refreshDevices);
    this.status.camera.track?.stop();
    this.status.microphone.track?.stop();
    this.listeners.clear();
  }

  private async startSource(device: CaptureDevice, deviceId: string | null): Promise<void> {
    const generation = ++this.generation[device];
    this.updateSource(device, { starting: true, error: null });
    let track: MediaStreamTrack | undefined;
    try {
      if (!navigator.mediaDevices?.getUserMedia) throw new DOMException('No media devices', 'NotFoundError');
      const stream = await navigator.mediaDevices.getUserMedia(
        device === 'camera' ? { video: cameraConstraints(deviceId) } : { audio: microphoneConstraints(deviceId) },
      );
      track = stream.getTracks()[0];
      if (!track) throw new DOMException('No track', 'NotFoundError');
    } catch (error) {
      if (generation !== this.generation[device] || this.disposed) return;
      // The old track (if any) keeps running: a failed switch must not blank a live show.
      this.updateSource(device, { starting: false, error: captureErrorMessage(device, error) });
      return;
    }
    if (generation !== this.generation[device] || this.disposed) {
      track.stop();
      return;
    }
    const old = this.status[device].track;
    track.addEventListener('ended', () => this.onEnded(device, track), { once: true });
    const settings = track.getSettings();
    this.updateSource(device, {
      track,
      starting: false,
      error: null,
      width: settings.width ?? null,
      height: settings.height ?? null,
      frameRate: settings.frameRate ? Math.round(settings.frameRate) : null,
    });
    this.onTrack(device, track);
    old?.stop();
    // Labels only show after the first permission grant.
    void this.refreshDevices();
  }

  /** Unplugged, or taken away by the system. */
  private onEnded(device: CaptureDevice, track: MediaStreamTrack): void {
    if (this.status[device].track !== track || this.disposed) return;
    const word = device === 'camera' ? 'Camera' : 'Microphone';
    this.updateSource(device, { track: null, error: `${word} disconnected. Plug it back in or pick another one.` });
    this.onTrack(device, null);
  }

  private readonly refreshDevices = async (): Promise<void> => {
    if (!navigator.mediaDevices?.enumerateDevices) return;
    const all = await navigator.mediaDevices.enumerateDevices();
    const of = (kind: MediaDeviceKind) =>
      all.filter((d) => d.kind === kind && d.deviceId !== '' && d.deviceId !== 'default' && d.deviceId !== 'communications').map((d) => ({ deviceId: d.deviceId, label: d.label }));
    if (!this.disposed) this.update({ cameras: of('videoinput'), microphones: of('audioinput') });
  };

  private remember(): void {
    const choice: StoredChoice = { enabled: this.status.enabled, camera: this.status.camera.deviceId, microphone: this.status.microphone.deviceId };
    try {
      localStorage.setItem(STORAGE_KEY, JSON.stringify(choice));
    } catch {
      // Private mode or full storage: the choice lasts for this session only.
    }
  }

  private updateSource(device: CaptureDevice, patch: Partial<SourceStatus>): void {
    this.update({ [device]: { ...this.status[device], ...patch } });
  }

  private update(patch: Partial<CaptureStatus>): void {
    this.status = { ...this.status, ...patch };
    for (const listener of this.listeners) listener(this.status);
  }
}
