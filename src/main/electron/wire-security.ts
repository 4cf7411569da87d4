import type { App, DesktopCapturer, Session, Shell } from 'electron';
import { isAppUrl, isExternalLinkAllowed, isNavigationAllowed, isPermissionGranted } from './security-policy.js';

/** Applies the permission policy to a session. */
export function applyPermissionPolicy(session: Session): void {
  session.setPermissionRequestHandler((_webContents, permission, callback, details) => {
    callback(isPermissionGranted(permission, details.requestingUrl));
  });
  session.setPermissionCheckHandler((_webContents, permission, requestingOrigin) =>
    isPermissionGranted(permission, requestingOrigin),
  );
}

/**
 * Every web contents: no navigation away from the app, no new windows
 * (https links go to the system browser instead), no <webview>.
 */
export function applyNavigationPolicy(app: App, shell: Pick<Shell, 'openExternal'>): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event, url) => {
      if (!isNavigationAllowed(url)) event.preventDefault();
    });
    contents.on('will-redirect', (event, url) => {
      if (!isNavigationAllowed(url)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      if (isExternalLinkAllowed(url)) void shell.openExternal(url); // eng-disable OPEN_EXTERNAL_JS_CHECK: https only (isExternalLinkAllowed)
      return { action: 'deny' };
    });
  });
}

/**
 * Screen and window capture for the compositor's "Screen" source: the
 * system picker where the OS has one (macOS), otherwise the first screen.
 * Only the app's own pages may capture.
 */
export function applyDisplayMediaPolicy(session: Session, desktopCapturer: Pick<DesktopCapturer, 'getSources'>): void {
  session.setDisplayMediaRequestHandler(
    (request, callback) => {
      if (!isAppUrl(request.frame?.url ?? request.securityOrigin)) {
        callback({});
        return;
      }
      void desktopCapturer
        .getSources({ types: ['screen', 'window'] })
        .then((sources) => {
          const screen = sources.find((s) => s.id.startsWith('screen:')) ?? sources[0];
          callback(screen ? { video: screen } : {});
        })
        .catch(() => callback({}));
    },
    { useSystemPicker: true },
  );
}
