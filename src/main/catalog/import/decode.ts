/**
 * Reads a catalog file as a stream of decoded text chunks, so a 50 MB export
 * is never one string. Runs in main (Node).
 *
 * Encoding: a UTF-16 byte order mark selects UTF-16; otherwise the bytes are
 * decoded as UTF-8 (with or without BOM) by a fatal decoder. Stores and
 * spreadsheets on Windows still write Windows-1252 ("Café" as 0xE9), which is
 * never valid UTF-8 once it contains an accent: the decoder then throws
 * `NotUtf8Error` and the caller reads the file again as Windows-1252 (or,
 * when the file did hold real UTF-8 characters, as UTF-8 with U+FFFD for the
 * broken bytes). Doing it this way keeps a single pass for the common case
 * instead of validating every file up front.
 */
import { createReadStream } from 'node:fs';
import iconv from 'iconv-lite';
import { abortError } from './catalog-file-error.js';
import type { FileEncoding } from './types.js';

/**
 * The file is not valid UTF-8. `damagedUtf8` says it still holds well-formed
 * UTF-8 characters (a UTF-8 file with a few broken bytes, e.g. two files
 * pasted together): read it again as UTF-8 with U+FFFD for the broken bytes,
 * rather than turning every "é" into "Ã©". Otherwise read it as Windows-1252.
 */
export class NotUtf8Error extends Error {
  constructor(readonly damagedUtf8: boolean) {
    super('The file is not valid UTF-8.');
    this.name = 'NotUtf8Error';
  }
}

/** Any non-ASCII character except U+FFFD (replacement) and U+FEFF (BOM). */
const REAL_NON_ASCII = /[\u0080-\ufefe\uff00-\ufffc\ufffe\uffff]/;

interface ChunkDecoder {
  write(bytes: Buffer): string;
  end(): string;
}

const READ_CHUNK_BYTES = 256 * 1024;

function utf8Decoder(): ChunkDecoder {
  // ignoreBOM: false (the default) drops a leading UTF-8 BOM.
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let sawUtf8Characters = false;
  const guard = (bytes: Buffer | null, fn: () => string): string => {
    try {
      const text = fn();
      if (!sawUtf8Characters && REAL_NON_ASCII.test(text)) sawUtf8Characters = true;
      return text;
    } catch (error) {
      if (!(error instanceof TypeError)) throw error;
      const failedChunk = bytes === null ? '' : new TextDecoder('utf-8').decode(bytes);
      throw new NotUtf8Error(sawUtf8Characters || REAL_NON_ASCII.test(failedChunk));
    }
  };
  return {
    write: (bytes) => guard(bytes, () => decoder.decode(bytes, { stream: true })),
    end: () => guard(null, () => decoder.decode()),
  };
}

function lenientUtf8Decoder(): ChunkDecoder {
  const decoder = new TextDecoder('utf-8');
  return { write: (bytes) => decoder.decode(bytes, { stream: true }), end: () => decoder.decode() };
}

function utf16Decoder(encoding: 'utf-16le' | 'utf-16be'): ChunkDecoder {
  const decoder = new TextDecoder(encoding);
  return { write: (bytes) => decoder.decode(bytes, { stream: true }), end: () => decoder.decode() };
}

function windows1252Decoder(): ChunkDecoder {
  const decoder = iconv.getDecoder('windows-1252');
  let first = true;
  return {
    write(bytes) {
      // A UTF-8 BOM in front of Windows-1252 text happens when a tool adds one blindly.
      if (first && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
      first = false;
      return decoder.write(bytes);
    },
    end: () => decoder.end() ?? '',
  };
}

/** Picks the decoder from the first bytes: a UTF-16 BOM, else UTF-8. */
function sniffEncoding(firstBytes: Buffer): FileEncoding {
  if (firstBytes[0] === 0xff && firstBytes[1] === 0xfe) return 'utf-16le';
  if (firstBytes[0] === 0xfe && firstBytes[1] === 0xff) return 'utf-16be';
  return 'utf-8';
}

function decoderFor(encoding: FileEncoding): ChunkDecoder {
  switch (encoding) {
    case 'utf-8':
      return utf8Decoder();
    case 'windows-1252':
      return windows1252Decoder();
    case 'utf-16le':
    case 'utf-16be':
      return utf16Decoder(encoding);
  }
}

export interface ReadTextOptions {
  /**
   * 'auto' sniffs UTF-16/UTF-8 and may throw NotUtf8Error; 'windows-1252'
   * and 'damaged-utf-8' (U+FFFD for broken bytes) never fail.
   */
  encoding: 'auto' | 'windows-1252' | 'damaged-utf-8';
  signal?: AbortSignal | undefined;
  onEncoding?: (encoding: FileEncoding) => void;
  onBytes?: (bytesRead: number) => void;
}

/**
 * Yields the file's text chunk by chunk. Aborting destroys the stream at once
 * (even while waiting on the disk) and the generator rejects with an AbortError.
 */
export async function* readTextChunks(filePath: string, options: ReadTextOptions): AsyncGenerator<string, void, undefined> {
  const { signal } = options;
  if (signal?.aborted) throw abortError(signal);
  const stream = createReadStream(filePath, { highWaterMark: READ_CHUNK_BYTES });
  const onAbort = (): void => {
    if (signal) stream.destroy(abortError(signal));
  };
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    let decoder: ChunkDecoder | null = null;
    let bytesRead = 0;
    for await (const chunk of stream) {
      const bytes = chunk as Buffer;
      if (signal?.aborted) throw abortError(signal);
      if (decoder === null) {
        if (options.encoding === 'damaged-utf-8') {
          options.onEncoding?.('utf-8');
          decoder = lenientUtf8Decoder();
        } else {
          const encoding = options.encoding === 'auto' ? sniffEncoding(bytes) : 'windows-1252';
          options.onEncoding?.(encoding);
          decoder = decoderFor(encoding);
        }
      }
      bytesRead += bytes.length;
      options.onBytes?.(bytesRead);
      const text = decoder.write(bytes);
      if (text !== '') yield text;
    }
    const tail = decoder?.end() ?? '';
    if (tail !== '') yield tail;
  } finally {
    signal?.removeEventListener('abort', onAbort);
    stream.destroy();
  }
}
