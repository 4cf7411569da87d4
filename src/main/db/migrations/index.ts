import type { Migration } from './types.js';
import { settingsMigration } from './0010-settings.js';
import { catalogMigration } from './0020-catalog.js';
import { showsRundownMigration } from './0030-shows-rundown.js';
import { pinsMigration } from './0040-pins.js';
import { chatMigration } from './0050-chat.js';
import { scenesMigration } from './0060-scenes.js';
import { sellingMigration } from './0070-selling.js';
import { programSceneMigration } from './0080-program-scene.js';
import { pinnedCardMigration } from './0090-pinned-card.js';
import { buyerContactsMigration } from './0100-buyer-contacts.js';
import { destinationsMigration } from './0110-destinations.js';
import { recordingsMigration } from './0120-recordings.js';
import { recordingStopReasonMigration } from './0125-recording-stop-reason.js';
import { auctionsGiveawaysPracticeMigration } from './0130-auctions-giveaways-practice.js';
import { auctionClockMigration } from './0140-auction-clock.js';
import { giveawayExclusionsMigration } from './0150-giveaway-exclusions.js';
import { auctionsUnclaimedMigration } from './0170-auctions-unclaimed.js';
import { guestInvitesMigration } from './0180-guest-invites.js';
import { verticalScenesMigration } from './0190-vertical-scenes.js';
import { guestScenesMigration } from './0200-guest-scenes.js';
import { destinationOrientationMigration } from './0210-destination-orientation.js';
import { platformIdsMigration } from './0220-platform-ids.js';
import { productPicturesMigration } from './0230-product-pictures.js';
import { checkoutLinksMigration } from './0240-checkout-links.js';
import { importFingerprintsMigration } from './0250-import-fingerprints.js';

/** Every migration, in order. Add new files at the end. */
export const migrations: readonly Migration[] = [
  settingsMigration,
  catalogMigration,
  showsRundownMigration,
  pinsMigration,
  chatMigration,
  scenesMigration,
  sellingMigration,
  programSceneMigration,
  pinnedCardMigration,
  buyerContactsMigration,
  destinationsMigration,
  recordingsMigration,
  recordingStopReasonMigration,
  auctionsGiveawaysPracticeMigration,
  auctionClockMigration,
  giveawayExclusionsMigration,
  auctionsUnclaimedMigration,
  guestInvitesMigration,
  verticalScenesMigration,
  guestScenesMigration,
  destinationOrientationMigration,
  platformIdsMigration,
  productPicturesMigration,
  checkoutLinksMigration,
  importFingerprintsMigration,
];
