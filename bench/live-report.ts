/** Prints the live benchmark (bench/live.ts) in the style of bench/run.ts. */
import { runLiveBenchmark } from './live.js';
import { lat, row } from './report-format.js';

export async function printLiveBenchmark(pins: number, frames: number): Promise<void> {
  console.log(`\nLive: studio web + built-in SFU (mediasoup) + PublishClient + watch page, loopback, one browser`);
  const r = await runLiveBenchmark({ pins, frames });
  console.log(row('Browser', r.browser));
  const layers = Object.entries(r.framesByWidth)
    .map(([width, count]) => `${width} px: ${count}`)
    .join(', ');
  const p = r.publisher;
  console.log(
    row('Publisher', `1280x720 canvas, ${p.drawRate} draws/s, sent ${p.bitrateKbps ?? '?'} kbps in ${p.layers} layers, top layer ${p.fps ?? '?'} fps`),
  );
  console.log(`\nGlass-to-glass (canvas drawn → viewer frame on screen), ${r.glassToGlass.count} frames:`);
  console.log(row('drawn → displayed', lat(r.glassToGlass)));
  console.log(row('viewer: received → displayed', lat(r.receiveToDisplay)));
  console.log(row('frames by received width', `${layers}; ${r.unreadableFrames} unreadable`));
  console.log(`\nPin (Pin button clicked in the studio UI → card on the viewer), ${r.pinToCard.count} pins:`);
  console.log(row('click → card in the viewer DOM', lat(r.pinToDom)));
  console.log(row('click → card rendered (next frame)', lat(r.pinToCard)));
}
