import { describe, expect, it } from 'vitest';
import { checkServerUrl, checkStreamKey, splitKeyFromUrl } from './destination-input.js';
import { PLATFORM_PRESETS, PLATFORMS } from './destinations.js';

describe('what a host pastes into a destination', () => {
  it('takes every preset server URL as it is, and drops spaces around a pasted one', () => {
    for (const platform of PLATFORMS) {
      const url = PLATFORM_PRESETS[platform].serverUrl;
      if (url) expect(checkServerUrl(url), platform).toEqual({ ok: true, value: url });
    }
    expect(checkServerUrl('  rtmps://edgetee-upload-fra3-1.xx.fbcdn.net:443/rtmp/ \n')).toEqual({
      ok: true,
      value: 'rtmps://edgetee-upload-fra3-1.xx.fbcdn.net:443/rtmp/',
    });
  });

  it('says what is wrong with a server URL in words a host understands', () => {
    const message = (text: string) => {
      const checked = checkServerUrl(text);
      return checked.ok ? null : checked.message;
    };
    expect(message('https://www.youtube.com/live_dashboard')).toMatch(/^That is a web page address \(http:\/\/\)/);
    expect(message('http://live.twitch.tv/app')).toMatch(/web page address/);
    expect(message('rtmp://a.rtmp.youtube.com/live 2')).toBe('The server URL has a space in it. Copy it again from your platform, all in one piece.');
    expect(message('live.twitch.tv/app')).toBe('A server URL starts with rtmp:// or rtmps://, for example rtmp://a.rtmp.youtube.com/live2.');
    expect(message('srt://x.example:9000')).toMatch(/RTMP and RTMPS servers only/);
    expect(message('rtmp://')).toMatch(/does not name a server/);
    expect(message('')).toBe('Paste the server URL (it starts with rtmp:// or rtmps://).');
    // Facebook and Instagram take RTMPS only.
    const secure = checkServerUrl('rtmp://live-api-s.facebook.com:80/rtmp/', 'facebook');
    expect(secure).toEqual({
      ok: false,
      message: 'Facebook takes secure streams only: its server URL starts with rtmps://. Copy it again from Facebook’s Live Producer.',
    });
    expect(checkServerUrl('rtmp://edgetee-upload.xx.fbcdn.net/rtmp/', 'instagram').ok).toBe(false);
    expect(checkServerUrl('rtmp://live.example.com/app', 'custom').ok).toBe(true);
  });

  it('takes a stream key with its signs (Facebook’s carry ?s_bl=1&…), and refuses one with a space inside', () => {
    expect(checkStreamKey(' FB-1234567890-0-AbCd?s_bl=1&s_ps=1&a=Ab_c \n')).toEqual({ ok: true, value: 'FB-1234567890-0-AbCd?s_bl=1&s_ps=1&a=Ab_c' });
    expect(checkStreamKey('live_12345_AbCdEf')).toEqual({ ok: true, value: 'live_12345_AbCdEf' });
    expect(checkStreamKey('abcd efgh')).toEqual({
      ok: false,
      message: 'The stream key has a space or a line break in it. Stream keys never do: copy it again with your platform’s Copy button.',
    });
    expect(checkStreamKey('abcd\nefgh')).toMatchObject({ ok: false, message: expect.stringContaining('line break') });
    expect(checkStreamKey('rtmps://live-api-s.facebook.com:443/rtmp/FB-1')).toMatchObject({ ok: false, message: expect.stringMatching(/^That is a server URL/) });
    expect(checkStreamKey('clé-€')).toMatchObject({ ok: false, message: expect.stringContaining('characters stream keys never have') });
    expect(checkStreamKey('x'.repeat(513))).toMatchObject({ ok: false });
  });

  it('offers to split a URL that already ends with the key, and leaves a plain server URL alone', () => {
    expect(splitKeyFromUrl('rtmp://a.rtmp.youtube.com/live2/abcd-efgh-ijkl-mnop', 'youtube')).toEqual({
      serverUrl: 'rtmp://a.rtmp.youtube.com/live2',
      streamKey: 'abcd-efgh-ijkl-mnop',
    });
    expect(splitKeyFromUrl('rtmps://live-api-s.facebook.com:443/rtmp/FB-1234-0-Ab?s_bl=1&s_ps=1', 'facebook')).toEqual({
      serverUrl: 'rtmps://live-api-s.facebook.com:443/rtmp/',
      streamKey: 'FB-1234-0-Ab?s_bl=1&s_ps=1',
    });
    // Instagram, TikTok and custom servers: rtmp://server/app/key.
    expect(splitKeyFromUrl('rtmps://edgetee-upload-fra3-1.xx.fbcdn.net:443/rtmp/17900?s_bl=1', 'instagram')).toEqual({
      serverUrl: 'rtmps://edgetee-upload-fra3-1.xx.fbcdn.net:443/rtmp',
      streamKey: '17900?s_bl=1',
    });
    expect(splitKeyFromUrl('rtmp://127.0.0.1:1935/live/show-key', 'custom')).toEqual({ serverUrl: 'rtmp://127.0.0.1:1935/live', streamKey: 'show-key' });
    for (const [url, platform] of [
      ['rtmp://a.rtmp.youtube.com/live2', 'youtube'],
      ['rtmp://a.rtmp.youtube.com/live2/', 'youtube'],
      ['rtmps://live-api-s.facebook.com:443/rtmp/', 'facebook'],
      ['rtmp://live.twitch.tv/app', 'twitch'],
      ['rtmp://127.0.0.1:1935/live', 'custom'],
      ['https://www.youtube.com/live2/abcd', 'youtube'],
    ] as const) {
      expect(splitKeyFromUrl(url, platform), url).toBeNull();
    }
  });
});
