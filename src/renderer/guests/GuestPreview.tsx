import { useEffect, useRef } from 'react';
import type { StudioGuest } from '../../shared/domain/guests.js';
import { useGuestMedia } from '../publish/publish-context.js';

/**
 * A guest's tile: their live camera as the publishing window receives it
 * (the same track the program draws), or their initial while there is none
 * (not received yet, camera hidden, or another window publishes the show).
 */
export function GuestPreview({ guest }: { guest: StudioGuest }) {
  const video = useGuestMedia().tracks.get(guest.guestId)?.video;
  const element = useRef<HTMLVideoElement | null>(null);
  const live = video !== undefined && !guest.videoHidden;
  useEffect(() => {
    const node = element.current;
    if (!node) return;
    node.srcObject = live ? new MediaStream([video]) : null;
    return () => {
      node.srcObject = null;
    };
  }, [live, video]);
  if (!live) {
    const initial = [...guest.name.trim()][0]?.toUpperCase() ?? '?';
    return (
      <div className="guest-preview guest-preview-name" aria-hidden="true" data-testid="guest-preview" data-live="false">
        {guest.videoHidden ? 'Camera hidden' : initial}
      </div>
    );
  }
  return (
    <div className="guest-preview" data-testid="guest-preview" data-live="true">
      <video ref={element} autoPlay muted playsInline aria-label={`${guest.name}'s camera`} />
    </div>
  );
}
