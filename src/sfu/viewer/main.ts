/**
 * Entry of the watch page (/watch/<show>), bundled by scripts/build-viewer.ts.
 * Runs in the viewer's browser, usually a phone. The same page is the
 * embedded player (/embed/<show>, framed by embed.js on a seller's page):
 * then embed-bridge.ts talks to that page and embed-view.ts adds the mini-player.
 */
import { AuctionBlock } from './auction-view.js';
import { ChatController } from './chat-controller.js';
import { ChatIdentityStore } from './chat-identity.js';
import { ChatView } from './chat-view.js';
import { EmbedBridge } from './embed-bridge.js';
import { EmbedView } from './embed-view.js';
import { GiveawayBlock } from './giveaway-view.js';
import { MyClaimsController } from './my-claims-controller.js';
import { MyClaimsView } from './my-claims-view.js';
import { SellingController } from './selling-controller.js';
import { WatchSession } from './watch-session.js';
import { WatchView } from './watch-view.js';

/** A resize or turn settles this long before the page picks a feed again. */
const VIEWPORT_SETTLE_MS = 250;
const show = decodeURIComponent(location.pathname.replace(/^\/(watch|embed)\//, '').replace(/\/$/, ''));
const embed = location.pathname.startsWith('/embed/') ? embedPlayer() : null;
const view = new WatchView(embed?.bridge.viewOptions());
const chat = new ChatController(new ChatView(), new ChatIdentityStore());
const myClaims = new MyClaimsController(new MyClaimsView());
const element = (id: string) => document.getElementById(id)!;
// Auctions, giveaways, the PRACTICE banner; a bid or an entry without a chat name asks for one through the chat's flow.
const selling: SellingController = new SellingController(
  {
    auction: new AuctionBlock(element('auction'), {
      bidNext: () => selling.bidNext(),
      bidAmount: (typed) => selling.bidAmount(typed, 'bid'),
      bidMax: (typed) => selling.bidAmount(typed, 'maxBid'),
    }),
    giveaway: new GiveawayBlock(element('giveaway'), () => selling.enterGiveaway()),
    practice: element('practice-banner'),
  },
  chat,
);
const session = new WatchSession(
  show,
  { host: location.host, secure: location.protocol === 'https:' },
  {
    stream: view.stream,
    onStatus: (status) => {
      view.render(status);
      selling.onPhase(status.phase);
      embed?.view.onPhase(status.phase);
      embed?.bridge.onStatus(status);
    },
    onTracksChanged: () => view.onTracksChanged(),
    onVideoFeed: (feed) => view.showFeed(feed),
    whenPlaying: (track) => view.whenPlaying(track),
    viewport: () => ({ width: innerWidth, height: innerHeight }),
    chat: {
      identity: () => chat.identity(),
      onJoined: (room, identity) => {
        chat.onJoined(room, identity);
        selling.onJoined(room, identity);
      },
      // The buyer's own claims (the studio sends them after each change and at every join) go to "My claims".
      onPush: (push) => {
        if (push.type === 'myClaims') myClaims.update(push);
        else if (push.type === 'sellState' || push.type === 'sellNotice' || push.type === 'sellIncoming') selling.onPush(push);
        else chat.onPush(push);
      },
    },
  },
);
chat.connect(session);
myClaims.connect(session);
selling.connect(session);
session.start();
// A phone turned, a window resized: the other video feed may fit better (feed-choice.ts). Settled first: a resize fires many events.
let viewportTimer: ReturnType<typeof setTimeout> | null = null;
const viewportChanged = () => {
  if (viewportTimer) clearTimeout(viewportTimer);
  viewportTimer = setTimeout(() => session.viewportChanged(), VIEWPORT_SETTLE_MS);
};
addEventListener('resize', viewportChanged);
addEventListener('orientationchange', viewportChanged);
addEventListener('pagehide', () => session.stop());
// Back/forward cache: the stopped session cannot resume; a fresh load rejoins.
addEventListener('pageshow', (event) => {
  if (event.persisted) location.reload();
});

function embedPlayer(): { readonly bridge: EmbedBridge; readonly view: EmbedView } {
  // With no page to ask (the player opened on its own), "Open" just shows the full layout.
  const embedView: EmbedView = new EmbedView(() => (bridge.talksToPage ? bridge.askToExpand() : embedView.setSize('full')));
  const bridge: EmbedBridge = new EmbedBridge(show, {
    setSize: (size) => embedView.setSize(size),
    boughtOnPage: () => embedView.boughtOnPage(),
  });
  return { bridge, view: embedView };
}
