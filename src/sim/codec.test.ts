import { isHydraError } from '../errors.js';
import { createFrameReader, encodeFrame } from './codec.js';

const hello = (range: string) => {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(range.length);
  return Buffer.concat([Buffer.from('API\0', 'latin1'), len, Buffer.from(range)]);
};
const protocolError = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    return isHydraError(err, 'HYDRA_ERR_SIM_PROTOCOL') ? err.message : `other error: ${String(err)}`;
  }
  return 'no error';
};

describe('encodeFrame', () => {
  it('writes a big-endian length and NUL-terminates every field, the last one included', () => {
    const f = encodeFrame([49, 1, 'é', true, false, null, undefined]);
    const body = Buffer.from('49\x001\x00é\x001\x000\x00\x00\x00', 'utf8');
    expect(f.readUInt32BE(0)).toBe(body.length);
    expect(f.subarray(4)).toEqual(body);
  });
});

describe('createFrameReader', () => {
  it('reads the handshake (with or without connect options) and then frames, across chunk boundaries', () => {
    const r = createFrameReader();
    const bytes = Buffer.concat([
      hello('v100..193 +PACEAPI'),
      encodeFrame([71, 2, 7, '']),
      encodeFrame([49, 1]),
    ]);
    const out: string[][] = [];
    let hs = null;
    // One byte at a time: the worst fragmentation TCP can produce.
    for (const b of bytes) {
      r.push(Buffer.from([b]));
      if (!hs) hs = r.handshake();
      if (hs) for (let f = r.next(); f; f = r.next()) out.push(f);
    }
    expect(hs).toEqual({ minVersion: 100, maxVersion: 193, options: '+PACEAPI' });
    expect(out).toEqual([
      ['71', '2', '7', ''],
      ['49', '1'],
    ]);
  });

  it('takes a single version "v176" as a one-version range', () => {
    const r = createFrameReader();
    r.push(hello('v176'));
    expect(r.handshake()).toEqual({ minVersion: 176, maxVersion: 176, options: '' });
  });

  it('refuses a wrong prefix as soon as four bytes are in', () => {
    const r = createFrameReader();
    r.push(Buffer.from('GET '));
    expect(protocolError(() => r.handshake())).toMatch(/bad prefix/);
  });

  it('refuses a handshake length of 0 or over 256, and text that is not a version range', () => {
    for (const range of ['', 'x'.repeat(300), 'hello']) {
      const r = createFrameReader();
      r.push(hello(range));
      expect(protocolError(() => r.handshake())).toMatch(/bad handshake length|bad version range/);
    }
  });

  it('refuses frames of length 0 or over 1 MiB, and a frame whose last field is not NUL-terminated', () => {
    for (const frame of [
      Buffer.from([0, 0, 0, 0]),
      Buffer.from([0xff, 0xff, 0xff, 0xff, 1]),
      Buffer.concat([Buffer.from([0, 0, 0, 4]), Buffer.from('49\x001')]),
    ]) {
      const r = createFrameReader();
      r.push(hello('v100..193'));
      r.handshake();
      r.push(frame);
      expect(protocolError(() => r.next())).toMatch(/bad frame length|does not end with NUL/);
    }
  });

  it('waits for the rest of a truncated frame', () => {
    const r = createFrameReader();
    r.push(hello('v100..193'));
    r.handshake();
    const f = encodeFrame([49, 1]);
    r.push(f.subarray(0, 5));
    expect(r.next()).toBeNull();
    r.push(f.subarray(5));
    expect(r.next()).toEqual(['49', '1']);
  });
});
