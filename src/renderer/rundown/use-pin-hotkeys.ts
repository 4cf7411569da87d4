import { useEffect, useRef } from 'react';
import { useLatest, useStudio } from '../api/studio-context.js';
import { useRundown } from './rundown-context.js';
import { isModalOpen, isTypingTarget } from '../ui/Modal.js';
import { useLiveCommands, usePin } from '../live/live-context.js';
import { numberedProducts, pinHotkeyOf, pinTargetOf, type PinHotkey, type RundownPin } from './pin-hotkeys.js';

/**
 * The selling keys for the whole window (mounted once, in the studio
 * layout): P pins the rundown's current item, N moves the rundown on and
 * pins the new item when it is a product, U unpins, 1–9 pin the first nine
 * products of the rundown. One press does it all, without a dialog.
 *
 * 1–9 do not move the rundown cursor: the host may show item 3 again to
 * answer a question without losing the place in the show (and its timing).
 * The rundown marks what is on screen instead (the item's Pin button reads
 * Unpin).
 *
 * Keys are left alone while typing, with a dialog open, with any modifier,
 * on auto-repeat, and when a panel already used the key (the focused chat
 * list's P pins a chat message).
 */
export function usePinHotkeys(): void {
  const studio = useStudio();
  const rundown = useRundown();
  const pinned = usePin();
  const commands = useLiveCommands();
  const latest = useLatest({ studio, rundown, live: { ...commands, pin: pinned } });
  // The pin main last told about: its event, or the answer to a key handled here (which may come first).
  const knownPinId = useRef<number | null>(null);
  const eventPinId = pinned?.current?.id ?? null;
  useEffect(() => {
    knownPinId.current = eventPinId;
  }, [eventPinId]);

  useEffect(() => {
    const run = async (hotkey: PinHotkey) => {
      const { studio, rundown, live } = latest.current;
      // A second press on what is already up is a no-op (re-pinning would end a running deal).
      // Main decides, not this window's copy of the pin: that copy lags right after U.
      const pin = async ({ pin: target, title }: { pin: RundownPin; title: string }) => {
        const before = knownPinId.current;
        const state = await live.pinProduct({ ...target, keepIfPinned: true });
        if (state) knownPinId.current = state.current?.id ?? null;
        if (state?.current && state.current.id === before) live.showNotice(`${title} is already on viewers’ screens.`);
      };
      const state = rundown.rundown;
      switch (hotkey.kind) {
        case 'unpin': {
          const state = await live.unpinProduct();
          if (state) knownPinId.current = null;
          return;
        }
        case 'pin-current': {
          const target = pinTargetOf(rundown.currentItem, 'The show has not started: press N to go to the first item and pin it.');
          if (!target.ok) return live.showNotice(target.notice);
          return pin(target);
        }
        case 'pin-number': {
          const item = state ? numberedProducts(state.items)[hotkey.number - 1] : undefined;
          const target = pinTargetOf(item, `There is no product ${hotkey.number} in the rundown.`);
          if (!target.ok) return live.showNotice(target.notice);
          return pin(target);
        }
        case 'next': {
          if (!state) return live.showNotice('Open a show in the rundown first.');
          if (state.items.length === 0) return live.showNotice('The rundown is empty: add products from the catalog.');
          const before = state.cursor.currentItemId;
          const result = await studio.advanceRundown({ showId: state.show.id, direction: 'next' });
          const error = await rundown.apply(Promise.resolve(result));
          if (error !== null || !result.ok) return live.showNotice(error ?? 'The rundown did not move.');
          const current = result.value.items.find((i) => i.id === result.value.cursor.currentItemId) ?? null;
          // Next on the last item keeps it current: nothing new to show.
          if (current && current.id === before) return live.showNotice('That was the last item of the rundown.');
          // A segment (intro, Q&A) leaves the product on screen: the host decides when it goes.
          if (current?.kind === 'segment') {
            return live.showNotice(
              live.pin?.current ? `Now: ${current.title}. The pinned product stays until you press U.` : `Now: ${current.title} (a segment: nothing to pin).`,
            );
          }
          const target = pinTargetOf(current, 'The rundown did not move.');
          if (!target.ok) return live.showNotice(target.notice);
          return pin(target);
        }
      }
    };
    // One key at a time, in the order pressed: a quick N, N must advance twice, and P after P
    // must see what the first one did.
    let queue: Promise<void> = Promise.resolve();
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || isTypingTarget(event.target) || isModalOpen()) return;
      const hotkey = pinHotkeyOf(event);
      if (!hotkey) return;
      event.preventDefault();
      queue = queue.then(() => run(hotkey)).catch(() => undefined);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [latest]);
}

/** Mounts the selling keys where both the rundown and the pin are known (inside the studio layout). */
export function PinHotkeys(): null {
  usePinHotkeys();
  return null;
}
