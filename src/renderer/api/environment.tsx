import { createContext, useCallback, useContext } from 'react';
import { useStudio } from './studio-context.js';
import { httpsUrl } from '../ui/safe-url.js';

/**
 * Where this UI runs. `remote` is true in a browser (producer console over
 * the control server), false in the desktop app's window. Components rarely
 * need it: only for things that must happen on the viewer's own computer,
 * such as opening a link.
 */
export interface StudioEnvironment {
  readonly remote: boolean;
}

export const StudioEnvironmentContext = createContext<StudioEnvironment>({ remote: false });

export function useStudioEnvironment(): StudioEnvironment {
  return useContext(StudioEnvironmentContext);
}

/**
 * Opens a product's buy link for the person at this screen: through main in
 * the desktop app (which only opens https, in the system browser), or a new
 * tab in a browser. Returns false if the link is not an https address.
 */
export function useOpenLink(): (url: string) => Promise<boolean> {
  const studio = useStudio();
  const { remote } = useStudioEnvironment();
  return useCallback(
    async (url: string) => {
      const safe = httpsUrl(url);
      if (!safe) return false;
      if (remote) {
        window.open(safe, '_blank', 'noopener,noreferrer');
        return true;
      }
      const result = await studio.openExternal({ url: safe }); // eng-disable OPEN_EXTERNAL_JS_CHECK: a request to main, not Electron's shell
      return result.ok && result.value.opened;
    },
    [studio, remote],
  );
}
