import { useState, type FormEvent } from 'react';
import { useCompositor } from './compositor-context.js';
import { NO_CROP, type Layer, type LayerSource } from './scene-model.js';
import { httpsUrl } from '../ui/safe-url.js';

/** Uploaded pictures are stored in the scene as data URLs; this keeps a scene row small enough to save quickly. */
const MAX_IMAGE_BYTES = 1_500_000;

// The pinned product card is not here: every scene has one, turned on or off in the scene's menu (SceneMenu).
type Kind = 'text' | 'image-link' | 'image-file' | 'camera-2' | 'screen' | 'lower-third' | 'guest-1' | 'guest-2' | 'guest-3' | 'people-grid';

const KIND_LABELS: Record<Kind, string> = {
  text: 'Text',
  'image-link': 'Image from a link',
  'image-file': 'Image file',
  'camera-2': 'Second camera',
  screen: 'Screen',
  'lower-third': 'Host name',
  // Slots follow the order the host brings guests on air; an empty slot draws nothing.
  'guest-1': 'Guest 1',
  'guest-2': 'Guest 2',
  'guest-3': 'Guest 3',
  'people-grid': 'People grid',
};

function readAsDataUrl(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(file);
  });
}

/** Adds a layer on top of the preview scene, centred, and selects it for dragging into place. */
export function AddLayerForm() {
  const { scenes, previewId, updateScene, selectLayer } = useCompositor();
  const [kind, setKind] = useState<Kind>('text');
  const [value, setValue] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const scene = scenes.find((s) => s.id === previewId);

  const sourceFor = async (): Promise<LayerSource | string> => {
    switch (kind) {
      case 'text':
        return value.trim() ? { kind: 'text', text: value.trim().slice(0, 120) } : 'Type the text to show.';
      case 'image-link': {
        const url = httpsUrl(value.trim());
        return url ? { kind: 'image', url } : 'Paste an image link that starts with https://';
      }
      case 'image-file':
        if (!file || !file.type.startsWith('image/')) return 'Pick a PNG, JPEG or WebP picture.';
        if (file.size > MAX_IMAGE_BYTES) return 'That picture is over 1.5 MB. Save a smaller copy and try again.';
        return { kind: 'image', url: await readAsDataUrl(file) };
      case 'camera-2':
        return { kind: 'camera', slot: 1 };
      case 'guest-1':
      case 'guest-2':
      case 'guest-3':
        return { kind: 'guest', slot: Number(kind.slice(-1)) - 1 };
      default:
        return { kind } as LayerSource;
    }
  };

  const add = async (event: FormEvent) => {
    event.preventDefault();
    if (!scene) return;
    const source = await sourceFor().catch(() => 'That picture could not be read. Try another file.');
    if (typeof source === 'string') return setProblem(source);
    const layer: Layer = {
      id: `layer-${Math.random().toString(36).slice(2, 8)}`,
      name: kind === 'text' ? value.trim().slice(0, 60) : KIND_LABELS[kind],
      source,
      rect: { x: 0.3, y: 0.3, w: 0.4, h: 0.4 },
      crop: NO_CROP,
      visible: true,
      fit: source.kind === 'image' || source.kind === 'screen' ? 'contain' : 'cover',
    };
    updateScene({ ...scene, layers: [...scene.layers, layer] });
    selectLayer(layer.id);
    setProblem(null);
    setValue('');
  };

  const needsText = kind === 'text' || kind === 'image-link';
  return (
    <form className="add-layer" onSubmit={(e) => void add(e)}>
      <select className="select" aria-label="New layer" value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
        {(Object.keys(KIND_LABELS) as Kind[]).map((k) => (
          <option key={k} value={k}>
            {KIND_LABELS[k]}
          </option>
        ))}
      </select>
      {needsText && (
        <input
          className="input"
          aria-label={kind === 'text' ? 'Layer text' : 'Image link'}
          placeholder={kind === 'text' ? 'Free shipping today' : 'https://…'}
          value={value}
          maxLength={kind === 'text' ? 120 : 2000}
          onChange={(e) => setValue(e.target.value)}
        />
      )}
      {kind === 'image-file' && <input className="file-input" type="file" accept="image/png,image/jpeg,image/webp" aria-label="Image file" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />}
      <button type="submit" className="button button-small">
        Add layer
      </button>
      {problem && (
        <p className="source-error" role="alert">
          {problem}
        </p>
      )}
    </form>
  );
}
