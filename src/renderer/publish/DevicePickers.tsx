import { useId } from 'react';
import type { CaptureDevice } from './host-messages.js';
import type { DeviceOption, SourceStatus } from './media-capture.js';
import { MicLevelMeter } from './MicLevelMeter.js';
import { useCapture, usePublishCommands } from './publish-context.js';

/** Camera and microphone pickers under the program preview; a switch while live goes straight into the show. */
export function DevicePickers() {
  const capture = useCapture();
  const { selectDevice } = usePublishCommands();
  if (!capture?.enabled) return null;
  return (
    <div className="device-pickers">
      <DevicePicker
        device="camera"
        label="Camera"
        options={capture.cameras}
        source={capture.camera}
        onSelect={(id) => selectDevice('camera', id)}
      />
      <DevicePicker
        device="microphone"
        label="Microphone"
        options={capture.microphones}
        source={capture.microphone}
        onSelect={(id) => selectDevice('microphone', id)}
      >
        <MicLevelMeter track={capture.microphone.track} />
      </DevicePicker>
    </div>
  );
}

interface DevicePickerProps {
  readonly device: CaptureDevice;
  readonly label: string;
  readonly options: readonly DeviceOption[];
  readonly source: SourceStatus;
  readonly onSelect: (deviceId: string | null) => void;
  readonly children?: React.ReactNode;
}

function DevicePicker({ device, label, options, source, onSelect, children }: DevicePickerProps) {
  const id = useId();
  const active = source.deviceId ?? '';
  return (
    <div className={`device-picker device-${device}`}>
      <label htmlFor={id} className="device-picker-label">
        {label}
      </label>
      <select
        id={id}
        className="select device-select"
        value={active}
        disabled={source.starting}
        onChange={(e) => onSelect(e.target.value === '' ? null : e.target.value)}
      >
        <option value="">System default</option>
        {options.map((o, i) => (
          <option key={o.deviceId} value={o.deviceId}>
            {o.label || `${label} ${i + 1}`}
          </option>
        ))}
        {source.deviceId && !options.some((o) => o.deviceId === source.deviceId) && (
          <option value={source.deviceId}>{label} (not connected)</option>
        )}
      </select>
      {children}
    </div>
  );
}
