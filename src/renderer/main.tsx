import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import type { StudioApi } from '../shared/api/client.js';
import { ControlClient, takeTokenFromLocation } from './api/control-client.js';
import { App } from './app/App.js';
import { TokenPrompt } from './app/TokenPrompt.js';
import './styles.css';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in a browser. */
    readonly studio?: StudioApi;
  }
}

const root = createRoot(document.getElementById('root')!);

function start(): void {
  if (window.studio) {
    root.render(
      <StrictMode>
        <App studio={window.studio} connection={null} />
      </StrictMode>,
    );
    return;
  }
  const token = takeTokenFromLocation();
  if (!token) {
    root.render(<TokenPrompt onToken={() => start()} />);
    return;
  }
  const client = new ControlClient(token);
  root.render(
    <StrictMode>
      <App studio={client.api} connection={client} />
    </StrictMode>,
  );
}

start();
