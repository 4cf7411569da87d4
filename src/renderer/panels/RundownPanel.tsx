import { useCallback, useState } from 'react';
import type { Result } from '../../shared/api/result.js';
import type { RundownState } from '../../shared/domain/rundown.js';
import { GiveawayControl } from '../giveaways/GiveawayControl.js';
import { PracticeAudiencePanel } from '../practice/PracticeAudiencePanel.js';
import { AddSegmentForm } from '../rundown/AddSegmentForm.js';
import { LiveControls } from '../rundown/LiveControls.js';
import { useRundown } from '../rundown/rundown-context.js';
import { RundownList } from '../rundown/RundownList.js';
import { ShowPicker } from '../rundown/ShowPicker.js';
import { EmptyState } from '../ui/EmptyState.js';
import { Panel } from './Panel.js';

/** The show plan and its live cursor. */
export function RundownPanel() {
  const { rundown, loadError, apply, currentItem } = useRundown();
  const [error, setError] = useState<string | null>(null);
  const run = useCallback(
    async (call: Promise<Result<RundownState>>) => {
      const message = await apply(call);
      setError(message);
      return message === null;
    },
    [apply],
  );

  return (
    <Panel id="rundown" title="Rundown">
      <div className="rundown">
        <ShowPicker run={run} onError={setError} />
        {(error ?? loadError) && (
          <p className="banner banner-error" role="alert">
            {error ?? loadError}
          </p>
        )}
        {/* Only in a practice show: the simulated audience the host rehearses with. */}
        {rundown && <PracticeAudiencePanel />}
        {rundown && <LiveControls run={run} />}
        <GiveawayControl suggestedPrize={currentItem?.kind === 'segment' && currentItem.segmentType === 'giveaway' ? currentItem.title : null} />
        {rundown && rundown.items.length === 0 && (
          <EmptyState title="Nothing in this show yet">
            Add products from the catalog (select a row and press A, or drag it here) and segments such as an intro, a giveaway
            or Q&amp;A. The current item is what the Pin button puts on screen.
          </EmptyState>
        )}
        {rundown && <RundownList run={run} />}
        {rundown && <AddSegmentForm onError={setError} />}
        {rundown && rundown.items.length > 0 && (
          <p className="keys-hint" aria-hidden="true">
            <kbd>↑</kbd>
            <kbd>↓</kbd> select · <kbd>Alt</kbd>+<kbd>↑</kbd>
            <kbd>↓</kbd> move · <kbd>Del</kbd> remove · drag to reorder
          </p>
        )}
        {rundown && rundown.items.length > 0 && (
          <p className="keys-hint" data-testid="pin-keys-legend" title="Selling keys work anywhere in the studio except while typing">
            <kbd>P</kbd> pin · <kbd>N</kbd> next + pin · <kbd>U</kbd> unpin · <kbd>1</kbd>–<kbd>9</kbd> pin item · <kbd>H</kbd> auction
          </p>
        )}
      </div>
    </Panel>
  );
}
