import type { StudioGuest } from '../../shared/domain/guests.js';

/**
 * A guest's tile. Their live picture comes from the publishing window's
 * media (the guest tracks it consumes for the program); until that window
 * has it, the tile shows the guest's initial.
 */
export function GuestPreview({ guest }: { guest: StudioGuest }) {
  const initial = [...guest.name.trim()][0]?.toUpperCase() ?? '?';
  return (
    <div className="guest-preview guest-preview-name" aria-hidden="true" data-testid="guest-preview">
      {guest.videoHidden ? 'Camera hidden' : initial}
    </div>
  );
}
