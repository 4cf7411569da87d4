/**
 * The OBS connection on its own against a real OBS 29 started headless
 * (Xvfb, software GL): host messages, the mirror (read in one request batch
 * when the scenes are known), OBS's own changes coming back through events,
 * health, the session handed to the overlay follower, and reconnecting after
 * OBS is killed. Skipped only when OBS is not installed.
 */
import { RequestBatchExecutionType, type OBSWebSocket } from 'obs-websocket-js/json';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectVerifier, freePort, obsMissingReason, startHeadlessObs, waitFor, type HeadlessObs } from '../../../tests/harness/headless-obs.js';
import { ObsConnection, type ObsConnectionStatus } from './obs-connection.js';
import { readObsMirror } from './obs-mirror.js';
import type { ObsSession } from './obs-session.js';

const missing = obsMissingReason();
if (missing) console.warn(missing);

describe.skipIf(missing !== null)('ObsConnection against a real headless OBS', () => {
  let obs: HeadlessObs;
  let verifier: OBSWebSocket;
  let connection: ObsConnection;
  const saved = { address: '', autoConnect: false, password: '' };
  const sessions: (ObsSession | null)[] = [];
  /** Every status the connection reported, in order. */
  const seen: ObsConnectionStatus[] = [];
  const status = () => connection.status();
  const waitForState = (state: ObsConnectionStatus['state']) => waitFor(() => status().state === state, `state ${state}`, 20_000);
  const sceneNames = () => status().scenes.map((s) => s.name);

  beforeAll(async () => {
    obs = await startHeadlessObs();
    connection = new ObsConnection({
      settings: {
        read: () => saved,
        save: (patch) => Object.assign(saved, patch),
        password: () => saved.password,
        setPassword: (password) => void (saved.password = password),
      },
      onChange: () => void seen.push(connection.status()),
      onSession: (session) => void sessions.push(session),
      log: () => undefined,
      healthIntervalMs: 200,
      backoffMs: [100, 1000],
    });
  }, 60_000);

  afterAll(async () => {
    connection?.close();
    await verifier?.disconnect();
    await obs?.stop();
  });

  it('says in host words when OBS is not running there', async () => {
    const port = await freePort();
    await connection.connect({ address: `ws://127.0.0.1:${port}`, password: 'x' });
    expect(status().state).toBe('error');
    expect(status().message).toBe(`OBS is not running at 127.0.0.1:${port} — in OBS, open Tools → WebSocket Server Settings and enable it.`);
    connection.disconnect();
    expect(status()).toMatchObject({ state: 'disconnected', message: null });
  });

  it('refuses a wrong password with the host message', async () => {
    await connection.connect({ address: obs.address, password: 'wrong' });
    expect(status().state).toBe('error');
    expect(status().message).toMatch(/^OBS refused the password/);
    expect(saved.address).toBe(obs.address);
  });

  it('connects, mirrors the scenes and hands the session over once OBS is read', async () => {
    sessions.length = 0;
    const before = seen.length;
    await connection.connect({ address: obs.address, password: obs.password });
    expect(status()).toMatchObject({ state: 'connected', message: null, hasPassword: true, programScene: 'Scene A', studioMode: false, streaming: false });
    expect(status().obsVersion).toMatch(/^\d+\./);
    expect(sceneNames()).toEqual(['Scene A', 'Scene B']);
    expect(status().scenes[0]!.items.map((i) => i.sourceName)).toEqual(['Red']);
    expect(seen.slice(before).map((s) => s.state)).toContain('connecting');
    // First a null (the previous attempt's OBS is gone), then the live session.
    expect(sessions.at(-1)).not.toBeNull();
    verifier = await connectVerifier(obs);
  });

  it('reads the mirror in one request batch when it knows the scenes, two when a scene is new', async () => {
    let batches = 0;
    const counting = { callBatch: ((...args) => (batches++, verifier.callBatch(...args))) as OBSWebSocket['callBatch'] };
    const fresh = await readObsMirror(counting, []);
    expect(batches).toBe(2);
    batches = 0;
    // A scene the studio knew but OBS no longer has is left out, not an error.
    const known = await readObsMirror(counting, ['Scene A', 'Scene B', 'Gone Scene']);
    expect(batches).toBe(1);
    expect(known).toEqual(fresh);
    expect(known.scenes.map((s) => s.name)).toEqual(['Scene A', 'Scene B']);
  });

  it("follows OBS's own changes through its events", async () => {
    await verifier.call('CreateScene', { sceneName: 'Scene C' });
    await waitFor(() => sceneNames().includes('Scene C'), 'the new scene in the mirror');
    await verifier.call('SetCurrentProgramScene', { sceneName: 'Scene B' });
    await waitFor(() => status().programScene === 'Scene B', 'the program scene from OBS');
    const red = status().scenes.find((s) => s.name === 'Scene A')!.items[0]!;
    await verifier.call('SetSceneItemEnabled', { sceneName: 'Scene A', sceneItemId: red.id, sceneItemEnabled: false });
    await waitFor(() => status().scenes.find((s) => s.name === 'Scene A')!.items[0]!.enabled === false, 'the hidden item');
    await verifier.call('RemoveScene', { sceneName: 'Scene C' });
    await waitFor(() => !sceneNames().includes('Scene C'), 'the removed scene gone');
  });

  it('sends requests and reads OBS again before answering; reports health', async () => {
    await connection.setProgramScene('Scene A');
    expect(status().programScene).toBe('Scene A');
    expect((await verifier.call('GetCurrentProgramScene')).currentProgramSceneName).toBe('Scene A');
    const red = status().scenes.find((s) => s.name === 'Scene A')!.items[0]!;
    await connection.setSceneItemEnabled({ sceneName: 'Scene A', sceneItemId: red.id, enabled: true });
    expect(status().scenes.find((s) => s.name === 'Scene A')!.items[0]!.enabled).toBe(true);
    await expect(connection.setProgramScene('No Such Scene')).rejects.toThrow(/^OBS said: /);
    await waitFor(() => (status().health?.renderTotalFrames ?? 0) > 0, 'GetStats health');
  });

  it('reconnects after OBS is killed, withdrawing the session meanwhile; a request cut off is answered', async () => {
    await verifier.disconnect();
    // A request OBS takes a while over, in flight when OBS dies (obs-websocket-js alone never answers it).
    const inFlight = sessions
      .at(-1)!
      .callBatch([{ requestType: 'Sleep', requestData: { sleepMillis: 5000 } }], { executionType: RequestBatchExecutionType.SerialRealtime })
      .then(
        () => 'answered by OBS',
        (error: Error) => error.message,
      );
    sessions.length = 0;
    const before = seen.length;
    await obs.kill();
    expect(await inFlight).toBe('Not connected');
    await waitForState('reconnecting');
    // The first word of the drop; retries (every 100 ms here) then say why OBS is still away.
    expect(seen.slice(before).find((s) => s.state === 'reconnecting')).toMatchObject({ message: 'OBS closed the connection — reconnecting…', health: null });
    expect(status().message).toMatch(/reconnecting/);
    expect(sessions).toEqual([null]);
    await expect(connection.setProgramScene('Scene B')).rejects.toThrow('OBS is not connected.');

    await obs.restart();
    await waitForState('connected');
    await waitFor(() => (sessions.at(-1) ?? null) !== null, 'a new session');
    expect(sceneNames()).toEqual(['Scene A', 'Scene B']);
    verifier = await connectVerifier(obs);
  }, 60_000);

  it('disconnects when the host asks, and withdraws the session', async () => {
    connection.disconnect();
    expect(status()).toMatchObject({ state: 'disconnected', message: null, health: null });
    expect(sessions.at(-1)).toBeNull();
  });
});
