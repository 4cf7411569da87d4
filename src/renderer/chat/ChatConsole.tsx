import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore, type KeyboardEvent } from 'react';
import type { ChatMessage } from '../../shared/domain/chat.js';
import { useAbilities } from '../api/role-context.js';
import { isModalOpen, isTypingTarget } from '../ui/Modal.js';
import { CHAT_FILTERS, questionCount as countQuestions, visibleMessages, type ChatFilter } from './chat-filter.js';
import { lastIndexOfId } from './chunked-messages.js';
import { ChatMessageList } from './ChatMessageList.js';
import { ChatRulesDialog } from './ChatRulesDialog.js';
import { HostMessageForm } from './HostMessageForm.js';
import { MessageActions } from './MessageActions.js';
import { PinnedChatStrip } from './PinnedChatStrip.js';
import { ReviewQueue } from './ReviewQueue.js';
import type { ChatActions } from './use-chat-actions.js';
import type { ChatFeed } from './use-chat-feed.js';
import './chat.css';

export interface ChatConsoleProps {
  readonly feed: ChatFeed;
  readonly actions: ChatActions;
}

/**
 * The moderated chat, keyboard first: J/K select, A approve, R reject,
 * D delete, T timeout, B ban, P pin, Q question, / search, Esc back to the
 * latest. Keys work while focus is anywhere in the console except a text field.
 */
export function ChatConsole({ feed, actions }: ChatConsoleProps) {
  const { store, viewers, pinned } = feed;
  // A new immutable snapshot at most once a frame, however fast the chat runs.
  const snapshot = useSyncExternalStore(store.subscribe, store.getSnapshot);
  const [filter, setFilter] = useState<ChatFilter>('all');
  const [search, setSearch] = useState('');
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [timeoutOpen, setTimeoutOpen] = useState(false);
  const [rulesOpen, setRulesOpen] = useState(false);
  const { runShow: mayChangeRules } = useAbilities();
  const listRef = useRef<HTMLDivElement>(null);
  const searchRef = useRef<HTMLInputElement>(null);

  const { messages: all, held, appended } = snapshot;
  const messages = useMemo(() => visibleMessages(all, filter, search), [all, filter, search]);
  const questionCount = useMemo(() => countQuestions(all), [all]);
  const selected = selectedId ? (store.get(selectedId) ?? null) : null;
  const viewer = selected?.viewerId ? viewers.find((v) => v.viewerId === selected.viewerId) : undefined;
  const nextHeld = selected?.status === 'held' ? selected : (held[0] ?? null);

  const select = useCallback((id: string | null) => {
    setSelectedId(id);
    setTimeoutOpen(false);
    if (id) listRef.current?.focus({ preventScroll: true });
  }, []);
  const onFollowingChange = useCallback((following: boolean) => store.setTrimPaused(!following), [store]);

  const move = (step: 1 | -1) => {
    if (messages.length === 0) return;
    const at = selectedId ? lastIndexOfId(messages, selectedId) : -1;
    const next = at < 0 ? messages.length - 1 : Math.min(messages.length - 1, Math.max(0, at + step));
    select(messages.at(next)!.id);
  };

  const runKey = (key: string): boolean => {
    const m: ChatMessage | null = selected;
    switch (key) {
      case 'j':
      case 'arrowdown':
        move(1);
        return true;
      case 'k':
      case 'arrowup':
        move(-1);
        return true;
      case 'a':
        if (nextHeld) actions.approve(nextHeld);
        return true;
      case 'r':
        if (nextHeld) actions.reject(nextHeld);
        return true;
      case 'd':
        if (m?.status === 'approved') actions.remove(m);
        return true;
      case 't':
        if (m?.viewerId) setTimeoutOpen(true);
        return true;
      case 'b':
        if (m?.viewerId) actions.ban(m.viewerId, m.name);
        return true;
      case 'p':
        if (m?.status === 'approved') actions.pin(pinned?.id === m.id ? null : m);
        return true;
      case 'q':
        if (m) actions.markQuestion(m, !m.question);
        return true;
      case 'escape':
        select(null);
        return true;
    }
    return false;
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.ctrlKey || event.metaKey || event.altKey || isModalOpen()) return;
    if (event.key === '/' && !isTypingTarget(event.target)) {
      event.preventDefault();
      event.stopPropagation(); // the catalog's "/" is for when focus is elsewhere
      searchRef.current?.focus();
      searchRef.current?.select();
      return;
    }
    if (isTypingTarget(event.target) || (event.target as HTMLElement).closest('[role="menu"]')) return;
    if (runKey(event.key.toLowerCase())) event.preventDefault();
  };

  // Nothing focused (after a click on empty space): the moderation keys still work.
  // Not P: with nothing focused P pins the rundown's product (the selling keys,
  // use-pin-hotkeys.ts); inside the chat list P still pins a chat message.
  const runKeyRef = useRef(runKey);
  runKeyRef.current = runKey;
  useEffect(() => {
    const onDocumentKey = (event: globalThis.KeyboardEvent) => {
      if (event.target !== document.body || event.ctrlKey || event.metaKey || event.altKey || isModalOpen()) return;
      if (event.key.length === 1 && 'jkardtbq'.includes(event.key.toLowerCase()) && runKeyRef.current(event.key.toLowerCase())) {
        event.preventDefault();
      }
    };
    document.addEventListener('keydown', onDocumentKey);
    return () => document.removeEventListener('keydown', onDocumentKey);
  }, []);

  const emptyText = feed.loadError
    ? `Could not load the chat: ${feed.loadError}`
    : search.trim()
      ? `No messages match “${search.trim()}”.`
      : filter === 'questions'
        ? 'No questions yet.'
        : filter === 'held'
          ? 'Nothing is waiting for review.'
          : 'No messages yet. Viewer messages appear here after your filters.';

  return (
    <div className="chat-console" onKeyDown={onKeyDown}>
      {pinned && <PinnedChatStrip message={pinned} onUnpin={() => actions.pin(null)} />}
      <ReviewQueue held={held} nextId={nextHeld?.id ?? null} actions={actions} onSelect={select} />
      <div className="chat-toolbar">
        <div className="segmented" role="group" aria-label="Show">
          {CHAT_FILTERS.map((f) => (
            <button key={f.id} type="button" className="segmented-button" aria-pressed={filter === f.id} onClick={() => setFilter(f.id)}>
              {f.label}
              {f.id === 'questions' && questionCount > 0 && <span className="count-pill">{questionCount}</span>}
              {f.id === 'held' && held.length > 0 && <span className="count-pill count-pill-warn">{held.length}</span>}
            </button>
          ))}
        </div>
        <input
          ref={searchRef}
          type="search"
          className="search-input chat-search"
          aria-label="Search chat"
          placeholder="Search  /"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Escape' || e.key === 'Enter' || e.key === 'ArrowDown') {
              e.preventDefault();
              if (e.key === 'Escape') setSearch('');
              listRef.current?.focus();
            }
          }}
        />
        {/* The chat rules are a producer's call (the roles table); a moderator applies them. */}
        {mayChangeRules && (
          <button type="button" className="button button-small" aria-haspopup="dialog" onClick={() => setRulesOpen(true)}>
            Rules
          </button>
        )}
      </div>
      {rulesOpen && <ChatRulesDialog onClose={() => setRulesOpen(false)} />}
      <ChatMessageList
        messages={messages}
        appended={appended}
        selectedId={selectedId}
        pinnedId={pinned?.id ?? null}
        onSelect={select}
        onFollowingChange={onFollowingChange}
        listRef={listRef}
        emptyText={emptyText}
      />
      <MessageActions
        message={selected}
        viewer={viewer}
        pinned={selected !== null && pinned?.id === selected.id}
        actions={actions}
        timeoutOpen={timeoutOpen}
        onTimeoutOpenChange={(open) => {
          setTimeoutOpen(open);
          if (!open) listRef.current?.focus({ preventScroll: true });
        }}
      />
      {actions.notice && (
        <p className={`chat-notice notice-${actions.notice.kind}`} role={actions.notice.kind === 'error' ? 'alert' : 'status'}>
          {actions.notice.text}
        </p>
      )}
      <HostMessageForm onSend={actions.sendHostMessage} />
    </div>
  );
}
