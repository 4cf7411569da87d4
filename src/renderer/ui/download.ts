import type { ExportedFile } from '../../shared/api/contract/selling.js';

/**
 * Saves a file (the claims CSV, the report, chat rules) through the
 * browser's download: the same in Electron and in a producer's browser, and
 * main never writes to a path the UI chose.
 */
export function downloadExportedFile(file: ExportedFile): void {
  const url = URL.createObjectURL(new Blob([file.content], { type: file.mimeType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = file.fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked later: some browsers read the blob after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
