import { describe, expect, it } from 'vitest';
import type { Destination } from '../../shared/domain/destinations.js';
import { checkDraft, draftOf, newDraft, requestOf, withPlatform, withSplit } from './destination-form.js';

const saved: Destination = { id: 4, name: 'YouTube', platform: 'youtube', serverUrl: 'rtmp://a.rtmp.youtube.com/live2', orientation: 'horizontal', enabled: true, hasKey: true };

describe('the add/edit destination form', () => {
  it('fills in the preset’s server URL and name, and switching platform never overwrites what the host typed', () => {
    expect(newDraft('twitch')).toMatchObject({ name: 'Twitch', serverUrl: 'rtmp://live.twitch.tv/app' });
    // Instagram and TikTok give a URL each time: nothing to fill in.
    expect(withPlatform(newDraft('youtube'), 'instagram')).toMatchObject({ name: 'Instagram', serverUrl: '' });
    expect(withPlatform(newDraft('instagram'), 'facebook')).toMatchObject({ name: 'Facebook', serverUrl: 'rtmps://live-api-s.facebook.com:443/rtmp/' });
    const typed = { ...newDraft('custom'), name: 'My Restream', serverUrl: 'rtmp://live.restream.io/live' };
    expect(withPlatform(typed, 'youtube')).toMatchObject({ platform: 'youtube', name: 'My Restream', serverUrl: 'rtmp://live.restream.io/live' });
  });

  it('needs a key for a new destination; an edit keeps the saved key unless the host replaces it', () => {
    expect(checkDraft(newDraft('youtube'), null).errors).toEqual({ streamKey: 'Paste the stream key.' });
    const edit = draftOf(saved);
    expect(edit).toMatchObject({ streamKey: '', replacingKey: false });
    expect(checkDraft(edit, saved)).toMatchObject({ ok: true, errors: {} });
    expect(requestOf(edit, saved)).toEqual({
      kind: 'update',
      input: { id: 4, name: 'YouTube', platform: 'youtube', serverUrl: 'rtmp://a.rtmp.youtube.com/live2', enabled: true },
    });
    const replacing = { ...edit, replacingKey: true };
    expect(checkDraft(replacing, saved).errors.streamKey).toBe('Paste the stream key.');
    expect(requestOf({ ...replacing, streamKey: 'new-key-1234' }, saved).input).toMatchObject({ streamKey: 'new-key-1234' });
    // A destination whose key was lost opens asking for one.
    expect(draftOf({ ...saved, hasKey: false }).replacingKey).toBe(true);
  });

  it('offers to move a key pasted at the end of the URL into its own field', () => {
    const pasted = { ...newDraft('youtube'), serverUrl: 'rtmp://a.rtmp.youtube.com/live2/abcd-efgh-ijkl-mnop' };
    const check = checkDraft(pasted, null);
    expect(check.split).toEqual({ serverUrl: 'rtmp://a.rtmp.youtube.com/live2', streamKey: 'abcd-efgh-ijkl-mnop' });
    expect(check.errors.streamKey).toMatch(/^The key seems to be at the end of the server URL/);
    const split = withSplit(pasted, check.split!);
    expect(checkDraft(split, null)).toMatchObject({ ok: true, split: null });
    expect(requestOf(split, null)).toEqual({
      kind: 'create',
      input: { name: 'YouTube', platform: 'youtube', serverUrl: 'rtmp://a.rtmp.youtube.com/live2', streamKey: 'abcd-efgh-ijkl-mnop', enabled: true },
    });
  });

  it('says what is wrong in the words main uses', () => {
    const check = checkDraft({ ...newDraft('custom'), name: ' ', serverUrl: 'http://live.example.com/app', streamKey: 'ab cd' }, null);
    expect(check.ok).toBe(false);
    expect(check.errors.name).toMatch(/^Give the destination a name/);
    expect(check.errors.serverUrl).toMatch(/^That is a web page address/);
    expect(check.errors.streamKey).toMatch(/space or a line break/);
  });
});
