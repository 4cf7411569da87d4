import { useEffect, useMemo, useState } from 'react';
import type { StudioApi } from '../../shared/api/client.js';
import type { ControlClient } from '../api/control-client.js';
import { StudioEnvironmentContext } from '../api/environment.js';
import { RoleProvider, useSignedInRole } from '../api/role-context.js';
import { StudioClockProvider } from '../api/studio-clock.js';
import { CompositorProvider } from '../compositor/compositor-context.js';
import { StudioContext } from '../api/studio-context.js';
import { LiveProvider } from '../live/live-context.js';
import { PublishProvider } from '../publish/publish-context.js';
import { RecordingProvider } from '../recording/recording-context.js';
import { RecordingsView } from '../recording/RecordingsView.js';
import { RundownProvider } from '../rundown/rundown-context.js';
import { ShowReportPanel } from '../report/ShowReportPanel.js';
import { SettingsScreen } from '../settings/SettingsScreen.js';
import { ConnectionBanner } from './ConnectionBanner.js';
import { StudioLayout } from './StudioLayout.js';
import { TopBar } from './TopBar.js';

export type View = 'studio' | 'settings' | 'report' | 'recordings';

const HASH_VIEWS: Readonly<Record<string, View>> = { '#settings': 'settings', '#report': 'report', '#recordings': 'recordings' };
/** `#settings/<section>` opens Settings at that section (the Stream panel links to `#settings/destinations`). */
const viewFromHash = (): View => {
  const { hash } = window.location;
  if (hash.startsWith('#settings/')) return 'settings';
  return HASH_VIEWS[hash] ?? 'studio';
};

export interface AppProps {
  readonly studio: StudioApi;
  /** The browser transport, to show its connection state; null in the desktop app. */
  readonly connection: ControlClient | null;
}

export function App({ studio, connection }: AppProps) {
  const [view, setView] = useState<View>(viewFromHash);
  const environment = useMemo(() => ({ remote: connection !== null }), [connection]);
  // The desktop window is the host; a browser learns its link's role when it signs in.
  const role = useSignedInRole(connection);
  useEffect(() => {
    const onHash = () => setView(viewFromHash());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  const go = (next: View) => {
    window.location.hash = next === 'studio' ? '' : next;
    setView(next);
  };
  if (role === null) {
    return (
      <div className="app">
        {connection && <ConnectionBanner client={connection} />}
        <main className="app-main">
          <p className="signing-in">Signing in to the studio…</p>
        </main>
      </div>
    );
  }
  // Settings are the host's; the report and the recordings need a producer's link at least.
  const shown: View = (view === 'settings' && role !== 'host') || ((view === 'report' || view === 'recordings') && role === 'moderator') ? 'studio' : view;
  const frame = (
    <div className="app">
      <TopBar view={shown} onNavigate={go} remote={connection !== null} />
      {connection && <ConnectionBanner client={connection} />}
      <main className="app-main">
        {shown === 'settings' ? (
          <SettingsScreen onClose={() => go('studio')} />
        ) : shown === 'report' ? (
          <ShowReportPanel onClose={() => go('studio')} />
        ) : shown === 'recordings' ? (
          <RecordingsView onClose={() => go('studio')} />
        ) : (
          <StudioLayout />
        )}
      </main>
    </div>
  );
  return (
    <StudioContext.Provider value={studio}>
      <StudioEnvironmentContext.Provider value={environment}>
        <RoleProvider role={role}>
          {/* Above the view switch: opening Settings must not stop the show or the camera. */}
          <StudioClockProvider>
            <LiveProvider>
              <PublishProvider>
                <CompositorProvider>
                  {/* A moderator's console has no recordings or rundown to see. The rundown stays loaded
                      while Settings is open, so 1–9 pin at once on the way back. */}
                  {role === 'moderator' ? (
                    frame
                  ) : (
                    <RecordingProvider>
                      <RundownProvider>{frame}</RundownProvider>
                    </RecordingProvider>
                  )}
                </CompositorProvider>
              </PublishProvider>
            </LiveProvider>
          </StudioClockProvider>
        </RoleProvider>
      </StudioEnvironmentContext.Provider>
    </StudioContext.Provider>
  );
}
