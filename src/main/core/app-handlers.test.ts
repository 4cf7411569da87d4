import { describe, expect, it, vi } from 'vitest';
import { appHandlers, type AppHandlerDeps } from './app-handlers.js';

/** The openExternal handler over a platform that opens links with `open`; it needs no other dependency. */
function openExternalWith(open: (url: string) => Promise<boolean>) {
  return appHandlers({ platform: { runtime: 'electron', openExternal: open } } as unknown as AppHandlerDeps).openExternal;
}

describe('openExternal', () => {
  it('opens a link for the desktop window', async () => {
    const open = vi.fn(async () => true);
    const openExternal = openExternalWith(open);
    const result = await openExternal({ url: 'https://myshop.com/p/1' }, { transport: 'ipc', clientId: 'window-1' });
    expect(result).toEqual({ opened: true });
    expect(open).toHaveBeenCalledWith('https://myshop.com/p/1');
  });

  it('never opens a link on the host computer for a producer on the control server', async () => {
    const open = vi.fn(async () => true);
    const openExternal = openExternalWith(open);
    const result = await openExternal({ url: 'https://myshop.com/p/1' }, { transport: 'control', clientId: 'c1', role: 'host' });
    expect(result).toEqual({ opened: false });
    expect(open).not.toHaveBeenCalled();
  });
});
