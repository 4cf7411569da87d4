import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { captureErrorMessage } from '../publish/host-messages.js';
import type { Compositor } from './compositor.js';

/**
 * Sources beyond the host's main camera (which MediaCapture owns): a second
 * camera for close-ups and a shared screen or window. getDisplayMedia works
 * in a browser and in Electron (the main process's permission handler
 * decides there). A scene that draws a screen asks for one the first time
 * it is picked or taken in this window (a click or key press: browsers open
 * the picker only from one); after that, its menu's "Share a screen or
 * window…" asks again. With nothing shared the compositor draws a
 * placeholder, never black.
 */

export interface ExtraSources {
  readonly secondCameraId: string | null;
  readonly screenOn: boolean;
  /** The browser's screen picker is open. */
  readonly screenAsking: boolean;
  /** In host words; cleared by the next attempt. */
  readonly error: string | null;
  setSecondCamera(deviceId: string | null): void;
  /**
   * Opens the browser's screen-or-window picker; a new pick replaces what is
   * shared, a cancelled one keeps it. Browsers only open it from a click or
   * a key press, so call it straight from one (no await before it).
   */
  shareScreen(): void;
  toggleScreen(): void;
  /** For a scene that draws a screen: opens the picker the first time only (the scene's menu opens it again). */
  askForScreenOnce(): void;
}

export function useExtraSources(compositor: Compositor | null): ExtraSources {
  const [secondCameraId, setSecondCameraId] = useState<string | null>(null);
  const [screenOn, setScreenOn] = useState(false);
  const [screenAsking, setScreenAsking] = useState(false);
  /** The picker opened once in this window: picking or taking a screen scene no longer opens it by itself. */
  const asked = useRef(false);
  const [error, setError] = useState<string | null>(null);
  const tracks = useRef<{ camera: MediaStreamTrack | null; screen: MediaStreamTrack | null }>({ camera: null, screen: null });

  const setSecondCamera = useCallback(
    (deviceId: string | null) => {
      setError(null);
      tracks.current.camera?.stop();
      tracks.current.camera = null;
      compositor?.setCamera(1, null);
      setSecondCameraId(deviceId);
      if (!deviceId) return;
      navigator.mediaDevices
        .getUserMedia({ video: { deviceId: { exact: deviceId }, width: { ideal: 1280 }, height: { ideal: 720 } } })
        .then((stream) => {
          const track = stream.getVideoTracks()[0] ?? null;
          tracks.current.camera = track;
          compositor?.setCamera(1, track);
        })
        .catch((e: unknown) => {
          setSecondCameraId(null);
          setError(captureErrorMessage('camera', e));
        });
    },
    [compositor],
  );

  const stopScreen = useCallback(() => {
    tracks.current.screen?.stop();
    tracks.current.screen = null;
    compositor?.setScreen(null);
    setScreenOn(false);
  }, [compositor]);

  const shareScreen = useCallback(() => {
    setError(null);
    asked.current = true;
    if (typeof navigator.mediaDevices?.getDisplayMedia !== 'function') {
      setError('This browser cannot share a screen from here. Use the studio app, or open the studio on this computer (a localhost or https:// link).');
      return;
    }
    setScreenAsking(true);
    navigator.mediaDevices
      .getDisplayMedia({ video: { frameRate: { ideal: 30 } }, audio: false })
      .then((stream) => {
        const track = stream.getVideoTracks()[0];
        if (!track) return;
        tracks.current.screen?.stop();
        tracks.current.screen = track;
        compositor?.setScreen(track);
        setScreenOn(true);
        // The browser's own "Stop sharing" (or the shared window closing) ends the track: the scene shows its placeholder.
        track.addEventListener('ended', () => {
          if (tracks.current.screen !== track) return;
          tracks.current.screen = null;
          compositor?.setScreen(null);
          setScreenOn(false);
        });
      })
      .catch((e: unknown) => {
        if (e instanceof DOMException && e.name === 'NotAllowedError') return; // the host cancelled the picker (or the system refused)
        if (e instanceof DOMException && e.name === 'InvalidStateError') {
          asked.current = false; // not from a click or key press (a scene picked after a save): ask at the next one
          return;
        }
        setError("Could not share the screen. Try again from the scene's menu, or pick a window instead.");
      })
      .finally(() => setScreenAsking(false));
  }, [compositor]);

  const toggleScreen = useCallback(() => {
    setError(null);
    if (tracks.current.screen) stopScreen();
    else shareScreen();
  }, [stopScreen, shareScreen]);

  const askForScreenOnce = useCallback(() => {
    if (!asked.current && !tracks.current.screen) shareScreen();
  }, [shareScreen]);

  useEffect(
    () => () => {
      tracks.current.camera?.stop();
      tracks.current.screen?.stop();
    },
    [],
  );

  return useMemo(
    () => ({ secondCameraId, screenOn, screenAsking, error, setSecondCamera, shareScreen, toggleScreen, askForScreenOnce }),
    [secondCameraId, screenOn, screenAsking, error, setSecondCamera, shareScreen, toggleScreen, askForScreenOnce],
  );
}
