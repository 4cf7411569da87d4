import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useStudio } from '../api/studio-context.js';
import type { CaptureDevice } from './host-messages.js';
import { MediaCapture, type CaptureStatus } from './media-capture.js';
import { PublishClient } from './publish-client.js';
import { HostFacingError } from './publish-failure.js';
import { INITIAL_PUBLISH_STATUS, type PublishStatus } from './publish-status.js';

/**
 * The window's one publisher and its camera and microphone (runs in the
 * renderer). It lives above the view switch, so opening Settings never
 * stops the show, and the top bar and the panels read the same state.
 */

export type PendingAction = 'stopping' | 'ending' | null;

export interface PublishContextValue {
  readonly status: PublishStatus;
  readonly capture: CaptureStatus | null;
  /** Stop or End show on its way (both wait for the SFU's answer, a few seconds at most). */
  readonly pending: PendingAction;
  turnOnDevices(): void;
  selectDevice(device: CaptureDevice, deviceId: string | null): void;
  retryDevice(device: CaptureDevice): void;
  goLive(): void;
  /**
   * The picture to send instead of the raw camera (the compositor's output);
   * null sends the camera again. Swapped into a running show without renegotiation.
   */
  setProgramVideo(track: MediaStreamTrack | null): void;
  /** The same for sound: the microphone after the studio's gain and mute; null sends the raw microphone. */
  setProgramAudio(track: MediaStreamTrack | null): void;
  stop(): Promise<void>;
  endShow(): Promise<void>;
}

const PublishContext = createContext<PublishContextValue | null>(null);

export function usePublish(): PublishContextValue {
  const value = useContext(PublishContext);
  if (!value) throw new Error('usePublish() outside <PublishProvider>');
  return value;
}

interface Parts {
  readonly client: PublishClient;
  readonly capture: MediaCapture;
}

export function PublishProvider({ children }: { children: ReactNode }) {
  const studio = useStudio();
  const [parts, setParts] = useState<Parts | null>(null);
  const [status, setStatus] = useState<PublishStatus>(INITIAL_PUBLISH_STATUS);
  const [capture, setCapture] = useState<CaptureStatus | null>(null);
  const [pending, setPending] = useState<PendingAction>(null);
  const programVideo = useRef<MediaStreamTrack | null>(null);
  const programAudio = useRef<MediaStreamTrack | null>(null);

  useEffect(() => {
    const client = new PublishClient({
      fetchTicket: async () => {
        const result = await studio.getPublishTicket();
        if (!result.ok) throw new HostFacingError(result.error.message);
        return result.value;
      },
    });
    // A new camera or mic goes straight into the running show (no renegotiation).
    const capture = new MediaCapture((device, track) => {
      if (device === 'camera' && track && !programVideo.current) void client.replaceVideoTrack(track);
      if (device === 'microphone' && (!programAudio.current || !track)) void client.replaceAudioTrack(track);
    });
    const unsubscribe = [client.subscribe(setStatus), capture.subscribe(setCapture)];
    setParts({ client, capture });
    setStatus(client.getStatus());
    setCapture(capture.getStatus());
    // Closing the window drops the connection without `leave`: viewers see "right back", not "ended".
    const onPageHide = () => client.dispose();
    window.addEventListener('pagehide', onPageHide);
    return () => {
      window.removeEventListener('pagehide', onPageHide);
      for (const off of unsubscribe) off();
      client.dispose();
      capture.dispose();
    };
  }, [studio]);

  const goLive = useCallback(() => {
    const video = parts?.capture.getStatus().camera.track;
    if (!parts || !video) return;
    const microphone = parts.capture.getStatus().microphone.track;
    parts.client.goLive({ video: programVideo.current ?? video, audio: microphone ? (programAudio.current ?? microphone) : null });
  }, [parts]);

  const runPending = useCallback(
    async (action: Exclude<PendingAction, null>, work: (client: PublishClient) => Promise<void>) => {
      if (!parts) return;
      setPending(action);
      try {
        await work(parts.client);
      } finally {
        setPending(null);
      }
    },
    [parts],
  );

  const value = useMemo<PublishContextValue>(
    () => ({
      status,
      capture,
      pending,
      turnOnDevices: () => parts?.capture.turnOn(),
      selectDevice: (device, deviceId) => parts?.capture.select(device, deviceId),
      retryDevice: (device) => parts?.capture.retry(device),
      goLive,
      setProgramVideo: (track) => {
        programVideo.current = track;
        const video = track ?? parts?.capture.getStatus().camera.track;
        if (video) void parts?.client.replaceVideoTrack(video);
      },
      setProgramAudio: (track) => {
        programAudio.current = track;
        const microphone = parts?.capture.getStatus().microphone.track ?? null;
        void parts?.client.replaceAudioTrack(microphone ? (track ?? microphone) : null);
      },
      stop: () => runPending('stopping', (client) => client.stop()),
      endShow: () => runPending('ending', (client) => client.endShow()),
    }),
    [status, capture, pending, parts, goLive, runPending],
  );
  return <PublishContext.Provider value={value}>{children}</PublishContext.Provider>;
}
