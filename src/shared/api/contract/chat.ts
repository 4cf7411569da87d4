import { z } from 'zod';
import { defineChannel, defineEvent } from '../channel.js';
import type { ChatMessage, ChatViewer, ModerationRules } from '../../domain/chat.js';
import { moderationRulesSchema } from '../../moderation/rules.js';

const messageId = z.string().min(1).max(64);
const viewerId = z.string().min(1).max(64);

export const TIMEOUT_CHOICES_SECONDS = [10, 60, 600, 3600, 86400] as const;

export const chatChannels = {
  /** The show's chat as it is now (after a restart too): recent messages (oldest first), the review queue and the pinned message. */
  getChat: defineChannel<{ messages: ChatMessage[]; held: ChatMessage[]; pinned: ChatMessage | null }>()(
    'studio:chat:get',
    z
      .object({ limit: z.number().int().min(1).max(5000).default(1000) })
      .strict()
      .default({ limit: 1000 }),
  ),
  approveMessage: defineChannel<ChatMessage>()(
    'studio:chat:approve',
    z.object({ messageId, allowListViewer: z.boolean().default(false) }).strict(),
  ),
  rejectMessage: defineChannel<ChatMessage>()('studio:chat:reject', z.object({ messageId }).strict()),
  /** Removes an approved message from every viewer's screen. */
  deleteMessage: defineChannel<ChatMessage>()('studio:chat:delete', z.object({ messageId }).strict()),
  markQuestion: defineChannel<ChatMessage>()(
    'studio:chat:mark-question',
    z.object({ messageId, question: z.boolean() }).strict(),
  ),
  /** Shows one message over the video for every viewer (null clears it). */
  pinChatMessage: defineChannel<{ pinned: ChatMessage | null }>()(
    'studio:chat:pin-message',
    z.object({ messageId: messageId.nullable() }).strict(),
  ),
  /** A message from the host (or producer), sent straight to viewers, marked as such. */
  sendHostMessage: defineChannel<ChatMessage>()(
    'studio:chat:send',
    z.object({ text: z.string().trim().min(1, 'Type a message first.').max(500) }).strict(),
  ),
  timeoutViewer: defineChannel<ChatViewer>()(
    'studio:chat:timeout',
    z
      .object({
        viewerId,
        seconds: z.union(TIMEOUT_CHOICES_SECONDS.map((s) => z.literal(s)) as unknown as [z.ZodLiteral<number>, ...z.ZodLiteral<number>[]]),
      })
      .strict(),
  ),
  banViewer: defineChannel<ChatViewer>()('studio:chat:ban', z.object({ viewerId }).strict()),
  unbanViewer: defineChannel<ChatViewer>()('studio:chat:unban', z.object({ viewerId }).strict()),
  setModerator: defineChannel<ChatViewer>()(
    'studio:chat:set-moderator',
    z.object({ viewerId, moderator: z.boolean() }).strict(),
  ),
  listChatViewers: defineChannel<ChatViewer[]>()('studio:chat:viewers', z.undefined()),
  getModerationRules: defineChannel<ModerationRules>()('studio:chat:get-rules', z.undefined()),
  /** Replaces the rules (also how a JSON settings file is imported). */
  setModerationRules: defineChannel<ModerationRules>()('studio:chat:set-rules', moderationRulesSchema),
} as const;

export const chatEvents = {
  /** New or changed messages, batched (a busy show sends hundreds a minute). */
  chatMessages: defineEvent<ChatMessage[]>('studio:event:chat-messages'),
  chatViewersChanged: defineEvent<ChatViewer[]>('studio:event:chat-viewers-changed'),
  chatPinnedMessage: defineEvent<ChatMessage | null>('studio:event:chat-pinned-message'),
} as const;
