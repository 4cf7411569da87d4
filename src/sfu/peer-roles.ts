import type { SignalRequestType, SignalRole } from '../shared/sfu/protocol.js';

/** Who may send what once joined. `join` and `waitForShow` are the requests before joining. A guest: its media only. */
const ANY: readonly SignalRole[] = ['host', 'viewer', 'guest'];
export const ALLOWED_ROLES: Readonly<Record<Exclude<SignalRequestType, 'join' | 'waitForShow'>, readonly SignalRole[]>> = {
  routerRtpCapabilities: ANY,
  createTransport: ANY,
  connectTransport: ANY,
  restartIce: ANY,
  produce: ['host', 'guest'],
  closeProducer: ['host', 'guest'],
  setPin: ['host'],
  clearPin: ['host'],
  mintPublishToken: ['host'],
  consume: ANY,
  resume: ANY,
  leave: ANY,
  chatSend: ['viewer'],
  chatSetName: ['viewer'],
  chatPublish: ['host'],
  chatDelete: ['host'],
  chatPinMessage: ['host'],
  chatNotice: ['host'],
  chatReserveNames: ['host'],
  chatStored: ['host'],
  claimContact: ['viewer'],
  viewerClaims: ['host'],
  egressStart: ['host'],
  egressStop: ['host'],
  egressReconnect: ['host'],
  egressList: ['host'],
  sellAction: ['viewer'],
  sellState: ['host'],
  sellNotice: ['host'],
  guestInvites: ['host'],
  guestControl: ['host'],
};

/** What a host joined with a receive-only token may send: receive the show's media (guests backstage), nothing else. */
export const RECEIVE_ONLY_REQUESTS: ReadonlySet<SignalRequestType> = new Set<SignalRequestType>([
  'routerRtpCapabilities',
  'createTransport',
  'connectTransport',
  'restartIce',
  'consume',
  'resume',
]);

/** Why a role may not send a request type (ALLOWED_ROLES refused it). */
export function refusalFor(role: SignalRole, type: string): string {
  if (role === 'guest') return `A guest may not send "${type}".`;
  return `Only the ${role === 'host' ? 'viewers' : 'host'} may send "${type}".`;
}
