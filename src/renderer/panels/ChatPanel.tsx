import { EmptyState, Panel } from './Panel.js';

export function ChatPanel() {
  return (
    <Panel id="chat" title="Chat">
      <EmptyState title="Chat starts when you go live">
        Viewer messages arrive here after your filters: questions stay visible, spam and links wait in the review queue,
        and you can time out or ban anyone in one click.
      </EmptyState>
    </Panel>
  );
}
