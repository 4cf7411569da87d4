import { useEffect, useState, type KeyboardEvent } from 'react';
import type { AppInfo } from '../../shared/api/contract/app.js';
import { settingsPatchSchema } from '../../shared/domain/settings.js';
import { useStudio } from '../api/studio-context.js';
import { useSettings } from '../api/use-settings.js';
import { useRecording } from '../recording/recording-context.js';

/**
 * Settings → Recording: where recordings go, and the ffmpeg program that
 * turns each capture into an MP4 (the same setting multistream uses). Saved
 * when the field is left or on Enter, like Backups; the studio looks for
 * the program at once and says whether it found it.
 */
export function RecordingSection({ info }: { info: AppInfo | null }) {
  const studio = useStudio();
  const settings = useSettings();
  const ffmpeg = useRecording()?.state?.ffmpeg ?? null;
  const saved = settings.value?.ffmpegPath ?? null;
  const [text, setText] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  useEffect(() => setText(saved ?? ''), [saved]);

  const save = async () => {
    const next = text.trim();
    if (next === saved) return;
    const checked = settingsPatchSchema.safeParse({ ffmpegPath: next });
    if (!checked.success) return setMessage(checked.error.issues[0]?.message ?? 'Type "ffmpeg" or the full path to the program.');
    const result = await studio.updateSettings({ ffmpegPath: next });
    if (result.ok) {
      settings.set(result.value);
      setMessage(null);
    } else {
      setMessage(result.error.message);
    }
  };
  const onEnter = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    void save();
  };
  const checking = ffmpeg !== null && ffmpeg.path !== saved;

  return (
    <section className="settings-section" aria-labelledby="recording-settings-title" data-testid="recording-settings">
      <h2 id="recording-settings-title">Recording</h2>
      <p className="help">
        Record (beside Go live) saves the program on this computer, in{' '}
        <code>{info ? `${info.dataDir}${info.dataDir.includes('\\') ? '\\' : '/'}recordings` : 'the recordings folder of the data folder'}</code>, and
        makes an MP4 of it with ffmpeg when it stops.
      </p>
      <label className="field">
        <span>ffmpeg</span>
        <input
          value={text}
          maxLength={1024}
          spellCheck={false}
          placeholder="ffmpeg"
          aria-invalid={message !== null || (ffmpeg !== null && !ffmpeg.ok && !checking)}
          onChange={(e) => setText(e.target.value)}
          onBlur={() => void save()}
          onKeyDown={onEnter}
        />
        <small className="field-hint">“ffmpeg” finds it on this computer’s PATH; or type the full path to the program. ffprobe must be beside it.</small>
      </label>
      {message && (
        <p className="banner banner-error" role="alert">
          {message}
        </p>
      )}
      {!message && ffmpeg && !checking && (ffmpeg.ok || ffmpeg.message !== null) && (
        <p className={`banner banner-${ffmpeg.ok ? 'ok' : 'error'}`} role={ffmpeg.ok ? 'status' : 'alert'} data-testid="ffmpeg-check">
          {ffmpeg.ok ? `Found ${ffmpeg.version ?? 'ffmpeg'}.` : ffmpeg.message}
        </p>
      )}
    </section>
  );
}
