import { expect, test } from './studio-fixture.js';

test('the producer link opens the studio, and window.studio reads and saves through the control server', async ({
  page,
  studio,
}) => {
  await page.goto(studio.url);
  for (const title of ['Rundown', 'Program', 'Catalog', 'Chat', 'Stream']) {
    await expect(page.getByRole('heading', { name: title, exact: true })).toBeVisible();
  }
  // The token is taken out of the address bar once read.
  expect(page.url()).not.toContain('token=');

  // An API call through window.studio; its result appears on screen via the settingsChanged event.
  const result = await page.evaluate(() => window.studio!.updateSettings({ sfu: { url: 'wss://live.example-shop.com' } }));
  expect(result.ok).toBe(true);
  await expect(page.getByTestId('publish-sfu')).toHaveText('wss://live.example-shop.com');

  // The settings screen shows what main reports (the data folder this studio was started with).
  await page.getByRole('button', { name: 'Settings' }).click();
  await expect(page.getByTestId('data-dir')).toHaveText(studio.dataDir);
  await expect(page.getByTestId('control-status')).toHaveAttribute('data-state', 'running');
  await expect(page.getByTestId('control-token')).toHaveText(studio.token);

  // Saving through the form persists in SQLite: a reload (token kept for this tab) still shows it.
  await page.getByLabel('Host name').fill('Ana from Ana’s Closet');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Settings saved.' })).toBeVisible();
  await page.reload();
  await expect(page.getByLabel('Host name')).toHaveValue('Ana from Ana’s Closet');
});

test('bad input is refused with a message a host understands, and nothing saved is lost', async ({ page, studio }) => {
  await page.goto(`${studio.url}#settings`);
  await expect(page.getByLabel('Port', { exact: true })).toHaveValue(/\d+/);
  const bad = await page.evaluate(() => window.studio!.updateSettings({ controlServer: { port: 80 } }));
  expect(bad).toEqual({ ok: false, error: { code: 'invalid-input', message: 'Port must be between 1024 and 65535.' } });

  await page.getByLabel('SFU address').fill('ftp://nope');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText('must start with wss://');
  const saved = await page.evaluate(() => window.studio!.getSettings());
  expect(saved.ok && saved.value.sfu.url).toBe('');
});

test('a request with a wrong token is refused and never reaches the studio', async ({ page, studio }) => {
  await page.goto(`${studio.origin}/?token=not-the-token`);
  await expect(page.getByRole('alert')).toContainText('This producer link is not valid');

  // A hand-made client: wrong token, then a request that would change settings.
  const frames = await page.evaluate(async (origin) => {
    const ws = new WebSocket(`${origin.replace('http', 'ws')}/api`);
    const received: unknown[] = [];
    const closed = new Promise<number>((resolve) => (ws.onclose = (e) => resolve(e.code)));
    ws.onmessage = (e) => received.push(JSON.parse(String(e.data)));
    await new Promise((r) => (ws.onopen = r));
    ws.send(JSON.stringify({ type: 'auth', token: 'guess' }));
    ws.send(
      JSON.stringify({ type: 'request', id: 1, channel: 'studio:settings:update', input: { hostName: 'Intruder' } }),
    );
    return { received, code: await closed };
  }, studio.origin);
  expect(frames.code).toBe(4401);
  expect(frames.received[0]).toMatchObject({ type: 'auth-error' });
  expect(frames.received.some((f) => (f as { type: string }).type === 'response')).toBe(false);

  // The real producer still sees the untouched settings.
  await page.goto(studio.url);
  const settings = await page.evaluate(() => window.studio!.getSettings());
  expect(settings.ok && settings.value.hostName).toBe('');
});

test('opening the console without a token asks for the producer link', async ({ page, studio }) => {
  await page.goto(studio.origin);
  await expect(page.getByRole('heading', { name: 'Producer console' })).toBeVisible();
  await page.getByLabel('Producer link or access token').fill(studio.url);
  await page.getByRole('button', { name: 'Connect' }).click();
  await expect(page.getByRole('heading', { name: 'Catalog', exact: true })).toBeVisible();
  const info = await page.evaluate(() => window.studio!.getAppInfo());
  expect(info.ok && info.value.runtime).toBe('web');
});
