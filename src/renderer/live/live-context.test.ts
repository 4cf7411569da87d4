// @vitest-environment happy-dom
/**
 * The live contexts are split by how often they change: a viewer coming or
 * going (the SFU status) must not re-render what reads only the pin and
 * the commands, such as every Pin button.
 */
import { createElement, type ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import type { AirState, PinState, SfuStatus } from '../../shared/domain/live.js';
import { FakeStudio } from '../../../tests/support/fake-studio.js';
import { renderHook, settle } from '../../../tests/support/render-hook.js';
import { LiveProvider, useAirState, useLiveCommands, usePin } from './live-context.js';

const sfu = (viewerCount: number): SfuStatus => ({
  mode: 'embedded',
  state: 'connected',
  signalUrl: null,
  viewerUrls: [],
  room: 'show',
  live: true,
  viewerCount,
  error: null,
});

const onAir = (viewers: number): AirState => ({ phase: 'live', since: 500, where: 'the desktop window', viewers, now: 1_000 });

const nothingPinned = (now: number): PinState => ({ current: null, deal: null, autoUnpinAt: null, now, targets: { sfu: 'off', obs: 'off' } });

describe('LiveProvider', () => {
  it('a viewer-count change does not re-render a Pin button; a pin change does; the commands never change', async () => {
    const studio = new FakeStudio(['getSfuStatus', 'getAirState', 'getPinState'], ['sfuStatusChanged', 'airStateChanged', 'pinChanged']);
    const wrap = (children: ReactNode) => createElement(LiveProvider, null, children);
    const pinButton = renderHook(studio.api, () => ({ pin: usePin(), commands: useLiveCommands() }), wrap);
    const pill = renderHook(studio.api, () => useAirState(), wrap);
    await settle(() => studio.next('getSfuStatus').answer(sfu(1)));
    await settle(() => studio.next('getAirState').answer(onAir(1)));
    await settle(() => studio.next('getPinState').answer(nothingPinned(1_000)));
    const renders = pinButton.renders.length;
    const commands = pinButton.current.commands;

    for (let viewers = 2; viewers < 10; viewers++) {
      await settle(() => studio.emit('sfuStatusChanged', sfu(viewers)));
      await settle(() => studio.emit('airStateChanged', onAir(viewers)));
    }
    expect(pinButton.renders.length).toBe(renders);
    // The air state is main's, as it pushed it: what the top bar of every window shows.
    expect(pill.current).toEqual(onAir(9));

    await settle(() => studio.emit('pinChanged', nothingPinned(2_000)));
    expect(pinButton.renders.length).toBe(renders + 1);
    expect(pinButton.current.commands).toBe(commands);
    pinButton.unmount();
    pill.unmount();
  });
});
