import { createContext, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useAbilities } from '../api/role-context.js';
import type { PublisherState } from '../../shared/domain/live.js';
import { useStudio, useStudioEvent } from '../api/studio-context.js';
import { useStudioValue } from '../api/studio-value.js';
import { BackstageReceiver } from './BackstageReceiver.js';
import type { CaptureDevice } from './host-messages.js';
import { NO_GUEST_MEDIA, type GuestMedia } from './guest-feeds.js';
import { MediaCapture, type CaptureStatus } from './media-capture.js';
import { PublishClient } from './publish-client.js';
import { HostFacingError } from './publish-failure.js';
import { INITIAL_PUBLISH_STATUS, type PublishStatus } from './publish-status.js';
import { VerticalPublisher } from './vertical-publisher.js';

/**
 * The window's one publisher and its camera and microphone (runs in the
 * renderer). It lives above the view switch, so opening Settings never
 * stops the show, and the top bar and the panels read the same state.
 */

export type PendingAction = 'stopping' | 'ending' | null;

/** What the window can do with its show and devices; the same functions for the provider's lifetime. */
export interface PublishCommands {
  turnOnDevices(): void;
  selectDevice(device: CaptureDevice, deviceId: string | null): void;
  retryDevice(device: CaptureDevice): void;
  /** `takeOver`: the host confirmed moving the show here from the window that publishes it now. */
  goLive(takeOver?: boolean): void;
  /**
   * The picture to send instead of the raw camera (the compositor's output);
   * null sends the camera again. Swapped into a running show without renegotiation.
   */
  setProgramVideo(track: MediaStreamTrack | null): void;
  /** The same for sound: the microphone after the studio's gain and mute; null sends the raw microphone. */
  setProgramAudio(track: MediaStreamTrack | null): void;
  /** The program's sound without guests (the `return` feed guests hear, so never their own voice); null sends none. */
  setReturnAudio(track: MediaStreamTrack | null): void;
  stop(): Promise<void>;
  endShow(): Promise<void>;
  /** The vertical (9:16) feed on this publisher's session (vertical-context.tsx gives it the canvas). */
  readonly verticalFeed: VerticalPublisher;
}

/** Who publishes the show, and what this window's own claim on it came to. */
export interface PublisherView {
  /** Who publishes the show, as main says (one window at a time); null until main answers. */
  readonly publisher: PublisherState | null;
  /** Another window publishes the show: Go live here means taking it over. */
  readonly elsewhere: string | null;
  /** Why this window stopped publishing, when another window took the show over. */
  readonly takenOver: string | null;
  /** Go live failed before media started (main refused the claim), in host words. */
  readonly claimError: string | null;
  /** Stop or End show on its way (both wait for the SFU's answer, a few seconds at most). */
  readonly pending: PendingAction;
}

/*
 * Four contexts, so that what changes often re-renders only who reads it: the
 * commands never change; the status changes with every stream-health refresh
 * (2 s) and viewer count; the capture with a device; the publisher view with
 * a claim, a take-over or Stop / End show.
 */
const CommandsContext = createContext<PublishCommands | null>(null);
const StatusContext = createContext<PublishStatus>(INITIAL_PUBLISH_STATUS);
const CaptureContext = createContext<CaptureStatus | null>(null);
const PublisherContext = createContext<PublisherView | null>(null);
const GuestMediaContext = createContext<GuestMedia>(NO_GUEST_MEDIA);

export function usePublishCommands(): PublishCommands {
  const value = useContext(CommandsContext);
  if (!value) throw new Error('usePublishCommands() outside <PublishProvider>');
  return value;
}

/** The publisher's phase, health and viewer count (PublishClient's status). */
export function usePublishStatus(): PublishStatus {
  return useContext(StatusContext);
}

/** The camera and microphone: devices, tracks, permission (null before MediaCapture exists). */
export function useCapture(): CaptureStatus | null {
  return useContext(CaptureContext);
}

export function usePublisher(): PublisherView {
  const value = useContext(PublisherContext);
  if (!value) throw new Error('usePublisher() outside <PublishProvider>');
  return value;
}

/**
 * The show's guests and the tracks this window receives from them, for the
 * compositor, the mixer and backstage previews. Stable API:
 * - `guests`: every guest the SFU lists (backstage and on air; `name` is
 *   untrusted text), `onAirOrder`: guest ids on air in slot order (a scene's
 *   guest slot n is `onAirOrder[n]`; `guestInSlot` / `guestsOnAir` in
 *   guest-feeds.ts resolve it);
 * - `tracks.get(guestId)`: `{ video?, audio? }` MediaStreamTracks: received by
 *   the publishing session while this window is live, and before that by the
 *   backstage's receive-only connection (BackstageReceiver).
 * A new object whenever any of it changes; NO_GUEST_MEDIA when offline.
 */
export function useGuestMedia(): GuestMedia {
  return useContext(GuestMediaContext);
}

interface Parts {
  readonly client: PublishClient;
  readonly capture: MediaCapture;
}

export function PublishProvider({ children }: { children: ReactNode }) {
  const studio = useStudio();
  /** Made once per studio in the effect below; commands before that do nothing. */
  const parts = useRef<Parts | null>(null);
  const [status, setStatus] = useState<PublishStatus>(INITIAL_PUBLISH_STATUS);
  const [capture, setCapture] = useState<CaptureStatus | null>(null);
  const [pending, setPending] = useState<PendingAction>(null);
  const [verticalFeed] = useState(() => new VerticalPublisher());
  const programVideo = useRef<MediaStreamTrack | null>(null);
  const programAudio = useRef<MediaStreamTrack | null>(null);
  const returnAudio = useRef<MediaStreamTrack | null>(null);
  const [guestMedia, setGuestMedia] = useState<GuestMedia>(NO_GUEST_MEDIA);
  /** The guests as the backstage receives them before Go live (BackstageReceiver, the host's window only). */
  const [backstageMedia, setBackstageMedia] = useState<GuestMedia>(NO_GUEST_MEDIA);
  const { role } = useAbilities();
  const publisherValue = useStudioValue({ event: 'publisherChanged', read: (api) => api.getPublisher() });
  const { set: setPublisher, latest: latestPublisher } = publisherValue;
  const publisher = publisherValue.value;
  /** This window's claim on the show (main's publisher id); null: it does not publish. */
  const mine = useRef<string | null>(null);
  /** The last claim this window held (kept after it let go), to recognise the take-over that ended it. */
  const held = useRef<string | null>(null);
  const [takenOver, setTakenOver] = useState<string | null>(null);
  const [claimError, setClaimError] = useState<string | null>(null);
  /** The SFU refused this window's ticket because another studio (another main) publishes the show there. */
  const [anotherStudio, setAnotherStudio] = useState(false);

  useEffect(() => {
    const client = new PublishClient({
      feeds: [verticalFeed],
      fetchTicket: async () => {
        const publisherId = mine.current;
        if (publisherId === null) throw new HostFacingError('This window is no longer publishing the show.', true);
        const result = await studio.getPublishTicket({ publisherId });
        // 'conflict': another window holds the show now, or (main still names this window) another studio on the SFU; retrying cannot help.
        if (!result.ok && result.error.code === 'conflict' && latestPublisher()?.current?.publisherId === publisherId) setAnotherStudio(true);
        if (!result.ok) throw new HostFacingError(result.error.message, result.error.code === 'conflict');
        return result.value;
      },
    });
    // A window that gave up (another studio took the show on the SFU, a fatal error) lets go of its claim.
    const releaseOnFailure = client.subscribe((next) => {
      if (next.phase !== 'error' || mine.current === null) return;
      const publisherId = mine.current;
      mine.current = null;
      void studio.releasePublishing({ publisherId });
    });
    // A new camera or mic goes straight into the running show (no renegotiation).
    const capture = new MediaCapture((device, track) => {
      if (device === 'camera' && track && !programVideo.current) void client.replaceVideoTrack(track);
      if (device === 'microphone' && (!programAudio.current || !track)) void client.replaceAudioTrack(track);
    });
    const unsubscribe = [client.subscribe(setStatus), capture.subscribe(setCapture), client.guestMedia.subscribe(setGuestMedia), releaseOnFailure];
    parts.current = { client, capture };
    setStatus(client.getStatus());
    setCapture(capture.getStatus());
    // Closing the window drops the connection without `leave`: viewers see "right back", not "ended".
    const onPageHide = () => {
      client.dispose();
      if (mine.current !== null) void studio.releasePublishing({ publisherId: mine.current });
      mine.current = null;
    };
    window.addEventListener('pagehide', onPageHide);
    return () => {
      window.removeEventListener('pagehide', onPageHide);
      for (const off of unsubscribe) off();
      client.dispose();
      capture.dispose();
      if (parts.current?.client === client) parts.current = null;
    };
  }, [studio, latestPublisher, verticalFeed]);

  // Another window took the show over: stop at once (a pause, never an end: the show goes on from there) and say so.
  useStudioEvent('publisherChanged', (state) => {
    if (held.current !== null && state.lastTakeOver?.from === held.current) {
      held.current = null;
      setTakenOver(takenOverMessage(state.lastTakeOver.at));
    }
    if (mine.current !== null && state.current?.publisherId !== mine.current) {
      mine.current = null;
      void parts.current?.client.stop(false);
    }
  });

  const commands = useMemo<PublishCommands>(() => {
    /** Stop and End show let go of the show once the SFU has answered; main hears which it was (`ended`). */
    const release = (ended: boolean) => {
      const publisherId = mine.current;
      mine.current = null;
      if (publisherId !== null) void studio.releasePublishing({ publisherId, ended });
    };
    const runPending = async (action: Exclude<PendingAction, null>, work: (client: PublishClient) => Promise<void>) => {
      const client = parts.current?.client;
      if (!client) return;
      setPending(action);
      try {
        await work(client);
      } finally {
        release(client.getStatus().phase === 'ended');
        setPending(null);
      }
    };
    /**
     * After Stop the window no longer holds the show; ending it from there
     * claims it again first (refused, in host words, if another window went live meanwhile),
     * flagged as ending: other windows keep seeing "paused", not "going live".
     */
    const holdForEnding = async (): Promise<boolean> => {
      if (mine.current !== null) return true;
      const claim = await studio.claimPublishing({ takeOver: false, ending: true });
      if (!claim.ok) {
        setClaimError(claim.error.message);
        return false;
      }
      mine.current = claim.value.publisherId;
      held.current = claim.value.publisherId;
      setPublisher(claim.value.state);
      return true;
    };
    return {
      turnOnDevices: () => parts.current?.capture.turnOn(),
      selectDevice: (device, deviceId) => parts.current?.capture.select(device, deviceId),
      retryDevice: (device) => parts.current?.capture.retry(device),
      goLive: (takeOver = false) => {
        const current = parts.current;
        const video = current?.capture.getStatus().camera.track;
        if (!current || !video) return;
        const microphone = current.capture.getStatus().microphone.track;
        const tracks = {
          video: programVideo.current ?? video,
          audio: microphone ? (programAudio.current ?? microphone) : null,
          returnAudio: microphone ? returnAudio.current : null,
        };
        setClaimError(null);
        // Main decides who publishes: claim the show first (refused while another window is live, unless taking over).
        void studio.claimPublishing({ takeOver }).then((result) => {
          if (!result.ok) {
            setClaimError(result.error.message);
            return;
          }
          mine.current = result.value.publisherId;
          held.current = result.value.publisherId;
          setAnotherStudio(false);
          setPublisher(result.value.state);
          setTakenOver(null);
          current.client.goLive(tracks);
        });
      },
      setProgramVideo: (track) => {
        programVideo.current = track;
        const video = track ?? parts.current?.capture.getStatus().camera.track;
        if (video) void parts.current?.client.replaceVideoTrack(video);
      },
      setProgramAudio: (track) => {
        programAudio.current = track;
        const microphone = parts.current?.capture.getStatus().microphone.track ?? null;
        void parts.current?.client.replaceAudioTrack(microphone ? (track ?? microphone) : null);
      },
      setReturnAudio: (track) => {
        returnAudio.current = track;
        void parts.current?.client.replaceReturnAudio(track);
      },
      stop: () => runPending('stopping', (client) => client.stop()),
      endShow: () =>
        runPending('ending', async (client) => {
          setClaimError(null);
          if (await holdForEnding()) await client.endShow();
        }),
      verticalFeed,
    };
  }, [studio, setPublisher, verticalFeed]);

  // Live, the publishing session receives the guests itself; the backstage's connection lets go once it has as many.
  const liveHasGuests = status.phase === 'live' && guestMedia.tracks.size >= backstageMedia.tracks.size && guestMedia.guests.length > 0;
  const shownGuests = status.phase === 'live' && guestMedia.tracks.size >= backstageMedia.tracks.size ? guestMedia : backstageMedia;
  const current = publisher?.current ?? null;
  const elsewhere = current !== null && current.publisherId !== mine.current ? current.where : anotherStudio ? 'another studio' : null;
  const publisherView = useMemo<PublisherView>(
    () => ({ publisher, elsewhere, takenOver, claimError, pending }),
    [publisher, elsewhere, takenOver, claimError, pending],
  );
  return (
    <CommandsContext.Provider value={commands}>
      <PublisherContext.Provider value={publisherView}>
        <CaptureContext.Provider value={capture}>
          <StatusContext.Provider value={status}>
            {role === 'host' && <BackstageReceiver liveHasGuests={liveHasGuests} onMedia={setBackstageMedia} />}
            <GuestMediaContext.Provider value={shownGuests}>{children}</GuestMediaContext.Provider>
          </StatusContext.Provider>
        </CaptureContext.Provider>
      </PublisherContext.Provider>
    </CommandsContext.Provider>
  );
}

/** "Another window took over the show at 20:14. You're no longer publishing." */
export function takenOverMessage(at: number): string {
  const time = new Date(at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  return `Another window took over the show at ${time}. You're no longer publishing.`;
}
