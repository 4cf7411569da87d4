import { useEffect, useMemo, useState } from 'react';
import type { ChatViewer } from '../../shared/domain/chat.js';
import { useAbilities } from '../api/role-context.js';
import { timeoutLeft } from './chat-filter.js';
import type { ChatActions } from './use-chat-actions.js';

/** Enough to find the people who matter; the search narrows the rest. */
const MAX_ROWS = 300;

export interface ChatViewersListProps {
  readonly viewers: readonly ChatViewer[];
  readonly actions: Pick<ChatActions, 'ban' | 'unban' | 'setModerator'>;
}

/** Everyone who chatted: message counts, timeouts, bans (kept across shows), moderators. */
export function ChatViewersList({ viewers, actions }: ChatViewersListProps) {
  // Who moderates is a producer's call (the roles table); a moderator's link does not offer it.
  const { runShow: mayAppointModerators } = useAbilities();
  const [query, setQuery] = useState('');
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 5000);
    return () => clearInterval(timer);
  }, []);
  const shown = useMemo(() => {
    const needle = query.trim().toLocaleLowerCase();
    return viewers
      .filter((v) => !needle || v.name.toLocaleLowerCase().includes(needle))
      .sort((a, b) => Number(b.banned) - Number(a.banned) || b.messageCount - a.messageCount || a.name.localeCompare(b.name))
      .slice(0, MAX_ROWS);
  }, [viewers, query]);

  if (viewers.length === 0) return <p className="chat-empty-text">Nobody has chatted yet.</p>;
  return (
    <div className="chat-viewers">
      <input
        type="search"
        className="search-input"
        aria-label="Find a viewer"
        placeholder={`Find among ${viewers.length.toLocaleString()} viewers…`}
        value={query}
        onChange={(e) => setQuery(e.target.value)}
      />
      <div className="table-scroll chat-viewers-scroll">
        <table className="data-table" aria-label="Chat viewers">
          <thead>
            <tr>
              <th>Name</th>
              <th className="cell-num">Msgs</th>
              <th>Status</th>
              <th className="cell-action">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {shown.map((v) => {
              const timedOut = v.timedOutUntil !== null && v.timedOutUntil > now;
              return (
                <tr key={v.viewerId} data-testid="chat-viewer">
                  <td className="cell-clip" title={v.name}>
                    {v.moderator && <span className="role-badge role-badge-mod">Mod</span>}
                    {v.name}
                  </td>
                  <td className="cell-num">{v.messageCount.toLocaleString()}</td>
                  <td>
                    {v.banned && <span className="chat-chip chip-blocked">Banned</span>}
                    {timedOut && <span className="chat-chip chip-held">Timeout · {timeoutLeft(v.timedOutUntil!, now)}</span>}
                    {v.allowListed && <span className="chat-chip chip-question">Allowed</span>}
                  </td>
                  <td className="cell-action">
                    <span className="viewer-actions">
                      {mayAppointModerators && (
                        <button
                          type="button"
                          className="button button-small button-ghost"
                          aria-pressed={v.moderator}
                          title={v.moderator ? `Take moderator rights from ${v.name}` : `Make ${v.name} a moderator for this show`}
                          onClick={() => actions.setModerator(v.viewerId, v.name, !v.moderator)}
                        >
                          Mod
                        </button>
                      )}
                      {v.banned ? (
                        <button type="button" className="button button-small" onClick={() => actions.unban(v.viewerId, v.name)}>
                          Unban
                        </button>
                      ) : (
                        <button type="button" className="button button-small button-danger" onClick={() => actions.ban(v.viewerId, v.name)}>
                          Ban
                        </button>
                      )}
                    </span>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}
