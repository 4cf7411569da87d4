import { hostOf } from './ffmpeg-args.js';

/** What a pusher's end means for its destination. */
export interface PusherVerdict {
  /** `failed`: the server refused the stream; retrying will not help until the host changes something. */
  readonly outcome: 'retry' | 'failed';
  /** In words a host understands. */
  readonly reason: string;
}

/**
 * Reads why a pusher (ffmpeg → RTMP/RTMPS) ended from its messages (the key
 * already masked) and whether any frame had gone out.
 *
 * A server that accepts the connection and then refuses the publish (a
 * wrong or expired key, a banned account) closes it before the first
 * frame: ffmpeg says "Input/output error" right after connecting, or
 * "Server error: …" when the server gave a reason. That is `failed`, not
 * retried on its own: the same key would be refused again, and retrying a
 * refused key can get an account flagged. Anything to do with reaching the
 * server (refused, no route, DNS, TLS, a drop mid-stream) is retried.
 */
export function judgePusherEnd(url: string, messages: string, sentFrames: boolean): PusherVerdict {
  const host = hostOf(url);
  const text = messages.toLowerCase();
  if (/connection refused/.test(text)) {
    return { outcome: 'retry', reason: `Cannot reach ${host}: the server refused the connection.` };
  }
  if (/failed to resolve hostname|name or service not known|temporary failure in name resolution|no address associated|nodename nor servname|getaddrinfo/.test(text)) {
    return { outcome: 'retry', reason: `Cannot find the server ${host}: check the server URL and this machine's internet connection.` };
  }
  if (/network is unreachable|no route to host|host is unreachable/.test(text)) {
    return { outcome: 'retry', reason: `Cannot reach ${host}: no network route to it. Check this machine's internet connection.` };
  }
  // An rtmps:// address whose server does not speak TLS there (or a TLS problem on the way) fails in the TLS layer.
  if (/^rtmps:/i.test(url) && !sentFrames && /\btls\b|\bssl\b|gnutls|certificate|handshake|pull function|tls packet/.test(text)) {
    return {
      outcome: 'retry',
      reason: `Could not open a secure (RTMPS) connection to ${host}. Check that the server URL is the platform's RTMPS address and port.`,
    };
  }
  if (/connection timed out|operation timed out/.test(text) && !sentFrames) {
    return { outcome: 'retry', reason: `Cannot reach ${host}: it did not answer in time.` };
  }
  if (sentFrames) {
    return { outcome: 'retry', reason: `The connection to ${host} dropped.` };
  }
  const said = /server error:\s*([^\n]+)/i.exec(messages)?.[1]?.trim();
  if (said) {
    return { outcome: 'failed', reason: `The server refused the stream (${said.slice(0, 160)}). Check the stream key.` };
  }
  if (/input\/output error|end of file|broken pipe|connection reset/.test(text)) {
    return { outcome: 'failed', reason: 'The server refused the stream. Check the stream key.' };
  }
  return { outcome: 'retry', reason: `The connection to ${host} ended before the stream started.` };
}
