import { EventName } from '@stoqey/ib';
import { type Simulator, startSimulator } from '../../src/sim/index.js';
import { connectIb, handshakeBytes, rawClient, waitFor } from './helpers.js';

describe('garbage on the wire', () => {
  let sim: Simulator;
  beforeEach(async () => {
    sim = await startSimulator({ port: 0, startDate: '2026-03-02' });
  });
  afterEach(() => sim.close());

  it('closes sockets that send garbage, answers unknown messages with an error, and keeps serving a real client throughout', async () => {
    const good = await connectIb(sim.port, 70);
    good.api.reqCurrentTime();

    const badPrefix = await rawClient(sim.port);
    badPrefix.sock.write('GET / HTTP/1.1\r\nHost: x\r\n\r\n');
    const badRange = await rawClient(sim.port);
    badRange.sock.write(handshakeBytes('hello there'));
    const oldClient = await rawClient(sim.port);
    oldClient.sock.write(handshakeBytes('v100..150'));
    const hugeFrame = await rawClient(sim.port);
    hugeFrame.start(71);
    hugeFrame.sock.write(Buffer.from([0xff, 0xff, 0xff, 0xf0, 1, 2, 3]));
    const zeroFrame = await rawClient(sim.port);
    zeroFrame.start(72);
    zeroFrame.sock.write(Buffer.from([0, 0, 0, 0]));
    const noNul = await rawClient(sim.port);
    noNul.start(73);
    noNul.sock.write(Buffer.concat([Buffer.from([0, 0, 0, 4]), Buffer.from('49\x001')]));
    const beforeStart = await rawClient(sim.port);
    beforeStart.sock.write(handshakeBytes());
    beforeStart.send([49, 1]);
    const truncated = await rawClient(sim.port);
    truncated.start(74);
    truncated.sock.write(Buffer.from([0, 0, 0, 50, 0x34, 0x39, 0]));
    truncated.sock.end();

    const unknown = await rawClient(sim.port);
    unknown.start(75);
    unknown.send([999, 1, 'x']);
    unknown.send([49, 'not', 'a', 'request']);
    unknown.send([10, 5, 44, '', 'AAPL', 'STK', '', '', '', '', 'SMART', '', 'USD', '', '', 5, 0, '']);
    unknown.send([1, 11, 'abc']);

    for (const [name, c] of Object.entries({
      badPrefix,
      badRange,
      oldClient,
      hugeFrame,
      zeroFrame,
      noNul,
      beforeStart,
      truncated,
    }))
      await waitFor(() => c.closed(), `${name} to be closed`);
    // The client that spoke before START_API was told why.
    expect(beforeStart.frames().at(-1)).toEqual([
      '4',
      '2',
      '-1',
      '320',
      expect.stringMatching(/expected START_API/),
      '',
    ]);

    const errors = () =>
      unknown.frames().filter((f) => f[0] === '4' && !['2104', '2106', '2158'].includes(f[3]!));
    await waitFor(() => errors().length === 4, 'four errors');
    expect(errors().map((f) => [f[2], f[3]])).toEqual([
      ['-1', '320'], // unknown message id
      ['-1', '320'], // reqCurrentTime with fields left over
      ['44', '321'], // reqMktDepth: known, not simulated, refused for its request id
      ['-1', '320'], // reqMktData whose request id is not a number
    ]);
    expect(errors()[0]?.[4]).toMatch(/message id 999 is unknown/);
    expect(unknown.closed()).toBe(false);
    unknown.sock.destroy();

    // The well-behaved client never noticed.
    good.api.reqCurrentTime();
    await waitFor(() => good.of(EventName.currentTime).length === 2, 'two current times');
    expect(good.errors()).toEqual([]);
    expect(good.disconnected()).toBe(false);
    await good.close();
  });

  it('refuses a second connection with a client id in use (326) and keeps the first', async () => {
    const first = await connectIb(sim.port, 80);
    const second = await connectIb(sim.port, 80, { ready: false });
    await waitFor(() => second.disconnected(), 'the duplicate to be closed');
    expect(second.infos().map((i) => i.code)).toContain(326);
    expect(second.nextValidId()).toBeUndefined();
    first.api.reqCurrentTime();
    await waitFor(() => first.of(EventName.currentTime).length, 'the first client still served');
    await first.close();
    // Once the first has gone, the id is free again.
    const third = await connectIb(sim.port, 80);
    await third.close();
  });
});
