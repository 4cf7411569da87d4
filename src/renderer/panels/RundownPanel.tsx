import { EmptyState, Panel } from './Panel.js';

export function RundownPanel() {
  return (
    <Panel id="rundown" title="Rundown">
      <EmptyState title="No show planned">
        Plan the show here: the products to present, in order, with segments such as intro, giveaway and Q&amp;A. The current
        item is what the Pin button puts on screen.
      </EmptyState>
    </Panel>
  );
}
