// @vitest-environment happy-dom
/**
 * The publish contexts are split by how often they change: what reads only
 * the commands and the camera (the compositor provider) is not re-rendered
 * when who publishes changes, and the commands keep their identity.
 */
import { createElement, type ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import type { PublisherState } from '../../shared/domain/live.js';
import { FakeStudio } from '../../../tests/support/fake-studio.js';
import { renderHook, settle } from '../../../tests/support/render-hook.js';
import { PublishProvider, useCapture, usePublishCommands, usePublisher } from './publish-context.js';

const publishedFrom = (where: string | null): PublisherState => ({
  current: where === null ? null : { publisherId: `p-${where}`, where, since: 1_000 },
  lastTakeOver: null,
});

describe('PublishProvider', () => {
  it('a change of publisher re-renders who shows it, not who only uses the commands and the camera', async () => {
    // The host's window also follows its guests (the backstage before Go live).
    const studio = new FakeStudio(['getPublisher', 'getGuests'], ['publisherChanged', 'guestsChanged']);
    const wrap = (children: ReactNode) => createElement(PublishProvider, null, children);
    const compositorLike = renderHook(studio.api, () => ({ commands: usePublishCommands(), capture: useCapture() }), wrap);
    const pillLike = renderHook(studio.api, () => usePublisher(), wrap);
    await settle(() => studio.pending('getPublisher').forEach((call) => call.answer(publishedFrom(null))));
    const renders = compositorLike.renders.length;
    const commands = compositorLike.current.commands;

    await settle(() => studio.emit('publisherChanged', publishedFrom('a browser at 192.168.1.20')));
    expect(pillLike.current.elsewhere).toBe('a browser at 192.168.1.20');
    expect(compositorLike.renders.length).toBe(renders);
    expect(compositorLike.current.commands).toBe(commands);
    compositorLike.unmount();
    pillLike.unmount();
  });
});
