import type { ChatMessage, ReasonCode } from '../../shared/domain/chat.js';
import type { MessageSequence } from './chunked-messages.js';

/** The console's view of the chat: everything, only questions, or only the review queue. */
export type ChatFilter = 'all' | 'questions' | 'held';

export const CHAT_FILTERS: readonly { readonly id: ChatFilter; readonly label: string }[] = [
  { id: 'all', label: 'All' },
  { id: 'questions', label: 'Questions' },
  { id: 'held', label: 'Held' },
];

/**
 * The messages the list shows. With no filter and no search this is the
 * store's own snapshot (no copy at 20,000 messages); otherwise one pass.
 */
export function visibleMessages(messages: MessageSequence, filter: ChatFilter, search: string): MessageSequence {
  const needle = search.trim().toLocaleLowerCase();
  if (filter === 'all' && needle === '') return messages;
  const shown: ChatMessage[] = [];
  messages.forEach((m) => {
    if (filter === 'questions' && !m.question) return;
    if (filter === 'held' && m.status !== 'held') return;
    if (needle === '' || m.text.toLocaleLowerCase().includes(needle) || m.name.toLocaleLowerCase().includes(needle)) shown.push(m);
  });
  return shown;
}

/** How many of `messages` are marked as questions. */
export function questionCount(messages: MessageSequence): number {
  let count = 0;
  messages.forEach((m) => {
    if (m.question) count++;
  });
  return count;
}

const REASON_TEXT: Readonly<Record<ReasonCode, string>> = {
  'blocked-term': 'blocked word',
  'starter-term': 'starter list',
  link: 'link',
  caps: 'capitals',
  length: 'too long',
  duplicate: 'repeated',
  'slow-mode': 'slow mode',
  'rate-limit': 'too fast',
  'first-message': 'first message',
  banned: 'banned',
  'timed-out': 'timed out',
};

/** "link, capitals": why the engine held or blocked a message, in host words. */
export function reasonText(reasons: readonly ReasonCode[]): string {
  return reasons.map((r) => REASON_TEXT[r]).join(', ');
}

export const TIMEOUT_LABELS: readonly { readonly seconds: 10 | 60 | 600 | 3600 | 86400; readonly label: string }[] = [
  { seconds: 10, label: '10 s' },
  { seconds: 60, label: '1 min' },
  { seconds: 600, label: '10 min' },
  { seconds: 3600, label: '1 h' },
  { seconds: 86400, label: '24 h' },
];

/** "15:04" for a message's time: narrow, and a live show needs no AM/PM. */
export function messageTime(ts: number): string {
  return new Date(ts).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
}

/** "in 4 min", "in 2 h" for a timeout that runs until `until`. */
export function timeoutLeft(until: number, now: number): string {
  const seconds = Math.max(0, Math.round((until - now) / 1000));
  if (seconds < 60) return `${seconds} s`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min`;
  return `${Math.round(seconds / 3600)} h`;
}
