import type { StudioApi } from '../src/shared/api/client.js';

declare global {
  interface Window {
    /** The studio API the page uses (preload in Electron, WebSocket client in a browser). */
    readonly studio?: StudioApi;
  }
}
