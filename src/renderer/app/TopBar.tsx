import { LiveStatusPill } from '../publish/LiveStatusPill.js';
import type { View } from './App.js';

export function TopBar({ view, onNavigate, remote }: { view: View; onNavigate: (v: View) => void; remote: boolean }) {
  return (
    <header className="top-bar">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true" />
        <span className="brand-name">Live Seller Studio</span>
        {remote && (
          <span className="badge" title="You are controlling the studio from a browser">
            Producer console
          </span>
        )}
      </div>
      <div className="top-bar-status" role="status" aria-label="Show status">
        <LiveStatusPill />
      </div>
      <nav className="top-bar-actions">
        {view === 'studio' && (
          <button type="button" className="button" onClick={() => onNavigate('report')}>
            Report
          </button>
        )}
        {view === 'settings' ? (
          <button type="button" className="button" onClick={() => onNavigate('studio')}>
            Back to studio
          </button>
        ) : (
          <button type="button" className="button" onClick={() => onNavigate('settings')}>
            Settings
          </button>
        )}
      </nav>
    </header>
  );
}
