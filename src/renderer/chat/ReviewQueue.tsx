import type { ChatMessage } from '../../shared/domain/chat.js';
import { messageTime, reasonText } from './chat-filter.js';
import type { ChatActions } from './use-chat-actions.js';

export interface ReviewQueueProps {
  readonly held: readonly ChatMessage[];
  /** The message A / R act on (the selected one if held, else the oldest). */
  readonly nextId: string | null;
  readonly actions: Pick<ChatActions, 'approve' | 'reject'>;
  readonly onSelect: (id: string) => void;
}

/** Held messages wait here, oldest first, until a moderator approves or rejects them. */
export function ReviewQueue({ held, nextId, actions, onSelect }: ReviewQueueProps) {
  if (held.length === 0) return null;
  return (
    <section className="review-queue" aria-labelledby="review-queue-title">
      <h3 id="review-queue-title" className="review-queue-title">
        Review queue <span className="count-pill">{held.length}</span>
      </h3>
      <ul className="review-list" aria-label="Held messages">
        {held.map((m) => (
          <li
            key={m.id}
            className={`review-item${m.id === nextId ? ' is-next' : ''}`}
            data-testid="held-message"
            aria-current={m.id === nextId ? 'true' : undefined}
          >
            <button type="button" className="review-text link-button" onClick={() => onSelect(m.id)} title="Select (then A / R)">
              <span className="chat-name">{m.name}</span>
              <span className="chat-text" data-testid="chat-text">
                {m.text}
              </span>
              <span className="review-why">
                {messageTime(m.ts)}
                {m.reasons.length > 0 && ` · ${reasonText(m.reasons)}`}
              </span>
            </button>
            <span className="review-actions">
              <button type="button" className="button button-small button-approve" onClick={() => actions.approve(m)} title="Approve (A)">
                Approve
              </button>
              <button type="button" className="button button-small" onClick={() => actions.reject(m)} title="Reject (R)">
                Reject
              </button>
              <button
                type="button"
                className="button button-small button-ghost"
                onClick={() => actions.approve(m, true)}
                title={`Approve, and let ${m.name}'s messages skip the filters`}
              >
                Approve + allow
              </button>
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
