import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../../tests/support/temp-dir.js';
import { createAppProtocolHandler } from './app-protocol.js';

describe('app:// protocol handler', () => {
  const setup = () => {
    const root = tempDir();
    const ui = path.join(root, 'renderer');
    fs.mkdirSync(ui);
    fs.writeFileSync(path.join(ui, 'index.html'), '<!doctype html><title>Studio</title>');
    fs.writeFileSync(path.join(root, 'studio.sqlite'), 'private data');
    return createAppProtocolHandler(ui, () => ['ws://127.0.0.1:*']);
  };

  it('serves the UI with the CSP header', async () => {
    const handle = setup();
    const response = await handle(new Request('app://studio/index.html'));
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<title>Studio</title>');
    const csp = response.headers.get('content-security-policy')!;
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain('connect-src \'self\' ws://127.0.0.1:*');
  });

  it('refuses paths outside the UI folder and other hosts', async () => {
    const handle = setup();
    // URL parsing already folds "/../"; the encoded form reaches the handler.
    for (const url of ['app://studio/%2e%2e/studio.sqlite', 'app://studio/..%2fstudio.sqlite', 'app://elsewhere/index.html']) {
      const response = await handle(new Request(url));
      expect(response.status, url).toBe(404);
      expect(await response.text()).not.toContain('private data');
    }
  });
});
