import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { ChatMessage } from '../../shared/domain/chat.js';
import { messageTime, reasonText } from './chat-filter.js';
import { lastIndexOfId, type MessageSequence } from './chunked-messages.js';

const ESTIMATED_ROW_HEIGHT = 30;
/** Closer than this to the bottom counts as "at the bottom". */
const BOTTOM_SLACK_PX = 40;
/** A scroll this soon after a wheel, touch or drag is the host's own. */
const USER_SCROLL_WINDOW_MS = 600;

export interface ChatMessageListProps {
  /** An immutable snapshot (a new one for every change). */
  readonly messages: MessageSequence;
  /** Messages ever appended (counts "N new messages" while paused). */
  readonly appended: number;
  readonly selectedId: string | null;
  readonly pinnedId: string | null;
  readonly onSelect: (id: string | null) => void;
  /** Auto-scroll paused (the host scrolled up) or resumed. */
  readonly onFollowingChange: (following: boolean) => void;
  readonly listRef: React.RefObject<HTMLDivElement | null>;
  readonly emptyText: string;
}

/**
 * The live chat: only the rows in view are in the DOM, rows are measured
 * (messages wrap), and the list sticks to the newest message until the host
 * scrolls up; then a "N new messages" button brings them back.
 */
export function ChatMessageList(props: ChatMessageListProps) {
  const { messages, appended, selectedId, pinnedId, onSelect, onFollowingChange, listRef, emptyText } = props;
  const count = messages.length;
  const [following, setFollowingState] = useState(true);
  const followingRef = useRef(true);
  const appendedAtPause = useRef(appended);
  const lastUserIntent = useRef(0);

  const setFollowing = useCallback(
    (next: boolean) => {
      if (followingRef.current === next) return;
      followingRef.current = next;
      if (!next) appendedAtPause.current = appended;
      setFollowingState(next);
      onFollowingChange(next);
    },
    [appended, onFollowingChange],
  );

  const getItemKey = useCallback((index: number) => messages.at(index)?.id ?? index, [messages]);
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => listRef.current,
    estimateSize: () => ESTIMATED_ROW_HEIGHT,
    getItemKey,
    overscan: 8,
  });
  const totalSize = virtualizer.getTotalSize();

  // Stick to the bottom after every frame of new messages and every re-measure.
  useLayoutEffect(() => {
    const el = listRef.current;
    if (el && followingRef.current) el.scrollTop = el.scrollHeight;
  }, [messages, totalSize, following, listRef]);

  // Moving the selection (j/k, a click) brings it into view; reading an older message pauses auto-scroll.
  const selectedIndex = selectedId === null ? -1 : lastIndexOfId(messages, selectedId);
  const lastSelected = useRef<string | null>(null);
  useEffect(() => {
    if (selectedId === lastSelected.current) return;
    const hadSelection = lastSelected.current !== null;
    lastSelected.current = selectedId;
    // Esc (selection cleared): back to the latest messages.
    if (selectedId === null && hadSelection) setFollowing(true);
    if (selectedIndex < 0) return;
    if (selectedIndex < count - 1) setFollowing(false);
    else setFollowing(true);
    virtualizer.scrollToIndex(selectedIndex, { align: 'auto' });
  }, [selectedId, selectedIndex, count, setFollowing, virtualizer]);

  const onScroll = () => {
    const el = listRef.current;
    if (!el) return;
    const atBottom = el.scrollHeight - el.scrollTop - el.clientHeight < BOTTOM_SLACK_PX;
    if (atBottom) setFollowing(true);
    else if (performance.now() - lastUserIntent.current < USER_SCROLL_WINDOW_MS) setFollowing(false);
  };
  const markUserIntent = () => (lastUserIntent.current = performance.now());

  const unseen = following ? 0 : Math.max(0, appended - appendedAtPause.current);
  const items = virtualizer.getVirtualItems();

  return (
    <div className="chat-list-wrap">
      <div
        ref={listRef}
        className="chat-list"
        role="listbox"
        aria-label="Chat messages"
        aria-activedescendant={selectedIndex >= 0 ? `chat-msg-${selectedId}` : undefined}
        tabIndex={0}
        onScroll={onScroll}
        onWheel={markUserIntent}
        onTouchMove={markUserIntent}
        onPointerDown={markUserIntent}
        onKeyDown={(e) => {
          if (['PageUp', 'PageDown', 'Home', 'End', 'ArrowUp', 'ArrowDown'].includes(e.key)) markUserIntent();
        }}
      >
        {count === 0 && <p className="chat-empty">{emptyText}</p>}
        <div className="chat-list-inner" style={{ height: totalSize }}>
          <div className="chat-list-window" style={{ transform: `translateY(${items[0]?.start ?? 0}px)` }}>
            {items.map((v) => {
              const message = messages.at(v.index);
              if (!message) return null;
              return (
                <ChatMessageRow
                  key={v.key}
                  index={v.index}
                  message={message}
                  selected={message.id === selectedId}
                  pinned={message.id === pinnedId}
                  measure={virtualizer.measureElement}
                  onSelect={onSelect}
                />
              );
            })}
          </div>
        </div>
      </div>
      {!following && count > 0 && (
        <button type="button" className="chat-jump" onClick={() => (onSelect(null), setFollowing(true))}>
          {unseen > 0 ? `${unseen.toLocaleString()} new ${unseen === 1 ? 'message' : 'messages'}` : 'Back to latest'} ↓
        </button>
      )}
    </div>
  );
}

const STATUS_LABEL: Partial<Record<ChatMessage['status'], string>> = {
  held: 'Held',
  blocked: 'Blocked',
  rejected: 'Rejected',
  deleted: 'Deleted',
};

interface RowProps {
  readonly index: number;
  readonly message: ChatMessage;
  readonly selected: boolean;
  readonly pinned: boolean;
  readonly measure: (node: Element | null) => void;
  readonly onSelect: (id: string) => void;
}

/** One message. Untrusted name and text are React text, never HTML. */
const ChatMessageRow = memo(function ChatMessageRow({ index, message: m, selected, pinned, measure, onSelect }: RowProps) {
  const status = STATUS_LABEL[m.status];
  const classes = ['chat-row', `is-${m.status}`, `role-${m.role}`];
  if (m.question) classes.push('is-question');
  if (selected) classes.push('is-selected');
  return (
    <div
      ref={measure}
      data-index={index}
      id={`chat-msg-${m.id}`}
      role="option"
      aria-selected={selected}
      data-status={m.status}
      data-testid="chat-message"
      className={classes.join(' ')}
      onClick={() => onSelect(m.id)}
    >
      <time className="chat-time" dateTime={new Date(m.ts).toISOString()}>
        {messageTime(m.ts)}
      </time>
      <p className="chat-line">
        {m.role === 'host' && <span className="role-badge role-badge-host">Host</span>}
        {m.role === 'moderator' && <span className="role-badge role-badge-mod">Mod</span>}
        <span className="chat-name">{m.name}</span>
        <span className="chat-text" data-testid="chat-text">
          {m.text}
        </span>
        {pinned && <span className="chat-chip chip-pinned">Pinned</span>}
        {m.question && <span className="chat-chip chip-question">Question</span>}
        {status && (
          <span className={`chat-chip chip-${m.status}`}>
            {status}
            {m.reasons.length > 0 && ` · ${reasonText(m.reasons)}`}
          </span>
        )}
      </p>
    </div>
  );
});
