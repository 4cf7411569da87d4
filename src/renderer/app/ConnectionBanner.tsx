import { useEffect, useState } from 'react';
import type { ConnectionStatus, ControlClient } from '../api/control-client.js';

/** The browser's link to the studio: shown only when it is not healthy. */
export function ConnectionBanner({ client }: { client: ControlClient }) {
  const [status, setStatus] = useState<ConnectionStatus>(client.status);
  useEffect(() => client.onStatus(setStatus), [client]);
  if (status.state === 'open') return null;
  const text =
    status.state === 'connecting' ? 'Connecting to the studio…' : (status.message ?? 'Not connected to the studio.');
  return (
    <div className={`banner banner-${status.state === 'unauthorized' ? 'error' : 'warn'}`} role="alert">
      {text}
    </div>
  );
}
