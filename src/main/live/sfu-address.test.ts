import { describe, expect, it } from 'vitest';
import { sfuRoomSchema } from '../../shared/domain/settings.js';
import { generateRoomName, remoteSfuAddress, watchUrl } from './sfu-address.js';

describe('remoteSfuAddress', () => {
  it.each([
    ['wss://live.shop.com', 'wss://live.shop.com/signal', 'https://live.shop.com'],
    ['https://live.shop.com/', 'wss://live.shop.com/signal', 'https://live.shop.com'],
    ['wss://live.shop.com/signal', 'wss://live.shop.com/signal', 'https://live.shop.com'],
    ['http://192.168.1.20:4443', 'ws://192.168.1.20:4443/signal', 'http://192.168.1.20:4443'],
    ['https://shop.com/live/', 'wss://shop.com/live/signal', 'https://shop.com/live'],
    ['https://shop.com/live/watch', 'wss://shop.com/live/signal', 'https://shop.com/live'],
  ])('%s -> signaling %s, watch page under %s', (raw, signalUrl, watchBase) => {
    const address = remoteSfuAddress(raw);
    expect(address.signalUrl).toBe(signalUrl);
    expect(address.watchBase).toBe(watchBase);
    expect(watchUrl(address.watchBase, 'spring-sale')).toBe(`${watchBase}/watch/spring-sale`);
  });
});

describe('generateRoomName', () => {
  it('makes valid, readable, different room names', () => {
    const names = new Set(Array.from({ length: 50 }, generateRoomName));
    expect(names.size).toBe(50);
    for (const name of names) {
      expect(name).toMatch(/^shop-[a-km-z2-9]{6}$/);
      expect(sfuRoomSchema.safeParse(name).success).toBe(true);
    }
  });
});
