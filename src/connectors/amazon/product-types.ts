/**
 * The product type of each SKU, which every listing patch must name (§4.3; README §8.6: whether
 * the generic "PRODUCT" is accepted is unconfirmed, so the listing's real type is sent). Learned
 * from catalogue pages, else read once per SKU with getListingsItem; concurrent pushes of one SKU
 * share the read.
 */
import { ConnectorError } from '../errors.ts';
import type { AmazonClient } from './client.ts';
import { productTypeOf } from './mapping.ts';
import { AMAZON_PATHS } from './options.ts';
import type { RawListingsItem } from './raw-types.ts';
import { RawListingsItem as RawListingsItemSchema } from './raw-types.ts';

/** SKUs remembered at most; the oldest are forgotten first. */
const MAX_REMEMBERED = 10_000;

export class ProductTypes {
  private readonly known = new Map<string, string>();
  private readonly reading = new Map<string, Promise<string>>();

  constructor(private readonly client: AmazonClient) {}

  remember(item: RawListingsItem): void {
    const type = productTypeOf(item, this.client.options.marketplaceId);
    if (type) this.set(item.sku, type);
  }

  /** @throws ConnectorError: REJECTED when Amazon has no such SKU or names no product type. */
  of(sku: string): Promise<string> {
    const known = this.known.get(sku);
    if (known) return Promise.resolve(known);
    let read = this.reading.get(sku);
    if (!read) {
      read = this.read(sku).finally(() => this.reading.delete(sku));
      this.reading.set(sku, read);
    }
    return read;
  }

  private async read(sku: string): Promise<string> {
    const { marketplaceId, auth } = this.client.options;
    const { body } = await this.client.call({
      operation: 'getListingsItem',
      method: 'GET',
      path: AMAZON_PATHS.listingsItem(auth.platformShopId, sku),
      query: { marketplaceIds: marketplaceId, includedData: 'summaries' },
      schema: RawListingsItemSchema,
    });
    const type = productTypeOf(body, marketplaceId);
    if (!type)
      throw new ConnectorError('REJECTED', `listing ${sku} names no product type`, {
        platformCode: 'NO_PRODUCT_TYPE',
      });
    this.set(sku, type);
    return type;
  }

  private set(sku: string, type: string): void {
    if (this.known.size >= MAX_REMEMBERED && !this.known.has(sku)) {
      const oldest = this.known.keys().next().value;
      if (oldest !== undefined) this.known.delete(oldest);
    }
    this.known.set(sku, type);
  }
}
