import type { chatChannels } from '../../shared/api/contract/chat.js';
import type { Handlers } from '../api/dispatcher.js';
import type { ChatService } from './chat-service.js';

/** The chat channels; the CallContext says who decided (stored with every decision). */
export function chatHandlers(chat: ChatService): Pick<Handlers, keyof typeof chatChannels> {
  return {
    getChat: (input) => chat.getChat(input.limit),
    approveMessage: (input, context) => chat.approve(input.messageId, input.allowListViewer, context),
    rejectMessage: (input, context) => chat.reject(input.messageId, context),
    deleteMessage: (input, context) => chat.delete(input.messageId, context),
    markQuestion: (input, context) => chat.markQuestion(input.messageId, input.question, context),
    pinChatMessage: (input) => chat.pin(input.messageId),
    sendHostMessage: (input, context) => chat.sendHostMessage(input.text, context),
    timeoutViewer: (input) => chat.timeout(input.viewerId, input.seconds),
    banViewer: (input) => chat.ban(input.viewerId),
    unbanViewer: (input) => chat.unban(input.viewerId),
    setModerator: (input) => chat.setModerator(input.viewerId, input.moderator),
    listChatViewers: () => chat.viewers(),
    getModerationRules: () => chat.rules(),
    setModerationRules: (input) => chat.setRules(input),
  };
}
