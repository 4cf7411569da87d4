import { describe, expect, it } from 'vitest';
import { sampleCard } from '../../../tests/harness/signal-client.js';
import { PinVersions } from './pin-versions.js';

describe('PinVersions', () => {
  it('a newer pin answered before an older one still counts; an old refusal does not fail the new pin', () => {
    const pins = new PinVersions();
    expect(pins.delivery()).toBe('delivered'); // nothing asked yet
    pins.want(sampleCard);
    const first = pins.toSend()!;
    pins.want(null);
    const second = pins.toSend()!;
    expect(second.version).toBeGreaterThan(first.version);
    expect(pins.failed(first.version, 'refused')).toBe(false);
    expect(pins.delivery()).toBe('pending');
    expect(pins.delivered(second.version)).toBe(true);
    expect(pins.delivery()).toBe('delivered');
    expect(pins.toSend()).toBeNull();
    // A new connection: the room may not show it, so it is sent again.
    pins.forgetDelivered();
    expect(pins.toSend()?.version).toBe(second.version);
  });

  it('a waiter hears the refusal of the pin it waits for, with its reason', async () => {
    const pins = new PinVersions();
    pins.want(sampleCard);
    const waiting = pins.wait(10_000, () => true);
    pins.failed(pins.toSend()!.version, 'The card was refused.');
    expect(await waiting).toBe('failed');
    expect(pins.failureText()).toBe('The card was refused.');
  });
});
