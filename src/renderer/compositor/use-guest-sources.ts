import { useEffect } from 'react';
import { useGuestMedia, usePublishCommands } from '../publish/publish-context.js';
import type { AudioMixer } from './audio-mixer.js';
import type { Compositor } from './compositor.js';
import { guestAudioOf, guestPicturesOf } from './guest-sources.js';

/**
 * Runs in the renderer: the guests the publisher receives become compositor
 * sources (guest slots, the people grid) and program sound; the mixer's
 * program-without-guests goes out as the `return` feed guests hear.
 */
export function useGuestSources(compositor: Compositor | null, mixer: AudioMixer | null): void {
  const media = useGuestMedia();
  const { setReturnAudio } = usePublishCommands();
  useEffect(() => compositor?.setGuests(guestPicturesOf(media)), [compositor, media]);
  useEffect(() => mixer?.setGuests(guestAudioOf(media)), [mixer, media]);
  useEffect(() => {
    if (!mixer) return;
    setReturnAudio(mixer.returnTrack);
    return () => setReturnAudio(null);
  }, [mixer, setReturnAudio]);
}
