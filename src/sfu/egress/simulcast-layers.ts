import type { types } from 'mediasoup';

/**
 * The studio publishes three simulcast layers (a quarter, half and the full
 * program size). Multistream wants the full one: the encoder's consumer is
 * made once the top layer flows, and when the first picture still came from
 * a lower layer (the top one is off: a weak uplink), the program's size is
 * worked out from that layer's scale so the stream keeps the program's size.
 */

/** How long the encoder waits for the top layer before starting on what there is. */
export const TOP_LAYER_WAIT_MS = 3000;

function topEncoding(producer: types.Producer): { index: number; encoding: types.RtpEncodingParameters } | null {
  const encodings = producer.rtpParameters.encodings ?? [];
  if (producer.type !== 'simulcast' || encodings.length < 2) return null;
  const index = encodings.length - 1;
  return { index, encoding: encodings[index]! };
}

function topLayerActive(producer: types.Producer): boolean {
  const top = topEncoding(producer);
  if (!top) return true;
  return producer.score.some((s) => {
    const indexed = (s as { encodingIdx?: number }).encodingIdx;
    const same = indexed !== undefined ? indexed === top.index : (top.encoding.ssrc !== undefined && s.ssrc === top.encoding.ssrc) || (top.encoding.rid !== undefined && s.rid === top.encoding.rid);
    return same && s.score > 0;
  });
}

/** Resolves once the producer's top layer has a score (or at once for a single-layer producer), or after `timeoutMs`. */
export function waitForTopLayer(producer: types.Producer, timeoutMs = TOP_LAYER_WAIT_MS): Promise<void> {
  if (topLayerActive(producer)) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      producer.off('score', onScore);
      producer.observer.off('close', done);
      resolve();
    };
    const onScore = () => {
      if (topLayerActive(producer)) done();
    };
    const timer = setTimeout(done, timeoutMs);
    producer.on('score', onScore);
    producer.observer.once('close', done);
  });
}

/**
 * How much smaller than the program the layer the consumer sends now is
 * (4 for the quarter-size layer; 1 for the top layer or a single layer).
 */
export function layerDownscale(producer: types.Producer, consumer: types.Consumer): number {
  const top = topEncoding(producer);
  const spatial = consumer.currentLayers?.spatialLayer;
  if (!top || spatial === undefined || spatial >= top.index) return 1;
  const encodings = producer.rtpParameters.encodings ?? [];
  const scaleOf = (i: number) => encodings[i]?.scaleResolutionDownBy ?? 2 ** (top.index - i);
  const ratio = scaleOf(spatial) / scaleOf(top.index);
  return Number.isFinite(ratio) && ratio > 1 ? ratio : 1;
}

/** A size scaled up to the program's, rounded to even numbers (H.264 in 4:2:0 needs them). */
export function programSize(size: { width: number; height: number }, downscale: number): { width: number; height: number } {
  const even = (n: number) => Math.max(2, 2 * Math.round((n * downscale) / 2));
  return { width: even(size.width), height: even(size.height) };
}
