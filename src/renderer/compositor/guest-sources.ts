import { guestsOnAir, type GuestMedia } from '../publish/guest-feeds.js';
import type { GuestAudio } from './audio-mixer.js';
import type { GuestPicture } from './draw-people.js';

/**
 * What the compositor draws and the mixer mixes of the window's guests
 * (pure; tested in Node): the pictures of the guests on air in slot order,
 * and the audio of every guest received, audible while on air and not muted
 * by the host (the SFU pauses a muted mic too; silencing it here as well
 * keeps a late packet out of the program).
 */

export function guestPicturesOf(media: GuestMedia): GuestPicture[] {
  return guestsOnAir(media).map((guest) => ({
    guestId: guest.guestId,
    name: guest.name,
    video: media.tracks.get(guest.guestId)?.video ?? null,
    hidden: guest.videoHidden,
  }));
}

export function guestAudioOf(media: GuestMedia): GuestAudio[] {
  const onAir = new Set(media.onAirOrder);
  const out: GuestAudio[] = [];
  for (const guest of media.guests) {
    const track = media.tracks.get(guest.guestId)?.audio;
    if (track) out.push({ guestId: guest.guestId, track, audible: guest.onAir && onAir.has(guest.guestId) && !guest.audioMuted });
  }
  return out;
}
