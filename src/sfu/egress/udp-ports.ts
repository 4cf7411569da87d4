import dgram from 'node:dgram';

/**
 * Two free neighbouring UDP ports on loopback (RTP, RTCP = RTP + 1: what
 * ffmpeg assumes and what the SDP says as well), found by binding them and
 * letting go. Another process may take one in between: the encoder then
 * fails to bind (`isBindFailure`) and starts again on new ports.
 */
export async function freeUdpPortPair(attempts = 20): Promise<{ rtp: number; rtcp: number }> {
  for (let i = 0; i < attempts; i++) {
    const first = await bind(0);
    if (!first) continue;
    const rtp = first.address().port;
    const second = rtp < 65535 ? await bind(rtp + 1) : null;
    first.close();
    if (second) {
      second.close();
      return { rtp, rtcp: rtp + 1 };
    }
  }
  throw new Error('No two neighbouring UDP ports are free on 127.0.0.1.');
}

function bind(port: number): Promise<dgram.Socket | null> {
  return new Promise((resolve) => {
    const socket = dgram.createSocket('udp4');
    socket.once('error', () => {
      socket.close();
      resolve(null);
    });
    socket.bind(port, '127.0.0.1', () => resolve(socket));
  });
}

/** ffmpeg's words when a port it was given is taken. */
export function isBindFailure(messages: string): boolean {
  return /bind failed|address already in use/i.test(messages);
}
