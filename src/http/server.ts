/**
 * Listens: builds the app, binds host:port (port 0 picks a free one) and reports the URLs of the
 * API and its docs. Closing stops accepting, lets in-flight requests finish, then resolves.
 */
import type { ApiServices } from './api-types.ts';
import { buildApp, type AppOptions } from './app.ts';
import { DOCS_PREFIX } from './openapi.ts';

export interface HttpServerOptions extends AppOptions {
  host: string;
  port: number;
}

export interface RunningHttpServer {
  /** e.g. http://127.0.0.1:8080 */
  url: string;
  docsUrl: string;
  close(): Promise<void>;
}

export async function startHttpServer(
  services: ApiServices,
  options: HttpServerOptions,
): Promise<RunningHttpServer> {
  const app = await buildApp(services, options);
  try {
    await app.listen({ host: options.host, port: options.port });
  } catch (error) {
    await app.close();
    throw error;
  }
  const address = app.server.address();
  if (address === null || typeof address === 'string')
    throw new Error(`unexpected listen address ${String(address)}`);
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${host}:${address.port}`;
  return { url, docsUrl: `${url}${DOCS_PREFIX}`, close: () => app.close() };
}
