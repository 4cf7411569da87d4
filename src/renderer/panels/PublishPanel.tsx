import { useStudio } from '../api/studio-context.js';
import { useEffect, useState } from 'react';
import type { Settings } from '../../shared/domain/settings.js';
import { EmptyState, Panel } from './Panel.js';

export function PublishPanel() {
  const studio = useStudio();
  const [sfuUrl, setSfuUrl] = useState<string | null>(null);
  useEffect(() => {
    void studio.getSettings().then((r) => r.ok && setSfuUrl(r.value.sfu.url));
    return studio.onSettingsChanged((s: Settings) => setSfuUrl(s.sfu.url));
  }, [studio]);
  return (
    <Panel id="publish" title="Stream">
      <dl className="facts">
        <dt>Status</dt>
        <dd>Offline</dd>
        <dt>Streaming server</dt>
        <dd data-testid="publish-sfu">{sfuUrl === null ? '…' : sfuUrl || 'Built-in (this computer)'}</dd>
      </dl>
      <EmptyState title="Not live">
        Stream health shows here once you go live: bitrate, packet loss, round-trip time, frame rate and viewer count.
      </EmptyState>
    </Panel>
  );
}
