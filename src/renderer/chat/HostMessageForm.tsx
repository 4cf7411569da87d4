import { useState, type FormEvent } from 'react';

/** The host's own line to the viewers: goes out at once, marked "Host". */
export function HostMessageForm({ onSend }: { onSend: (text: string) => Promise<boolean> }) {
  const [text, setText] = useState('');
  const [sending, setSending] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const trimmed = text.trim();
    if (!trimmed || sending) return;
    setSending(true);
    const sent = await onSend(trimmed);
    setSending(false);
    if (sent) setText('');
  };
  return (
    <form className="host-message-form" onSubmit={(e) => void submit(e)}>
      <input
        className="input"
        aria-label="Message to viewers"
        placeholder="Message viewers as the host…"
        value={text}
        maxLength={500}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => e.key === 'Escape' && e.currentTarget.blur()}
      />
      <button type="submit" className="button button-primary button-small" disabled={!text.trim() || sending}>
        Send
      </button>
    </form>
  );
}
