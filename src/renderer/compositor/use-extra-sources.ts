import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { captureErrorMessage } from '../publish/host-messages.js';
import type { Compositor } from './compositor.js';

/**
 * Sources beyond the host's main camera (which MediaCapture owns): a second
 * camera for close-ups and a shared screen or window. getDisplayMedia works
 * in a browser and in Electron (the main process's permission handler
 * decides there).
 */

export interface ExtraSources {
  readonly secondCameraId: string | null;
  readonly screenOn: boolean;
  /** In host words; cleared by the next attempt. */
  readonly error: string | null;
  setSecondCamera(deviceId: string | null): void;
  toggleScreen(): void;
}

export function useExtraSources(compositor: Compositor | null): ExtraSources {
  const [secondCameraId, setSecondCameraId] = useState<string | null>(null);
  const [screenOn, setScreenOn] = useState(false);
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

  const toggleScreen = useCallback(() => {
    setError(null);
    if (tracks.current.screen) {
      tracks.current.screen.stop();
      tracks.current.screen = null;
      compositor?.setScreen(null);
      setScreenOn(false);
      return;
    }
    navigator.mediaDevices
      .getDisplayMedia({ video: { frameRate: { ideal: 30 } }, audio: false })
      .then((stream) => {
        const track = stream.getVideoTracks()[0];
        if (!track) return;
        tracks.current.screen = track;
        compositor?.setScreen(track);
        setScreenOn(true);
        // The browser's own "Stop sharing" bar ends the track.
        track.addEventListener('ended', () => {
          if (tracks.current.screen !== track) return;
          tracks.current.screen = null;
          compositor?.setScreen(null);
          setScreenOn(false);
        });
      })
      .catch((e: unknown) => {
        if (e instanceof DOMException && e.name === 'NotAllowedError') return; // the host cancelled the picker
        setError('Could not share the screen. Try again, or pick a window instead.');
      });
  }, [compositor]);

  useEffect(
    () => () => {
      tracks.current.camera?.stop();
      tracks.current.screen?.stop();
    },
    [],
  );

  return useMemo(() => ({ secondCameraId, screenOn, error, setSecondCamera, toggleScreen }), [secondCameraId, screenOn, error, setSecondCamera, toggleScreen]);
}
