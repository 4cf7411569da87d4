import { useEffect, useRef } from 'react';
import { useVertical } from './vertical-context.js';

/**
 * The vertical output's program monitor (portrait), beside the 16:9 one:
 * the output canvas itself, scaled down, so the host sees exactly what goes
 * out. Shown only while vertical output is on.
 */
export function VerticalMonitor() {
  const { enabled, output, program, feed } = useVertical();
  const frame = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const holder = frame.current;
    if (!holder || !output) return;
    holder.appendChild(output.canvas);
    return () => output.canvas.remove();
  }, [output]);
  if (!enabled) return null;
  return (
    <div className="monitor monitor-vertical" data-testid="vertical-monitor">
      <div className="monitor-label">
        <span className="monitor-tag monitor-tag-program">9:16</span>
        <span className="monitor-scene">{program?.name}</span>
      </div>
      <div ref={frame} className={`vertical-frame${feed.phase === 'live' ? ' is-on-air' : ''}`} />
    </div>
  );
}
