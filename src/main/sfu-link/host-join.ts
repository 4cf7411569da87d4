import type { SignalReplyData } from '../../shared/sfu/protocol.js';
import { SignalRequestError, type SignalRequests } from '../../shared/sfu/signal-requests.js';

export interface HostJoinOptions {
  readonly room: string;
  readonly hostToken: string;
  /** The studio confirms every viewer message it stores (`chatStored`). */
  readonly confirmsChat?: boolean;
  readonly log?: (message: string) => void;
}

/**
 * `join` as host, saying the studio confirms stored chat when it does. An
 * SFU older than `confirmsChat` refuses the unknown field (`invalid-message`)
 * and changes nothing, so the link asks again on the same connection
 * without it: viewers' messages are then answered when forwarded, as before.
 */
export async function joinAsHost(
  requests: SignalRequests,
  options: HostJoinOptions,
): Promise<{ readonly reply: SignalReplyData['join']; readonly confirmsChat: boolean }> {
  const join = { type: 'join', show: options.room, role: 'host', hostToken: options.hostToken } as const;
  if (!options.confirmsChat) return { reply: await requests.request(join), confirmsChat: false };
  try {
    return { reply: await requests.request({ ...join, confirmsChat: true }), confirmsChat: true };
  } catch (error) {
    if (!(error instanceof SignalRequestError) || error.code !== 'invalid-message') throw error;
    const reply = await requests.request(join);
    options.log?.('this SFU is older than confirmed chat: viewers hear "sent" when a message is forwarded, before the studio stores it');
    return { reply, confirmsChat: false };
  }
}
