/** Prints the live benchmark (bench/live.ts) in the style of bench/run.ts. */
import { runLiveBenchmark, type LiveBenchmarkOptions } from './live.js';
import { inGroup } from './figures.js';
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
  for (const [where, pin] of [
    ['the watch page in the same browser', r.pinSameBrowser],
    ['the watch page in a browser of its own', r.pinOwnBrowser],
  ] as const) {
    inGroup(`pin, ${where}`);
    console.log(`\nPin (Pin button clicked in the studio UI → card on the viewer), ${where}, ${pin.toCard.count} pins:`);
    console.log(row('click → card in the viewer DOM', lat(pin.toDom)));
    console.log(row('click → card rendered (next frame)', lat(pin.toCard)));
    console.log('  where the time went:');
    console.log(row('  click → pinProduct sent (studio UI)', lat(pin.clickToRequest)));
    console.log(row('  sent → SFU pushes the pin (main, SFU)', lat(pin.requestToSfu)));
    console.log(row('  SFU push → watch page socket', lat(pin.sfuToViewerSocket)));
    console.log(row('  socket → card in the DOM', lat(pin.socketToDom)));
    console.log(row('  DOM → frame rendered', lat(pin.domToFrame)));
    console.log(row('  (pinProduct round trip in the studio UI)', lat(pin.requestToReply)));
  }
  inGroup(null);
}
