/**
 * A webhook relay for end-to-end tests: a real HTTP server that an emulator delivers a shop's
 * webhooks to instead of StockPool. Passing through, it forwards each one to StockPool and answers
 * with StockPool's status; holding, it acknowledges at once (the platform sees it delivered) and
 * keeps it, so a test decides when, in which order and how often StockPool gets it: late, out of
 * order, or twice, as real platforms deliver.
 */
import { createServer, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface HeldWebhook {
  /** The path it was sent to, e.g. /webhooks/shopee. */
  path: string;
  body: string;
  headers: Record<string, string>;
}

export interface WebhookRelay {
  /** Base URL: give `${url}/webhooks/<platform>` to the emulator as the shop's webhook URL. */
  url: string;
  /** While true, deliveries are kept instead of forwarded. */
  holding: boolean;
  /** Deliveries received and not yet released, oldest first. */
  held(): HeldWebhook[];
  /** Takes the held deliveries that match out of the relay (all by default). */
  take(match?: (w: HeldWebhook) => boolean): HeldWebhook[];
  /** Stops holding and forwards what was held, in arrival order. */
  release(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Headers worth forwarding: the signature and anything the platform added, and the Host the
 * platform called (Shopee signs the callback URL, so StockPool must see the relay's address, as
 * behind any proxy); not the transport ones.
 */
function forwardable(headers: IncomingHttpHeaders): Record<string, string> {
  const skip = new Set(['content-length', 'connection', 'transfer-encoding']);
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers))
    if (!skip.has(name) && typeof value === 'string') out[name] = value;
  return out;
}

/** Starts a relay in front of StockPool at `targetBaseUrl`, passing through until told to hold. */
export async function startWebhookRelay(targetBaseUrl: string): Promise<WebhookRelay> {
  let held: HeldWebhook[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (c: Buffer) => chunks.push(c));
    request.on('end', () => {
      const webhook = {
        path: request.url ?? '/',
        body: Buffer.concat(chunks).toString('utf8'),
        headers: forwardable(request.headers),
      };
      const answer = (status: number) =>
        response.writeHead(status, { 'content-type': 'application/json' }).end('{"code":0}');
      if (relay.holding) {
        held.push(webhook);
        answer(200);
        return;
      }
      deliverTo(targetBaseUrl, webhook).then(answer, () => answer(502));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const relay: WebhookRelay = {
    url: `http://127.0.0.1:${port}`,
    holding: false,
    held: () => [...held],
    take: (match = () => true) => {
      const taken = held.filter(match);
      held = held.filter((w) => !match(w));
      return taken;
    },
    release: async () => {
      relay.holding = false;
      for (const w of relay.take()) await deliverTo(targetBaseUrl, w);
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // The emulators keep connections alive: close them, or close() waits for their timeout.
        server.closeAllConnections();
      }),
  };
  return relay;
}

/**
 * Sends one webhook to StockPool exactly as the platform sent it, Host header included (which
 * fetch would replace); returns the HTTP status.
 */
export function deliverTo(baseUrl: string, w: HeldWebhook): Promise<number> {
  return new Promise((resolve, reject) => {
    const body = Buffer.from(w.body, 'utf8');
    const call = httpRequest(
      `${baseUrl}${w.path}`,
      { method: 'POST', headers: { ...w.headers, 'content-length': String(body.length) } },
      (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
      },
    );
    call.on('error', reject);
    call.end(body);
  });
}
