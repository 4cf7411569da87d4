/** Writing to stdout for commands whose output may be large (and piped). */

const closedStreams = new WeakSet<NodeJS.WritableStream>();
const guardedStreams = new WeakSet<NodeJS.WritableStream>();

/**
 * Writes a chunk, waiting when the pipe is full so a big catalog never piles
 * up in memory. When the reader goes away (`studio catalog --json | head`)
 * the rest of the output is dropped quietly instead of crashing on EPIPE.
 */
export async function writeOut(text: string, stream: NodeJS.WritableStream = process.stdout): Promise<void> {
  if (closedStreams.has(stream)) return;
  if (!guardedStreams.has(stream)) {
    guardedStreams.add(stream);
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error;
      closedStreams.add(stream);
      stream.emit('drain');
    });
  }
  if (!stream.write(text)) await new Promise<void>((resolve) => stream.once('drain', () => resolve()));
}
