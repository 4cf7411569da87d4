import type { ChatMessage } from '../../shared/domain/chat.js';

/** The chat message viewers see pinned over the video. */
export function PinnedChatStrip({ message, onUnpin }: { message: ChatMessage; onUnpin: () => void }) {
  return (
    <div className="chat-pinned-strip" data-testid="chat-pinned">
      <span className="chat-pinned-label">Pinned</span>
      <p className="chat-line clip">
        <span className="chat-name">{message.name}</span>
        <span className="chat-text">{message.text}</span>
      </p>
      <button type="button" className="button button-small button-ghost" onClick={onUnpin}>
        Unpin
      </button>
    </div>
  );
}
