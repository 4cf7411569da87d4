import type { OBSRequestTypes, OBSWebSocket, RequestBatchOptions, RequestBatchRequest } from 'obs-websocket-js/json';

/** A connected OBS, as the connection uses it and hands it to the overlay follower. */
export type ObsSession = Pick<OBSWebSocket, 'call' | 'callBatch'>;

/**
 * obs-websocket-js 5.0.8 never answers a request that is in flight when the
 * socket closes (OBS killed: close code 1006): its promise stays pending, and
 * whoever awaits it — a connect, the overlay follower's one running write,
 * a host's request — would wait forever. A session answers such requests
 * with "Not connected" (the library's own words once closed) when the socket
 * closes or `end()` is called (the studio drops the socket itself).
 */
export function openSession(obs: OBSWebSocket): { readonly session: ObsSession; end(): void } {
  let end!: () => void;
  const ended = new Promise<never>((_, reject) => {
    end = () => reject(new Error('Not connected'));
  });
  ended.catch(() => undefined); // nobody may be waiting: that is not an unhandled rejection
  obs.once('ConnectionClosed', () => end());
  const answered = <T>(request: Promise<T>) => Promise.race([request, ended]);
  return {
    session: {
      call: <Type extends keyof OBSRequestTypes>(requestType: Type, requestData?: OBSRequestTypes[Type]) =>
        answered(obs.call(requestType, requestData)),
      callBatch: (requests: RequestBatchRequest[], options?: RequestBatchOptions) => answered(obs.callBatch(requests, options)),
    },
    end,
  };
}
