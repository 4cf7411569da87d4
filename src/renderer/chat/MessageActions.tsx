import { useEffect, useRef } from 'react';
import type { ChatMessage, ChatViewer } from '../../shared/domain/chat.js';
import { useAbilities } from '../api/role-context.js';
import { TIMEOUT_LABELS } from './chat-filter.js';
import type { ChatActions } from './use-chat-actions.js';

export interface MessageActionsProps {
  readonly message: ChatMessage | null;
  readonly viewer: ChatViewer | undefined;
  readonly pinned: boolean;
  readonly actions: ChatActions;
  readonly timeoutOpen: boolean;
  readonly onTimeoutOpenChange: (open: boolean) => void;
}

/**
 * What the host can do with the selected message, by mouse; the same as the
 * keys shown in each button's title. Viewer actions are off for the host's own lines.
 */
export function MessageActions({ message: m, viewer, pinned, actions, timeoutOpen, onTimeoutOpenChange }: MessageActionsProps) {
  // Who moderates is a producer's call (the roles table); a moderator's link does not offer it.
  const { runShow: mayAppointModerators } = useAbilities();
  if (!m) {
    return (
      <p className="message-actions is-empty">
        <kbd>J</kbd>/<kbd>K</kbd> select · <kbd>A</kbd>/<kbd>R</kbd> approve/reject · <kbd>D</kbd> delete · <kbd>T</kbd> time out ·{' '}
        <kbd>B</kbd> ban · <kbd>P</kbd> pin · <kbd>/</kbd> search
      </p>
    );
  }
  const viewerId = m.viewerId;
  const isMod = viewer?.moderator ?? m.role === 'moderator';
  return (
    <div className="message-actions" role="toolbar" aria-label={`Actions for ${m.name}'s message`}>
      {m.status === 'held' && (
        <>
          <button type="button" className="button button-small button-approve" onClick={() => actions.approve(m)} title="Approve (A)">
            Approve
          </button>
          <button type="button" className="button button-small" onClick={() => actions.reject(m)} title="Reject (R)">
            Reject
          </button>
        </>
      )}
      <button
        type="button"
        className="button button-small"
        disabled={m.status !== 'approved'}
        onClick={() => actions.remove(m)}
        title="Delete for every viewer (D)"
      >
        Delete
      </button>
      <button
        type="button"
        className="button button-small"
        disabled={m.status !== 'approved'}
        aria-pressed={pinned}
        onClick={() => actions.pin(pinned ? null : m)}
        title="Pin over the video for viewers (P)"
      >
        {pinned ? 'Unpin' : 'Pin'}
      </button>
      <button
        type="button"
        className="button button-small"
        aria-pressed={m.question}
        onClick={() => actions.markQuestion(m, !m.question)}
        title="Mark as a question (Q)"
      >
        {m.question ? 'Not a question' : 'Question'}
      </button>
      {viewerId && (
        <>
          <button
            type="button"
            className="button button-small"
            aria-haspopup="menu"
            aria-expanded={timeoutOpen}
            onClick={() => onTimeoutOpenChange(!timeoutOpen)}
            title="Time out this viewer (T)"
          >
            Time out ▾
          </button>
          {viewer?.banned ? (
            <button type="button" className="button button-small" onClick={() => actions.unban(viewerId, m.name)}>
              Unban
            </button>
          ) : (
            <button type="button" className="button button-small button-danger" onClick={() => actions.ban(viewerId, m.name)} title="Ban (B)">
              Ban
            </button>
          )}
          {mayAppointModerators && (
            <button
              type="button"
              className="button button-small button-ghost"
              aria-pressed={isMod}
              onClick={() => actions.setModerator(viewerId, m.name, !isMod)}
              title="Moderator rights for this show"
            >
              {isMod ? 'Remove mod' : 'Make mod'}
            </button>
          )}
        </>
      )}
      {timeoutOpen && viewerId && (
        <TimeoutMenu
          name={m.name}
          onChoose={(seconds) => {
            onTimeoutOpenChange(false);
            actions.timeout(viewerId, m.name, seconds);
          }}
          onClose={() => onTimeoutOpenChange(false)}
        />
      )}
    </div>
  );
}

function TimeoutMenu({ name, onChoose, onClose }: { name: string; onChoose: (s: 10 | 60 | 600 | 3600 | 86400) => void; onClose: () => void }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.querySelector('button')?.focus();
  }, []);
  return (
    <div
      ref={ref}
      className="timeout-menu"
      role="menu"
      aria-label={`Time out ${name} for`}
      onKeyDown={(e) => {
        const choice = TIMEOUT_LABELS[Number(e.key) - 1];
        if (e.key === 'Escape') {
          e.preventDefault();
          e.stopPropagation();
          onClose();
        } else if (choice) {
          e.preventDefault();
          e.stopPropagation();
          onChoose(choice.seconds);
        } else if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
          const items = [...(ref.current?.querySelectorAll('button') ?? [])];
          const at = items.indexOf(document.activeElement as HTMLButtonElement);
          items[(at + (e.key === 'ArrowRight' ? 1 : items.length - 1)) % items.length]?.focus();
        }
      }}
    >
      <span className="timeout-menu-label">Time out for</span>
      {TIMEOUT_LABELS.map((t, i) => (
        <button key={t.seconds} type="button" role="menuitem" className="button button-small" onClick={() => onChoose(t.seconds)} title={`${i + 1}`}>
          {t.label}
        </button>
      ))}
    </div>
  );
}
