/**
 * Where an import reads from. Browsers (the producer console) upload the
 * file first; a path on this computer is only accepted from the desktop
 * window, so a remote producer cannot make the studio read arbitrary files.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { ImportSource } from '../../shared/api/contract/catalog.js';
import { StudioError } from '../../shared/api/result.js';
import type { CallContext } from '../api/dispatcher.js';

export interface ResolvedSource {
  readonly filePath: string;
  /** The name the host knows the file by. */
  readonly displayName: string;
  /** Set for uploads: the files to remove once the import is saved. */
  readonly uploadFiles: readonly string[];
}

export async function resolveImportSource(
  source: ImportSource,
  context: CallContext,
  uploadsDir: string,
): Promise<ResolvedSource> {
  if (source.kind === 'path') {
    if (context.transport === 'control') {
      throw new StudioError(
        'unauthorized',
        'The producer console cannot open files on the studio computer. Upload the file instead.',
      );
    }
    const filePath = path.resolve(source.path);
    await expectFile(filePath, `There is no file at ${filePath}.`);
    return { filePath, displayName: path.basename(filePath), uploadFiles: [] };
  }
  // The id is a UUID (checked by the contract), so it cannot climb out of the folder.
  const filePath = path.join(uploadsDir, source.uploadId);
  await expectFile(filePath, 'That upload is no longer on the studio computer. Upload the file again.');
  return { filePath, displayName: await uploadName(filePath), uploadFiles: [filePath, `${filePath}.json`] };
}

async function expectFile(filePath: string, message: string): Promise<void> {
  const stat = await fs.promises.stat(filePath).catch(() => null);
  if (!stat?.isFile()) throw new StudioError('not-found', message);
}

async function uploadName(filePath: string): Promise<string> {
  try {
    const sidecar: unknown = JSON.parse(await fs.promises.readFile(`${filePath}.json`, 'utf8'));
    const name = (sidecar as { originalName?: unknown }).originalName;
    if (typeof name === 'string' && name !== '') return name;
  } catch {
    // No sidecar: the upload id is all we have.
  }
  return path.basename(filePath);
}
