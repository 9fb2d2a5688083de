import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { silentLogger } from '../log.js';
import { runSimCommand } from './command.js';

const capture = () => {
  const out: string[] = [];
  const err: string[] = [];
  const o = jest.spyOn(process.stdout, 'write').mockImplementation((s) => {
    out.push(String(s));
    return true;
  });
  const e = jest.spyOn(process.stderr, 'write').mockImplementation((s) => {
    err.push(String(s));
    return true;
  });
  return {
    out: () => out.join(''),
    err: () => err.join(''),
    restore: () => {
      o.mockRestore();
      e.mockRestore();
    },
  };
};

describe('hydra sim', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'hydra-sim-cmd-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints its usage for --help', async () => {
    const io = capture();
    try {
      expect(await runSimCommand(['--help'], silentLogger())).toBe(0);
      expect(io.out()).toMatch(/hydra sim \[options\][\s\S]*--day-seconds N[\s\S]*--faults FILE/);
    } finally {
      io.restore();
    }
  });

  it('refuses bad flags and values with exit code 2, naming the flag, the value and what is accepted', async () => {
    const bad = path.join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ rules: [{ on: 'placeOrder', action: 'delayFills', ms: -5 }] }));
    const notJson = path.join(dir, 'not.json');
    writeFileSync(notJson, '{ rules: ');
    const cases: [string[], RegExp][] = [
      [['--port', 'abc'], /--port "abc": expected an integer from 0 to 65535/],
      [['--port', '70000'], /--port "70000": expected an integer from 0 to 65535/],
      [['--seed', '1.5'], /--seed "1.5": expected an integer/],
      [['--server-version', '150'], /--server-version "150": expected an integer from 166 to 193/],
      [['--day-seconds', '0'], /--day-seconds "0": expected a number of seconds above 0/],
      [['--start', '2019-06-03'], /--start "2019-06-03": expected a date YYYY-MM-DD from 2020-01-02 on/],
      [['--account', 'me'], /--account "me": expected an IB account id/],
      [['--faults', path.join(dir, 'missing.json')], /--faults ".*missing\.json": cannot read it/],
      [['--faults', notJson], /--faults ".*not\.json": not JSON/],
      [['--faults', bad], /--faults ".*bad\.json": fault script rules\[0\]\.ms: must be a positive integer/],
      [['--bogus'], /Unknown option '--bogus'/],
      [['--port'], /Option '--port <value>' argument missing/],
    ];
    for (const [argv, message] of cases) {
      const io = capture();
      try {
        expect([argv, await runSimCommand(argv, silentLogger())]).toEqual([argv, 2]);
        expect(io.err()).toMatch(message);
        expect(io.err()).toMatch(/Usage|hydra sim \[options\]/);
      } finally {
        io.restore();
      }
    }
  });

  it('serves until SIGINT, then closes and resolves 0', async () => {
    const io = capture();
    const sigterm = process.listenerCount('SIGTERM');
    try {
      const run = runSimCommand(['--port', '0', '--seed', '3', '--start', '2026-03-02'], silentLogger());
      const line = await new Promise<string>((resolve) => {
        const poll = () => (io.out().includes('Ctrl-C') ? resolve(io.out()) : setTimeout(poll, 5));
        poll();
      });
      const port = Number(/127\.0\.0\.1:(\d+)/.exec(line)?.[1]);
      expect(line).toMatch(/seed 3, server version 193, account DU1234567, trading date 2026-03-02/);
      await new Promise<void>((resolve, reject) => {
        const s = connect(port, '127.0.0.1', () => {
          s.destroy();
          resolve();
        });
        s.on('error', reject);
      });
      process.emit('SIGINT');
      expect(await run).toBe(0);
      expect(process.listenerCount('SIGTERM')).toBe(sigterm);
      await expect(
        new Promise((resolve, reject) => {
          const s = connect(port, '127.0.0.1', () => resolve('connected'));
          s.on('error', reject);
        }),
      ).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    } finally {
      io.restore();
    }
  });
});
