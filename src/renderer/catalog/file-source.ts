import type { ImportSource } from '../../shared/api/contract/catalog.js';
import { CONTROL_API_PATH } from '../../shared/api/control-protocol.js';
import type { Result } from '../../shared/api/result.js';
import { storedToken } from '../api/control-client.js';

declare global {
  interface Window {
    /** Set by the Electron preload: the path of a file the host picked (webUtils.getPathForFile). */
    readonly studioFiles?: { pathForFile(file: File): string };
  }
}

export interface FileSourceOptions {
  /** Upload progress, 0..1 (browser only; the desktop app reads the file in place). */
  readonly onProgress?: (fraction: number) => void;
  readonly signal?: AbortSignal;
}

/**
 * Turns a file the user picked into something main can read:
 *  - desktop app: the file's path on this computer (main reads it directly);
 *  - browser: the file uploaded to the control server, named by its upload id.
 */
export async function importSourceFor(file: File, options: FileSourceOptions = {}): Promise<Result<ImportSource>> {
  const path = window.studioFiles?.pathForFile(file);
  if (path) return { ok: true, value: { kind: 'path', path } };
  const token = storedToken();
  if (!token) {
    return {
      ok: false,
      error: { code: 'unavailable', message: 'This window cannot read files. Import from the studio app or the producer link.' },
    };
  }
  return uploadFile(file, token, options);
}

/** POST /api/upload (see control-server.ts). XHR rather than fetch, for upload progress. */
function uploadFile(file: File, token: string, { onProgress, signal }: FileSourceOptions): Promise<Result<ImportSource>> {
  return new Promise((resolve) => {
    const fail = (message: string) => resolve({ ok: false, error: { code: 'unavailable', message } });
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `${CONTROL_API_PATH}/upload?name=${encodeURIComponent(file.name)}`);
    xhr.setRequestHeader('Authorization', `Bearer ${token}`);
    xhr.responseType = 'json';
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) onProgress?.(e.loaded / e.total);
    };
    xhr.onload = () => {
      const body = xhr.response as Result<{ uploadId: string }> | null;
      if (body && body.ok) resolve({ ok: true, value: { kind: 'upload', uploadId: body.value.uploadId } });
      else if (body && !body.ok) resolve(body);
      else fail(`The studio did not accept the file (HTTP ${xhr.status}).`);
    };
    xhr.onerror = () => fail('Could not send the file to the studio. Check the connection and try again.');
    xhr.onabort = () => fail('Upload cancelled.');
    signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(file);
  });
}
