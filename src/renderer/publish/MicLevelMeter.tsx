import { useEffect, useRef } from 'react';

/**
 * A small live level bar for the microphone, so the host sees the mic
 * actually hears them before going live. It reads an AnalyserNode ten times
 * a second and writes the bar's width directly: no React render per sample.
 */
export function MicLevelMeter({ track }: { track: MediaStreamTrack | null }) {
  const bar = useRef<HTMLSpanElement>(null);
  useEffect(() => {
    const node = bar.current;
    if (!track || !node || typeof AudioContext === 'undefined') return;
    const context = new AudioContext();
    // A stream of its own around the shared track: closing the context later never stops what the show sends.
    const source = context.createMediaStreamSource(new MediaStream([track]));
    const analyser = context.createAnalyser();
    analyser.fftSize = 512;
    source.connect(analyser);
    const samples = new Float32Array(analyser.fftSize);
    let peak = 0;
    const timer = setInterval(() => {
      if (context.state === 'suspended') void context.resume().catch(() => undefined);
      analyser.getFloatTimeDomainData(samples);
      let sum = 0;
      for (const s of samples) sum += s * s;
      const rms = Math.sqrt(sum / samples.length);
      // -60 dBFS .. 0 dBFS mapped to 0..100 %, with a quick attack and a slow fall like a hardware meter.
      const level = Math.max(0, Math.min(1, (20 * Math.log10(rms || 1e-6) + 60) / 60));
      peak = level > peak ? level : peak * 0.85;
      node.style.width = `${Math.round(peak * 100)}%`;
      node.dataset.hot = String(peak > 0.9);
    }, 100);
    return () => {
      clearInterval(timer);
      node.style.width = '0%';
      source.disconnect();
      void context.close();
    };
  }, [track]);
  return (
    <span className="level-meter" aria-hidden="true" title="Microphone level">
      <span ref={bar} className="level-meter-bar" />
    </span>
  );
}
