// A TCP proxy on 127.0.0.1 in front of a real database server, for fault tests: it forwards bytes
// both ways until told to stall (stop forwarding, keep the sockets open: a network that hangs),
// or to hold back the client's bytes from the moment they contain a marker (a COMMIT that never
// arrives), or to cut the connection right after forwarding a marker (a dropped connection in the
// middle of a write). When the client closes its side the proxy closes the server side, as a real
// network eventually does, so the server notices and rolls back.
import { createServer, connect, type AddressInfo, type Server, type Socket } from 'node:net';

export interface StallProxy {
  port: number;
  /** Stop forwarding in both directions on every current and future connection. */
  stall(): void;
  resume(): void;
  /** Hold back client → server bytes from the first chunk that contains `marker` (that chunk included). */
  holdClientFrom(marker: string): void;
  /** Stop holding: forward what holdClientFrom held back, and everything after it. */
  release(): void;
  /** Forward the first client chunk containing `marker`, then cut both sides after `afterMs`. */
  cutAfter(marker: string, afterMs: number): void;
  /** Bytes the proxy forwarded from clients (for assertions on what reached the server). */
  connections(): number;
  close(): Promise<void>;
}

export async function startStallProxy(targetPort: number, targetHost = '127.0.0.1'): Promise<StallProxy> {
  let stalled = false;
  let holdMarker: string | undefined;
  let cut: { marker: string; afterMs: number } | undefined;
  let count = 0;
  const pairs = new Set<[Socket, Socket]>();
  const server: Server = createServer((client) => {
    count++;
    const upstream = connect(targetPort, targetHost);
    const pair: [Socket, Socket] = [client, upstream];
    pairs.add(pair);
    let holding = false;
    const held: Buffer[] = [];
    const upHeld: Buffer[] = [];
    const downHeld: Buffer[] = [];
    client.on('data', (chunk: Buffer) => {
      const text = chunk.toString('latin1');
      if (holdMarker && text.includes(holdMarker)) holding = true;
      if (holding) return void held.push(chunk);
      if (stalled) return void upHeld.push(chunk);
      upstream.write(chunk);
      if (cut && text.includes(cut.marker)) {
        const { afterMs } = cut;
        setTimeout(() => {
          client.destroy();
          upstream.destroy();
        }, afterMs);
      }
    });
    upstream.on('data', (chunk: Buffer) => {
      if (stalled) return void downHeld.push(chunk);
      client.write(chunk);
    });
    const flush = () => {
      if (stalled) return;
      for (const c of upHeld.splice(0)) upstream.write(c);
      for (const c of downHeld.splice(0)) client.write(c);
    };
    client.on('drain', flush);
    const end = () => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on('close', end);
    upstream.on('close', end);
    client.on('error', end);
    upstream.on('error', end);
    (pair as unknown as { flush: () => void }).flush = flush;
    (pair as unknown as { release: () => void }).release = () => {
      holding = false;
      for (const c of held.splice(0)) upstream.write(c);
    };
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    stall: () => void (stalled = true),
    resume: () => {
      stalled = false;
      for (const p of pairs) (p as unknown as { flush: () => void }).flush();
    },
    holdClientFrom: (marker) => void (holdMarker = marker),
    release: () => {
      holdMarker = undefined;
      for (const p of pairs) (p as unknown as { release: () => void }).release();
    },
    cutAfter: (marker, afterMs) => void (cut = { marker, afterMs }),
    connections: () => count,
    close: async () => {
      for (const [a, b] of pairs) {
        a.destroy();
        b.destroy();
      }
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
