import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  at: number;
}

/**
 * A real HTTP receiver on 127.0.0.1 (port 0): records every request and answers `status` (200 by default).
 * `down()` closes the port and `up()` listens again on the SAME port, as a webhook endpoint that restarts.
 */
export const startHttpReceiver = async () => {
  const requests: ReceivedRequest[] = [];
  let status = 200;
  let headers: Record<string, string> = {};
  let answer = '{"ok":true}';
  const waiters: { n: number; resolve: () => void }[] = [];
  const handler = (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (body += c));
    req.on('end', () => {
      requests.push({
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        body,
        at: Date.now(),
      });
      res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(answer);
      for (const w of [...waiters]) if (requests.length >= w.n) w.resolve();
    });
  };
  let server: Server = createServer(handler);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    /** The status (and extra headers, body) every following request gets. */
    answer(s: number, h: Record<string, string> = {}, b = '{"ok":false}') {
      status = s;
      headers = h;
      answer = s < 300 ? '{"ok":true}' : b;
    },
    /** Resolves once `n` requests in total have arrived. */
    received: (n: number, timeoutMs = 15_000) =>
      new Promise<ReceivedRequest[]>((resolve, reject) => {
        if (requests.length >= n) return resolve(requests);
        const t = setTimeout(
          () => reject(new Error(`only ${requests.length} of ${n} requests arrived`)),
          timeoutMs,
        );
        waiters.push({
          n,
          resolve: () => {
            clearTimeout(t);
            resolve(requests);
          },
        });
      }),
    down: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
    up: async () => {
      server = createServer(handler);
      await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
    },
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
};

export interface ReceivedMail {
  from: string;
  to: string[];
  user: string | null;
  raw: string;
}

/** A real SMTP server (smtp-server) on 127.0.0.1 port 0, plain (no TLS), optionally requiring AUTH. */
export const startSmtpReceiver = async (auth?: { user: string; pass: string }) => {
  const mails: ReceivedMail[] = [];
  const server = new SMTPServer({
    secure: false,
    disabledCommands: ['STARTTLS'],
    authOptional: !auth,
    logger: false,
    onAuth: (a, _session, cb) => {
      if (auth && a.username === auth.user && a.password === auth.pass) return cb(null, { user: a.username });
      cb(new Error('535 authentication failed'));
    },
    onData: (stream, session, cb) => {
      let raw = '';
      stream.setEncoding('utf8');
      stream.on('data', (c: string) => (raw += c));
      stream.on('end', () => {
        mails.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          user: (session.user as string | undefined) ?? null,
          raw,
        });
        cb();
      });
    },
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.server.address() as AddressInfo).port;
  return {
    host: '127.0.0.1',
    port,
    mails,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
};
