/** Prints the live benchmark (bench/live.ts) in the style of bench/run.ts. */
import { runLiveBenchmark, type LiveBenchmarkOptions } from './live.js';
import { figure, lat, maybe, readings, row } from './report-format.js';

export async function printLiveBenchmark(options: LiveBenchmarkOptions): Promise<void> {
  console.log(`\nLive: studio web + built-in SFU (mediasoup) + PublishClient + watch page, loopback, one browser`);
  const r = await runLiveBenchmark(options);
  console.log(row('Browser', r.browser));
  const layers = Object.entries(r.framesByWidth)
    .map(([width, count]) => `${width} px: ${count}`)
    .join(', ');
  const p = r.publisher;
  const drawRate = figure(p.drawRate, 'draws/s', String(p.drawRate)).as('draw rate');
  const bitrate = maybe(p.bitrateKbps, 'kbps').as('bitrate');
  const sent = figure(p.layers, 'layers', String(p.layers)).as('layers');
  const topFps = maybe(p.fps, 'fps').as('top layer fps');
  console.log(row('Publisher', readings`1280x720 canvas, ${drawRate} draws/s, sent ${bitrate} kbps in ${sent} layers, top layer ${topFps} fps`));
  console.log(`\nGlass-to-glass (canvas drawn → viewer frame on screen), ${r.glassToGlass.count} frames:`);
  console.log(row('drawn → displayed', lat(r.glassToGlass)));
  console.log(row('viewer: received → displayed', lat(r.receiveToDisplay)));
  const unreadable = figure(r.unreadableFrames, 'frames', String(r.unreadableFrames)).as('unreadable');
  console.log(row('frames by received width', readings`${layers}; ${unreadable} unreadable`));
  console.log(`\nPin (Pin button clicked in the studio UI → card on the viewer), ${r.pinToCard.count} pins:`);
  console.log(row('click → card in the viewer DOM', lat(r.pinToDom)));
  console.log(row('click → card rendered (next frame)', lat(r.pinToCard)));
}
