/** The Shopify emulator's entry point for tests, benchmarks and the sandbox. */
export { startShopifyEmulator, ShopifyEmulator, type ShopifyEmulatorOptions } from './server.ts';
export { SHOPIFY_WEBHOOK_RETRY_DELAYS_MS } from './context.ts';
