import { useEffect, useState } from 'react';
import { ChatConsole } from '../chat/ChatConsole.js';
import { ChatViewersList } from '../chat/ChatViewersList.js';
import { useChatActions } from '../chat/use-chat-actions.js';
import { useChatFeed } from '../chat/use-chat-feed.js';
import { ClaimsPanel } from '../claims/ClaimsPanel.js';
import { ShowReportPanel } from '../report/ShowReportPanel.js';
import { useAbilities } from '../api/role-context.js';
import { onShowClaim } from '../ui/show-claim.js';
import { Panel } from './Panel.js';

type ChatTab = 'messages' | 'viewers' | 'claims' | 'report';

/** The moderated chat: the live list with its review queue, the viewers who chatted, the claims they made, and the show so far. */
export function ChatPanel() {
  const feed = useChatFeed();
  const actions = useChatActions(feed);
  const [tab, setTab] = useState<ChatTab>('messages');
  // Claims and the report are the show's business: a moderator's link sees the chat only.
  const { runShow } = useAbilities();
  // "See the claim" under an auction's result opens the Claims tab at that claim.
  const [focusClaimId, setFocusClaimId] = useState<number | null>(null);
  useEffect(
    () =>
      onShowClaim((claimId) => {
        setFocusClaimId(claimId);
        setTab('claims');
      }),
    [],
  );
  return (
    <Panel
      id="chat"
      title="Chat"
      actions={
        <div className="segmented segmented-small" role="tablist" aria-label="Chat views">
          <button type="button" role="tab" className="segmented-button" aria-selected={tab === 'messages'} onClick={() => setTab('messages')}>
            Messages
          </button>
          <button type="button" role="tab" className="segmented-button" aria-selected={tab === 'viewers'} onClick={() => setTab('viewers')}>
            Viewers{feed.viewers.length > 0 && <span className="count-pill">{feed.viewers.length}</span>}
          </button>
          {runShow && (
            <>
              <button type="button" role="tab" className="segmented-button" aria-selected={tab === 'claims'} onClick={() => setTab('claims')}>
                Claims
              </button>
              <button type="button" role="tab" className="segmented-button" aria-selected={tab === 'report'} onClick={() => setTab('report')}>
                Report
              </button>
            </>
          )}
        </div>
      }
    >
      {/* The console stays mounted: it keeps its scroll and selection while the host checks a viewer. */}
      <div className="chat-tab" hidden={tab !== 'messages'}>
        <ChatConsole feed={feed} actions={actions} />
      </div>
      {tab === 'claims' && runShow && (
        <div className="chat-tab">
          <ClaimsPanel focusClaimId={focusClaimId} />
        </div>
      )}
      {tab === 'report' && runShow && (
        <div className="chat-tab">
          <ShowReportPanel compact />
        </div>
      )}
      {tab === 'viewers' && (
        <div className="chat-tab">
          <ChatViewersList viewers={feed.viewers} actions={actions} />
          {actions.notice && (
            <p className={`chat-notice notice-${actions.notice.kind}`} role={actions.notice.kind === 'error' ? 'alert' : 'status'}>
              {actions.notice.text}
            </p>
          )}
        </div>
      )}
    </Panel>
  );
}
