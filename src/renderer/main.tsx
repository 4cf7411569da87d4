import './zod-without-eval.js'; // first: before any module builds or runs a schema
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

const inElectron = window.studio !== undefined;

function start(): void {
  if (inElectron && window.studio) {
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
  // The same `window.studio` as in the desktop app, over the WebSocket.
  Object.defineProperty(window, 'studio', { value: client.api, configurable: true });
  root.render(
    <StrictMode>
      <App studio={client.api} connection={client} />
    </StrictMode>,
  );
}

start();
