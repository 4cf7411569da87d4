import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A seller's store page on an origin of its own (`http://localhost:<port>`,
 * while the SFU is `http://127.0.0.1:<port>`): it pastes the embed snippet,
 * records every message from the SFU's origin in `window.lssMessages`, and
 * answers `lss:buy-clicked` with `lss:buy-handled` (it "added to its own
 * cart"; not with `handle=0`). `/?show=<room>&next=<ISO>&replay=<name>` picks the snippet's data;
 * `/frame-watch?show=<room>` frames the watch page directly instead.
 */
export async function startStoreSite(sfuUrl: () => string): Promise<{ origin: string; close: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const show = url.searchParams.get('show') ?? '';
    const sfu = sfuUrl();
    const attrs = [['data-show', show], ['data-next-show', url.searchParams.get('next')], ['data-replay', url.searchParams.get('replay')]]
      .filter(([, v]) => v)
      .map(([k, v]) => `${k}="${escapeAttribute(v!)}"`)
      .join(' ');
    const embed =
      url.pathname === '/frame-watch'
        ? `<iframe id="watch-frame" title="Watch" src="${escapeAttribute(`${sfu}/watch/${show}`)}"></iframe>`
        : `<script src="${escapeAttribute(`${sfu}/embed.js`)}" ${attrs} async></script>`;
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>A store</title></head><body>
<h1>A store</h1>
<script>
  const SFU = ${JSON.stringify(new URL(sfu).origin)};
  const HANDLES_BUY = ${JSON.stringify(url.searchParams.get('handle') !== '0')};
  window.lssMessages = [];
  addEventListener('message', (event) => {
    if (event.origin !== SFU) return;
    window.lssMessages.push(event.data);
    if (HANDLES_BUY && event.data && event.data.type === 'lss:buy-clicked') {
      event.source.postMessage({ type: 'lss:buy-handled', productId: event.data.productId }, SFU);
    }
  });
</script>
${embed}
</body></html>`);
  });
  await new Promise<void>((resolve) => server.listen(0, 'localhost', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://localhost:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function escapeAttribute(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
