import { useAbilities } from '../api/role-context.js';
import { PracticeBanner } from '../practice/PracticeBanner.js';
import { LiveStatusPill } from '../publish/LiveStatusPill.js';
import { RecordingIndicator } from '../recording/RecordingIndicator.js';
import type { View } from './App.js';

const ROLE_BADGE = { host: 'Host', producer: 'Producer', moderator: 'Moderator' } as const;

export function TopBar({ view, onNavigate, remote }: { view: View; onNavigate: (v: View) => void; remote: boolean }) {
  const { role, runShow, changeSettings } = useAbilities();
  return (
    <header className="top-bar">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true" />
        <span className="brand-name">Live Seller Studio</span>
        {remote && (
          <span className="badge" title="You are controlling the studio from a browser" data-testid="role-badge">
            Producer console · {ROLE_BADGE[role]}
          </span>
        )}
      </div>
      <div className="top-bar-status" role="status" aria-label="Show status">
        <PracticeBanner />
        <LiveStatusPill />
        <RecordingIndicator />
      </div>
      <nav className="top-bar-actions">
        {view === 'studio' && runShow && (
          <>
            <button type="button" className="button" onClick={() => onNavigate('report')}>
              Report
            </button>
            <button type="button" className="button" onClick={() => onNavigate('recordings')}>
              Recordings
            </button>
          </>
        )}
        {view === 'settings' ? (
          <button type="button" className="button" onClick={() => onNavigate('studio')}>
            Back to studio
          </button>
        ) : (
          changeSettings && (
            <button type="button" className="button" onClick={() => onNavigate('settings')}>
              Settings
            </button>
          )
        )}
      </nav>
    </header>
  );
}
