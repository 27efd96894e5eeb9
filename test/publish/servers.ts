/** Local servers for publish's network tests: a real git smart-HTTP server, and one that never answers. */
import { spawn } from 'child_process';
import { existsSync, readdirSync, readFileSync, readlinkSync } from 'fs';
import * as http from 'http';
import * as net from 'net';

/** A server on 127.0.0.1 and what it saw. */
export interface TestServer {
  /** `http://127.0.0.1:<port>`. */
  readonly url: string;
  /** Connections accepted so far. */
  readonly connections: number;
  /** Connections accepted and not yet closed by the client. */
  readonly open: number;
  /** Resolves when the server has accepted `n` connections in all. */
  connected(n?: number): Promise<void>;
  /** Resolves when every accepted connection was closed by the client (git gave up or was killed). */
  allClosed(): Promise<void>;
  close(): Promise<void>;
}

/** A TCP server that accepts every connection and never sends a byte: the server that hangs a client forever. */
export function startSilentServer(): Promise<TestServer> {
  return listen(net.createServer());
}

/** How {@link startGitHttpServer} slows its answers down: `bytes` every `everyMs`, for the requests `when` picks. */
export interface Trickle {
  readonly bytes: number;
  readonly everyMs: number;
  readonly when: (req: http.IncomingMessage) => boolean;
}

/**
 * git's own smart-HTTP server (`git http-backend`, as CGI) for the bare repos under `root`, pushes allowed.
 * Requests for which `hang` returns true are accepted and never answered, so one step of a publish (the fetch,
 * the push) can be made to hang while the others work. With `trickle`, the answers it picks are sent slowly but
 * steadily, as a big deploy repo comes over a slow link.
 */
export function startGitHttpServer(
  root: string,
  hang: (req: http.IncomingMessage) => boolean = () => false,
  trickle?: Trickle,
): Promise<TestServer> {
  const server = http.createServer((req, res) => {
    if (hang(req)) {
      req.resume();
      return;
    }
    const send = trickle?.when(req) ? trickled(res, trickle) : { write: (c: Buffer) => void res.write(c), end: () => res.end() };
    const url = new URL(req.url ?? '/', 'http://localhost');
    const cgi = spawn('git', ['http-backend'], {
      env: {
        PATH: process.env.PATH,
        GIT_PROJECT_ROOT: root,
        GIT_HTTP_EXPORT_ALL: '1',
        REMOTE_USER: 'kfops-test', // http-backend allows pushes only from an authenticated user
        REMOTE_ADDR: '127.0.0.1',
        PATH_INFO: url.pathname,
        QUERY_STRING: url.search.slice(1),
        REQUEST_METHOD: req.method ?? 'GET',
        CONTENT_TYPE: req.headers['content-type'] ?? '',
        ...(req.headers['content-encoding'] ? { HTTP_CONTENT_ENCODING: String(req.headers['content-encoding']) } : {}),
        ...(req.headers['git-protocol'] ? { GIT_PROTOCOL: String(req.headers['git-protocol']) } : {}),
      },
    });
    req.pipe(cgi.stdin);
    let head = Buffer.alloc(0);
    let body = false;
    cgi.stdout.on('data', (chunk: Buffer) => {
      if (body) return send.write(chunk);
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf('\r\n\r\n');
      if (end < 0) return;
      body = true;
      const headers: Record<string, string> = {};
      let status = 200;
      for (const line of head.subarray(0, end).toString('latin1').split('\r\n')) {
        const colon = line.indexOf(':');
        const [name, value] = [line.slice(0, colon).trim(), line.slice(colon + 1).trim()];
        if (name.toLowerCase() === 'status') status = parseInt(value, 10);
        else headers[name] = value;
      }
      res.writeHead(status, headers);
      send.write(head.subarray(end + 4));
    });
    cgi.stdout.on('end', () => send.end());
  });
  return listen(server);
}

/** Writes what it is given to `res` `bytes` at a time, one piece every `everyMs`, then ends it. */
function trickled(res: http.ServerResponse, { bytes, everyMs }: Trickle): { write: (c: Buffer) => void; end: () => void } {
  let queued = Buffer.alloc(0);
  let ended = false;
  const timer = setInterval(() => {
    if (queued.length > 0) {
      res.write(queued.subarray(0, bytes));
      queued = queued.subarray(bytes);
    } else if (ended) {
      clearInterval(timer);
      res.end();
    }
  }, everyMs);
  res.on('close', () => clearInterval(timer));
  return { write: (c) => { queued = Buffer.concat([queued, c]); }, end: () => { ended = true; } };
}

function listen(server: net.Server): Promise<TestServer> {
  const sockets = new Set<net.Socket>();
  let accepted = 0;
  const waiting: Array<() => void> = [];
  const notify = () => waiting.splice(0).forEach((wake) => wake());
  server.on('connection', (socket: net.Socket) => {
    accepted++;
    sockets.add(socket);
    socket.on('close', () => {
      sockets.delete(socket);
      notify();
    });
    socket.on('error', () => undefined);
    // Read (and drop) what the client sends, so its hang-up is seen: a paused socket never reports 'end'.
    socket.resume();
    notify();
  });
  const until = (done: () => boolean) => new Promise<void>((resolve) => {
    const check = () => (done() ? resolve() : waiting.push(check));
    check();
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}`,
        get connections() { return accepted; },
        get open() { return sockets.size; },
        connected: (n = 1) => until(() => accepted >= n),
        allClosed: () => until(() => sockets.size === 0),
        close: () => new Promise<void>((done) => {
          for (const socket of sockets) socket.destroy();
          server.close(() => done());
        }),
      });
    });
  });
}

/**
 * Live processes whose working folder is `dir` or below it (also after `dir` was deleted): git and what it
 * started run in publish's temp working copy, so this is every git process a publish left behind.
 */
export function processesIn(dir: string): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cwd = readlinkSync(`/proc/${entry}/cwd`);
      if ((cwd === dir || cwd.startsWith(`${dir}/`)) && isAlive(Number(entry))) found.push(Number(entry));
    } catch {
      // Gone, or not ours to look at.
    }
  }
  return found;
}

/** True while `pid` runs (a zombie waiting for its parent to reap it counts as gone). */
export function isAlive(pid: number): boolean {
  const stat = `/proc/${pid}/stat`;
  if (!existsSync(stat)) return false;
  try {
    return readFileSync(stat, 'utf8').replace(/^.*\) /s, '')[0] !== 'Z';
  } catch {
    return false;
  }
}
