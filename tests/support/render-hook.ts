/**
 * Renders a hook in a real React root (the test file runs in happy-dom:
 * `// @vitest-environment happy-dom`), under whatever providers `wrap` puts
 * around it, with every change wrapped in `act`.
 */
import { act, createElement, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import type { StudioApi } from '../../src/shared/api/client.js';
import { StudioContext } from '../../src/renderer/api/studio-context.js';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

export interface RenderedHook<R> {
  /** What the hook returned on its last render. */
  readonly current: R;
  /** Every value it returned, in order. */
  readonly renders: readonly R[];
  unmount(): void;
}

export function renderHook<R>(studio: StudioApi, hook: () => R, wrap: (children: ReactNode) => ReactNode = (c) => c): RenderedHook<R> {
  const renders: R[] = [];
  function Probe(): null {
    renders.push(hook());
    return null;
  }
  const root = createRoot(document.createElement('div'));
  act(() => root.render(createElement(StudioContext.Provider, { value: studio }, wrap(createElement(Probe)))));
  return {
    get current() {
      return renders[renders.length - 1]!;
    },
    renders,
    unmount: () => act(() => root.unmount()),
  };
}

/** Runs `change` (an answer, an event) and lets React and the promises it resolved settle. */
export async function settle(change: () => void = () => undefined): Promise<void> {
  await act(async () => {
    change();
    await Promise.resolve();
  });
}
