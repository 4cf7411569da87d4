import { describe, expect, it, vi } from 'vitest';
import { StudioError } from '../../shared/api/result.js';
import { createDispatcher, type Handlers } from './dispatcher.js';

const ctx = { transport: 'ipc', clientId: 'test' } as const;

/** Handlers for every channel; each test overrides the ones it exercises. */
function handlers(overrides: Partial<Handlers>): Handlers {
  return new Proxy(overrides as Handlers, {
    get: (target, key: string) =>
      (target as Record<string, unknown>)[key] ??
      (() => {
        throw new Error(`unexpected call to ${key}`);
      }),
  });
}

describe('createDispatcher', () => {
  it('answers unknown channels with an error and calls nothing', async () => {
    const dispatch = createDispatcher(handlers({}));
    const result = await dispatch('studio:nope:nothing', undefined, ctx);
    expect(result).toEqual({ ok: false, error: { code: 'unknown-channel', message: expect.stringContaining('studio:nope:nothing') } });
  });

  it('validates input with the channel schema before the handler runs', async () => {
    const updateSettings = vi.fn();
    const dispatch = createDispatcher(handlers({ updateSettings }));
    const result = await dispatch('studio:settings:update', { controlServer: { port: 'eighty' } }, ctx);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('invalid-input');
      expect(result.error.message).toContain('Port must be a whole number');
    }
    const extra = await dispatch('studio:settings:update', { hostName: 'x', isAdmin: true }, ctx);
    expect(extra.ok).toBe(false);
    expect(updateSettings).not.toHaveBeenCalled();
  });

  it('passes parsed input (with defaults applied) and the call context to the handler', async () => {
    const updateSettings = vi.fn((patch) => ({ patch }) as never);
    const dispatch = createDispatcher(handlers({ updateSettings }));
    const result = await dispatch('studio:settings:update', { hostName: '  Ana  ' }, ctx);
    expect(result).toEqual({ ok: true, value: { patch: { hostName: 'Ana' } } });
    expect(updateSettings).toHaveBeenCalledWith({ hostName: 'Ana' }, ctx);
  });

  it('turns StudioError into its code and message, and hides other errors behind a generic message', async () => {
    const log = vi.fn();
    const dispatch = createDispatcher(
      handlers({
        getSettings: () => {
          throw new StudioError('conflict', 'The show is live; stop it first.');
        },
        getAppInfo: () => {
          throw new Error('SQLITE_CORRUPT: secret internals');
        },
      }),
      { log },
    );
    expect(await dispatch('studio:settings:get', undefined, ctx)).toEqual({
      ok: false,
      error: { code: 'conflict', message: 'The show is live; stop it first.' },
    });
    const internal = await dispatch('studio:app:info', undefined, ctx);
    expect(internal.ok).toBe(false);
    if (!internal.ok) {
      expect(internal.error.code).toBe('internal');
      expect(internal.error.message).not.toContain('SQLITE');
    }
    expect(log).toHaveBeenCalledOnce();
  });

  it('refuses what the caller\'s role may not do before validating or calling anything, and the IPC window is the host', async () => {
    const updateSettings = vi.fn(() => ({}) as never);
    const getPublishTicket = vi.fn(() => ({}) as never);
    let producersMayGoLive = false;
    const dispatch = createDispatcher(handlers({ updateSettings, getPublishTicket }), { policy: () => ({ producersMayGoLive }) });
    const moderator = { transport: 'control', clientId: 'm', role: 'moderator' } as const;
    const producer = { transport: 'control', clientId: 'p', role: 'producer' } as const;
    expect(await dispatch('studio:settings:update', { hostName: 'x' }, producer)).toEqual({
      ok: false,
      error: { code: 'forbidden', message: "Your producer link can't change settings." },
    });
    expect(await dispatch('studio:live:publish-ticket', undefined, moderator)).toEqual({
      ok: false,
      error: { code: 'forbidden', message: "Your moderator link can't go live." },
    });
    expect((await dispatch('studio:live:publish-ticket', undefined, producer)).ok).toBe(false);
    expect(getPublishTicket).not.toHaveBeenCalled();
    producersMayGoLive = true;
    expect((await dispatch('studio:live:publish-ticket', undefined, producer)).ok).toBe(true);
    expect((await dispatch('studio:settings:update', { hostName: 'x' }, ctx)).ok).toBe(true);
    expect(updateSettings).toHaveBeenCalledOnce();
  });
});
