import { useState } from 'react';
import { VERTICAL_RESOLUTIONS, type SettingsPatch, type VerticalResolution } from '../../shared/domain/settings.js';
import { useStudio } from '../api/studio-context.js';
import { useSettings } from '../api/use-settings.js';

const SIZE_WORDS: Record<VerticalResolution, string> = {
  '720x1280': '720 × 1280 (lighter on this computer)',
  '1080x1920': '1080 × 1920 (sharpest on phones)',
};

/**
 * Settings → Vertical output: a second, 9:16 picture beside the 16:9 one,
 * for TikTok, Instagram and Shorts (saved at once, like Selling). The
 * change reaches a running show without a restart.
 */
export function VerticalOutputSection() {
  const studio = useStudio();
  const settings = useSettings();
  const [error, setError] = useState<string | null>(null);
  const current = settings.value?.verticalOutput;
  const save = async (verticalOutput: NonNullable<SettingsPatch['verticalOutput']>) => {
    const result = await studio.updateSettings({ verticalOutput });
    if (result.ok) settings.set(result.value);
    setError(result.ok ? null : result.error.message);
  };
  return (
    <section className="settings-section" aria-labelledby="vertical-output-title" data-testid="vertical-output-settings">
      <h2 id="vertical-output-title">Vertical output</h2>
      <p className="help">
        A 9:16 picture for phones, made from the vertical scenes and sent beside the 16:9 show. Phone viewers and vertical destinations get it. It costs
        this computer more work and upload.
      </p>
      <label className="check">
        <input type="checkbox" checked={current?.enabled ?? false} disabled={!current} onChange={(e) => void save({ enabled: e.target.checked })} />
        <span>Make a vertical (9:16) output</span>
      </label>
      <label className="field field-narrow">
        <span>Vertical size</span>
        <select
          value={current?.resolution ?? '720x1280'}
          disabled={!current}
          onChange={(e) => void save({ resolution: e.target.value as VerticalResolution })}
        >
          {VERTICAL_RESOLUTIONS.map((r) => (
            <option key={r} value={r}>
              {SIZE_WORDS[r]}
            </option>
          ))}
        </select>
      </label>
      {error && (
        <p className="banner banner-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
