import net from 'node:net';
import { expect, test } from './studio-fixture.js';

/** A port nothing listens on (bound, read, released). */
const closedPort = () =>
  new Promise<number>((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });

test('Settings → OBS guides the setup and says in host words when OBS is not there', async ({ page, studio }) => {
  await page.goto(studio.url);
  await page.getByRole('button', { name: 'Settings' }).click();
  const obs = page.getByRole('region', { name: 'OBS' });
  await expect(obs).toContainText('Tools → WebSocket Server Settings');
  await expect(obs).toContainText('OBS Virtual Camera');
  await expect(obs.getByTestId('obs-status')).toHaveAttribute('data-state', 'disconnected');

  const port = await closedPort();
  await obs.getByLabel('OBS address').fill(`ws://127.0.0.1:${port}`);
  await obs.getByLabel('OBS WebSocket password').fill('typed-secret');
  await obs.getByRole('button', { name: 'Test connection' }).click();
  await expect(obs.getByRole('alert')).toHaveText(`OBS is not running at 127.0.0.1:${port} — in OBS, open Tools → WebSocket Server Settings and enable it.`);
  // The password went to main and is never shown again.
  await expect(obs.getByLabel('OBS WebSocket password')).toHaveValue('');
  await expect(obs.getByLabel('OBS WebSocket password')).toHaveAttribute('placeholder', 'Leave empty to keep the saved password');
  await obs.getByRole('button', { name: 'Disconnect' }).click();
  await expect(obs.getByTestId('obs-status')).toHaveAttribute('data-state', 'disconnected');
});
