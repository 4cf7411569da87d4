/**
 * Entry of the guest page (/guest/<show>#invite=<token>), bundled by
 * src/sfu/guest-bundle.ts. Runs in the guest's browser: step 1 checks the
 * camera, mic and name; step 2 joins the show as a guest (guest-session.ts).
 */
import { CheckView } from './check-view.js';
import { addressWithoutInvite, forgetInvite, lookUpInvite, showFromPath, tokenInFragment, type KeyValueStore } from './guest-invite.js';
import { loadGuestKey, loadGuestName, saveGuestName } from './guest-identity.js';
import { GuestSession } from './guest-session.js';
import { LocalMedia } from './local-media.js';
import { StageView } from './stage-view.js';

/** Storage can be switched off (blocked cookies): then nothing is remembered and nothing throws. */
function storage(which: 'localStorage' | 'sessionStorage'): KeyValueStore | null {
  try {
    return window[which];
  } catch {
    return null;
  }
}

const media = new LocalMedia();
let session: GuestSession | null = null;
const stage = new StageView(media, { leave: () => void session?.leave() });
const show = showFromPath(location.pathname);
const invite = show === null ? ({ kind: 'missing' } as const) : lookUpInvite(show, location.hash, storage('sessionStorage'));
// The token leaves the address bar at once: not shown, not bookmarked, not shared by accident.
if (tokenInFragment(location.hash) !== null) history.replaceState(history.state, '', addressWithoutInvite(location.pathname, location.search, location.hash));

if (show === null || invite.kind !== 'token') {
  stage.showFinal('no-invite');
} else {
  const guestToken = invite.token;
  const local = storage('localStorage');
  const guestKey = loadGuestKey(local, (bytes) => crypto.getRandomValues(bytes));
  const check = new CheckView(
    media,
    {
      join: (name) => {
        saveGuestName(local, name);
        check.close();
        stage.show();
        const joined = new GuestSession(
          { show, guestToken, name, guestKey },
          { host: location.host, secure: location.protocol === 'https:' },
          {
            onPhase: (phase, view) => {
              if (phase === 'invite-dead') forgetInvite(show, storage('sessionStorage'));
              stage.render(phase, view);
            },
            onFeeds: (feeds) => stage.setFeeds(feeds),
            localTrack: (kind) => media.track(kind),
          },
        );
        media.onTrackReplaced = (kind, track) => void joined.replaceTrack(kind, track).catch(() => undefined);
        session = joined;
        joined.start();
      },
    },
    loadGuestName(local),
  );
  void check.askDevices();
}

addEventListener('pagehide', () => session?.stop());
// Back/forward cache: the stopped session cannot resume; a fresh load rejoins (the token is kept for this tab).
addEventListener('pageshow', (event) => {
  if (event.persisted) location.reload();
});
