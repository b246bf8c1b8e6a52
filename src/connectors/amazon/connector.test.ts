// Proves the Amazon connector meets the shared connector contract against the Amazon emulator
// over real HTTP: paging, batching, tokens, throttling, faults, the SQS event queue and stock.
//
// Amazon's published usage plans would make the suite's order tests take minutes (getOrderItems
// 0.5/s for 200 orders; getOrders one call a minute), so here the emulator's buckets refill at
// SUITE_RATE and the connectors pace themselves at the same rate (bursts stay the plans' own on
// both sides). Pacing at the published plans is tested in amazon-rules.test.ts.
import { runConnectorSuite } from '../connector-suite.ts';
import type { ConnectorOptions } from '../contract.ts';
import type { AmazonEmulator } from '../../../sandbox/amazon/server.ts';
import { startAmazonEmulator } from '../../../sandbox/amazon/server.ts';
import { amazon } from './index.ts';
import {
  AMAZON_CATALOG_PAGE_SIZE,
  AMAZON_ORDER_IDS_PER_CALL,
  AMAZON_ORDERS_PAGE_SIZE,
} from './options.ts';

const SUITE_RATE = 100;
const VISIBILITY_TIMEOUT_MS = 30_000;

runConnectorSuite({
  name: 'Amazon SP-API',
  module: {
    ...amazon,
    createConnector: (options: ConnectorOptions) =>
      amazon.createConnector({ rateLimitPerSecond: SUITE_RATE, ...options }),
  },
  startEmulator: (options) =>
    startAmazonEmulator({
      rateLimitPerSecond: SUITE_RATE,
      visibilityTimeoutMs: VISIBILITY_TIMEOUT_MS,
      ...options,
    }),
  warehouseId: 'DEFAULT',
  limits: {
    catalogPageSize: AMAZON_CATALOG_PAGE_SIZE,
    orderPageSize: AMAZON_ORDERS_PAGE_SIZE,
    orderDetailMaxIds: AMAZON_ORDER_IDS_PER_CALL,
  },
  capabilities: { requestTimestamps: false },
  variantIdIsSellerSku: true,
  eventQueue: { visibilityTimeoutMs: VISIBILITY_TIMEOUT_MS },
  seedShop(emulator, input) {
    // One app per shop: each has its own notification queue, so queue tests see only their events.
    const app = {
      appKey: `amzn1.application-oa2-client.suite${input.key}`,
      appSecret: `amzn1.oa2-cs.v1.suite-secret-${input.key}`,
    };
    const platformShopId = `A${String(1_000_000 + input.key)}SUITE`;
    const tokens = {
      accessToken: `Atza|suite-${input.key}`,
      refreshToken: `Atzr|suite-${input.key}`,
    };
    emulator.seedShop({
      platformShopId,
      region: 'US',
      ...app,
      ...tokens,
      accessTokenExpiresAtMs: input.accessTokenExpiresAtMs,
      webhookUrl: input.webhookUrl,
      warehouseIds: ['DEFAULT'],
    });
    emulator.seedProducts(platformShopId, input.products);
    const sqs = (emulator as AmazonEmulator).sqsSettingsFor(app.appKey, app.appSecret);
    return {
      auth: {
        ...app,
        ...tokens,
        accessTokenExpiresAtMs: input.accessTokenExpiresAtMs,
        refreshTokenExpiresAtMs: null,
        platformShopId,
        region: 'US',
        extra: { ...sqs, sqsWaitTimeSeconds: '0' },
      },
      secrets: app,
    };
  },
});
