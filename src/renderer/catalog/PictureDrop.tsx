import { useState, type DragEvent } from 'react';
import { MEDIA_MAX_BYTES } from '../../shared/media/media-id.js';
import { useStudio } from '../api/studio-context.js';
import './pictures.css';
import { ProductThumb } from '../ui/ProductThumb.js';
import { keptPictureSrc } from '../ui/safe-url.js';
import { importSourceFor } from './file-source.js';

const TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/gif'];

/**
 * Drop a picture file on a product (or pick one): it becomes the product's
 * own picture, on the video card, the watch page and OBS. The studio checks
 * the file itself (type by its bytes, 10 MB at most); this only spares the
 * host a wait for an obvious refusal.
 */
export function PictureDrop({ productId }: { productId: number }) {
  const studio = useStudio();
  const [over, setOver] = useState(false);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: 'error' | 'ok'; text: string } | null>(null);
  const [kept, setKept] = useState<string | null>(null);

  const take = async (file: File | undefined) => {
    if (!file) return;
    if (!TYPES.includes(file.type)) return setMessage({ kind: 'error', text: 'Drop a JPEG, PNG, WebP or GIF picture.' });
    if (file.size > MEDIA_MAX_BYTES) return setMessage({ kind: 'error', text: 'That picture is larger than 10 MB. Use a smaller one.' });
    setBusy(true);
    setMessage(null);
    const source = await importSourceFor(file);
    const r = source.ok ? await studio.setProductPicture({ productId, source: source.value }) : source;
    setBusy(false);
    if (!r.ok) return setMessage({ kind: 'error', text: r.error.message });
    setKept(r.value.mediaId);
    setMessage({ kind: 'ok', text: 'Picture saved. The card shows it from the next pin.' });
  };

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    void take(e.dataTransfer.files[0]);
  };

  return (
    <div
      className={`picture-drop${over ? ' is-over' : ''}`}
      data-testid="picture-drop"
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
    >
      {kept && <ProductThumb url={keptPictureSrc(kept)} alt="" size="large" />}
      <label>
        {busy ? 'Saving the picture…' : 'Drop a picture here, or choose one, to use it on the card.'}{' '}
        <input type="file" accept={TYPES.join(',')} disabled={busy} onChange={(e) => void take(e.target.files?.[0])} />
      </label>
      {message && (
        <p className={`pictures-line${message.kind === 'error' ? ' pictures-failed' : ''}`} role={message.kind === 'error' ? 'alert' : 'status'}>
          {message.text}
        </p>
      )}
    </div>
  );
}
