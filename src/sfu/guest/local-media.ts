/**
 * Runs in the guest's browser: the guest's own camera and microphone. One
 * MediaStream holds the current tracks (the self preview plays it); picking
 * another device swaps the track live and tells the listener (the session
 * swaps it on its producer). The mic level comes from an AudioContext
 * analyser. The guest's own "mute" and "camera off" set track.enabled.
 */
import { deviceStateOf, type DeviceState } from './device-problems.js';

export type MediaKind = 'audio' | 'video';

export interface DeviceChoice {
  readonly deviceId: string;
  readonly label: string;
}

const VIDEO_CONSTRAINTS: MediaTrackConstraints = { width: { ideal: 1280 }, height: { ideal: 720 }, frameRate: { ideal: 30 } };
const AUDIO_CONSTRAINTS: MediaTrackConstraints = { echoCancellation: true, noiseSuppression: true, autoGainControl: true };

export class LocalMedia {
  readonly stream = new MediaStream();
  private audioContext: AudioContext | null = null;
  private analyser: AnalyserNode | null = null;
  private source: MediaStreamAudioSourceNode | null = null;
  private readonly samples = new Float32Array(1024);
  private readonly enabled: Record<MediaKind, boolean> = { audio: true, video: true };
  /** Called after a track was swapped (a device picked) so a producer can send the new one. */
  onTrackReplaced: (kind: MediaKind, track: MediaStreamTrack) => void = () => undefined;

  /** Asks for both devices; when that fails, for each alone, so one blocked device does not cost the other. */
  async start(): Promise<{ readonly camera: DeviceState; readonly mic: DeviceState }> {
    this.stopTracks();
    if (!navigator.mediaDevices?.getUserMedia) return { camera: 'insecure', mic: 'insecure' };
    try {
      const both = await navigator.mediaDevices.getUserMedia({ audio: AUDIO_CONSTRAINTS, video: VIDEO_CONSTRAINTS });
      for (const track of both.getTracks()) this.put(track);
      return { camera: 'ok', mic: 'ok' };
    } catch {
      const [camera, mic] = await Promise.all([this.ask('video', {}), this.ask('audio', {})]);
      return { camera, mic };
    }
  }

  track(kind: MediaKind): MediaStreamTrack | null {
    return (kind === 'audio' ? this.stream.getAudioTracks() : this.stream.getVideoTracks())[0] ?? null;
  }

  /** The devices of one kind (labels are known once permission was given) and the one in use. */
  async choices(kind: MediaKind): Promise<{ readonly devices: readonly DeviceChoice[]; readonly current: string | null }> {
    const all = await navigator.mediaDevices.enumerateDevices();
    const wanted = kind === 'audio' ? 'audioinput' : 'videoinput';
    const devices = all
      .filter((d) => d.kind === wanted && d.deviceId !== '')
      .map((d, i) => ({ deviceId: d.deviceId, label: d.label || `${kind === 'audio' ? 'Microphone' : 'Camera'} ${i + 1}` }));
    const current = this.track(kind)?.getSettings().deviceId ?? null;
    return { devices, current };
  }

  /** Switches to another device live; the old track stops only once the new one runs. */
  async use(kind: MediaKind, deviceId: string): Promise<DeviceState> {
    return this.ask(kind, { deviceId: { exact: deviceId } });
  }

  /** The guest's own mute / camera off (the producer keeps running, sending silence or black). */
  setEnabled(kind: MediaKind, enabled: boolean): void {
    this.enabled[kind] = enabled;
    const track = this.track(kind);
    if (track) track.enabled = enabled;
  }

  isEnabled(kind: MediaKind): boolean {
    return this.enabled[kind];
  }

  /** The mic's loudness now, 0..1 (root mean square, scaled so speech fills most of the meter). */
  level(): number {
    if (!this.analyser) return 0;
    this.analyser.getFloatTimeDomainData(this.samples);
    let sum = 0;
    for (const s of this.samples) sum += s * s;
    return Math.min(1, Math.sqrt(sum / this.samples.length) * 4);
  }

  /** Browsers start an AudioContext suspended until a click: call from one. */
  resumeAudio(): void {
    void this.audioContext?.resume().catch(() => undefined);
  }

  stop(): void {
    this.stopTracks();
    void this.audioContext?.close().catch(() => undefined);
    this.audioContext = null;
    this.analyser = null;
  }

  private async ask(kind: MediaKind, extra: MediaTrackConstraints): Promise<DeviceState> {
    const base = kind === 'audio' ? AUDIO_CONSTRAINTS : VIDEO_CONSTRAINTS;
    try {
      const got = await navigator.mediaDevices.getUserMedia({ [kind]: { ...base, ...extra } });
      const track = (kind === 'audio' ? got.getAudioTracks() : got.getVideoTracks())[0];
      if (!track) return 'missing';
      this.put(track);
      return 'ok';
    } catch (error) {
      return deviceStateOf(error);
    }
  }

  private put(track: MediaStreamTrack): void {
    const kind = track.kind as MediaKind;
    track.enabled = this.enabled[kind];
    const old = this.track(kind);
    if (old) {
      this.stream.removeTrack(old);
      old.stop();
    }
    this.stream.addTrack(track);
    if (kind === 'audio') this.meter(track);
    this.onTrackReplaced(kind, track);
  }

  private meter(track: MediaStreamTrack): void {
    try {
      this.audioContext ??= new AudioContext();
      this.source?.disconnect();
      this.analyser ??= this.audioContext.createAnalyser();
      this.analyser.fftSize = this.samples.length;
      this.source = this.audioContext.createMediaStreamSource(new MediaStream([track]));
      this.source.connect(this.analyser);
    } catch {
      // No Web Audio: the meter stays empty, the mic still works.
    }
  }

  private stopTracks(): void {
    for (const track of this.stream.getTracks()) {
      this.stream.removeTrack(track);
      track.stop();
    }
  }
}
