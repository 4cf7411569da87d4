// @vitest-environment happy-dom
/**
 * The watch page's chat form in a DOM (the page's own markup): a message the
 * studio did not receive is shown as such, in the SFU's words, and the typed
 * text stays for sending again; a message sent clears only what was sent.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SignalRequestError } from '../../shared/sfu/signal-requests.js';
import { ChatController, type ChatTransport } from './chat-controller.js';
import { ChatIdentityStore } from './chat-identity.js';
import { ChatView } from './chat-view.js';

const NOT_RECEIVED = 'The studio did not receive your message. Send it again.';
const page = new DOMParser().parseFromString(fs.readFileSync(path.join(import.meta.dirname, 'index.html'), 'utf8'), 'text/html');

/** Each sendChat waits until the test settles it. */
function manualTransport() {
  const sends: { text: string; settle: (outcome: Error | { messageId: string }) => void }[] = [];
  const transport: ChatTransport = {
    sendChat: (text) =>
      new Promise((resolve, reject) => {
        sends.push({ text, settle: (outcome) => (outcome instanceof Error ? reject(outcome) : resolve(outcome)) });
      }),
    setChatName: (name) => Promise.resolve({ name }),
  };
  return { transport, sends };
}

let view: ChatView;
let sends: ReturnType<typeof manualTransport>['sends'];
const notice = () => document.querySelector<HTMLElement>('[data-testid="chat-notice"]')!;
const sendButton = () => document.querySelector<HTMLButtonElement>('#chat-send')!;

function submit(text: string): void {
  view.input.value = text;
  view.form.dispatchEvent(new Event('submit', { cancelable: true }));
}

beforeEach(() => {
  document.body.replaceChildren(document.importNode(page.getElementById('chat')!, true));
  const identity = new ChatIdentityStore();
  identity.setName('Anna');
  view = new ChatView();
  const manual = manualTransport();
  sends = manual.sends;
  new ChatController(view, identity).connect(manual.transport);
});
afterEach(() => {
  document.body.replaceChildren();
  localStorage.clear();
});

describe('the watch page when a message does not reach the studio', () => {
  it('says so in the SFU’s words and keeps the typed text; sending again sends the same text', async () => {
    submit('Is it lined?');
    expect(sends.map((s) => s.text)).toEqual(['Is it lined?']);
    expect(sendButton().disabled).toBe(true);
    sends[0]!.settle(new SignalRequestError('unavailable', NOT_RECEIVED));
    await vi.waitFor(() => expect(sendButton().disabled).toBe(false));
    expect(notice().hidden).toBe(false);
    expect(notice().textContent).toBe(NOT_RECEIVED);
    expect(notice().dataset.kind).toBe('error');
    expect(view.input.value).toBe('Is it lined?');

    view.form.dispatchEvent(new Event('submit', { cancelable: true }));
    expect(sends.map((s) => s.text)).toEqual(['Is it lined?', 'Is it lined?']);
    sends[1]!.settle({ messageId: 'm-1' });
    await vi.waitFor(() => expect(sendButton().disabled).toBe(false));
    expect(view.input.value).toBe('');
  });

  it('a reply that comes while the viewer types on clears nothing they typed since', async () => {
    submit('First question');
    view.input.value = 'Second question, half typed';
    sends[0]!.settle({ messageId: 'm-2' });
    await vi.waitFor(() => expect(sendButton().disabled).toBe(false));
    expect(view.input.value).toBe('Second question, half typed');
  });
});
