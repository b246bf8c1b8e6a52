/**
 * Reads the `payload` of UpdateSellableQuantity (lazada.md §3.7): XML
 * `<Request><Product><Skus><Sku>…</Sku></Skus></Product></Request>`, or the JSON form
 * `{"Request":{"Product":{"Skus":{"Sku":[…]}}}}` (`Sku` an object or an array). Each SKU has
 * ItemId/SkuId/SellerSku and either `SellableQuantity` or `MultiWarehouseInventories`.
 */

export interface SellableSku {
  itemId: string | null;
  skuId: string | null;
  sellerSku: string | null;
  /** Set for the single-warehouse form. */
  sellable: number | null;
  /** Set for the multi-warehouse form. */
  warehouses: Array<{ code: string; sellable: number }> | null;
}

/** The SKUs of a payload, or null when it is neither form. */
export function parseSellablePayload(payload: string): SellableSku[] | null {
  const text = payload.trim();
  if (text.startsWith('{')) return parseJsonPayload(text);
  if (text.startsWith('<')) return parseXmlPayload(text);
  return null;
}

function parseXmlPayload(text: string): SellableSku[] | null {
  if (!/<Request>[\s\S]*<\/Request>/.test(text)) return null;
  const skus = [...text.matchAll(/<Sku>([\s\S]*?)<\/Sku>/g)].map((match) => {
    const body = match[1] ?? '';
    const multi = /<MultiWarehouseInventories>([\s\S]*?)<\/MultiWarehouseInventories>/.exec(body);
    const warehouses = multi
      ? [
          ...(multi[1] ?? '').matchAll(
            /<MultiWarehouseInventory>([\s\S]*?)<\/MultiWarehouseInventory>/g,
          ),
        ].map((entry) => ({
          code: tag(entry[1] ?? '', 'WarehouseCode') ?? '',
          sellable: toQuantity(tag(entry[1] ?? '', 'SellableQuantity')),
        }))
      : null;
    const outside = multi ? body.replace(multi[0], '') : body;
    return {
      itemId: tag(outside, 'ItemId'),
      skuId: tag(outside, 'SkuId'),
      sellerSku: tag(outside, 'SellerSku'),
      sellable: warehouses ? null : toQuantity(tag(outside, 'SellableQuantity')),
      warehouses,
    };
  });
  return skus;
}

function parseJsonPayload(text: string): SellableSku[] | null {
  try {
    const parsed = JSON.parse(text) as { Request?: { Product?: { Skus?: { Sku?: unknown } } } };
    const raw = parsed.Request?.Product?.Skus?.Sku;
    if (raw === undefined) return null;
    const list = (Array.isArray(raw) ? raw : [raw]) as Array<Record<string, unknown>>;
    return list.map((sku) => {
      const inventories = (
        sku.MultiWarehouseInventories as { MultiWarehouseInventory?: unknown } | undefined
      )?.MultiWarehouseInventory;
      const entries =
        inventories === undefined
          ? null
          : ((Array.isArray(inventories) ? inventories : [inventories]) as Array<
              Record<string, unknown>
            >);
      return {
        itemId: text_(sku.ItemId),
        skuId: text_(sku.SkuId),
        sellerSku: text_(sku.SellerSku),
        sellable: entries ? null : toQuantity(text_(sku.SellableQuantity)),
        warehouses:
          entries?.map((e) => ({
            code: text_(e.WarehouseCode) ?? '',
            sellable: toQuantity(text_(e.SellableQuantity)),
          })) ?? null,
      };
    });
  } catch {
    return null;
  }
}

/** NaN for a missing or non-integer figure: the caller refuses the SKU. */
function toQuantity(value: string | null): number {
  return value !== null && /^-?\d+$/.test(value.trim()) ? Number(value.trim()) : Number.NaN;
}

function tag(body: string, name: string): string | null {
  const match = new RegExp(`<${name}>([\\s\\S]*?)</${name}>`).exec(body);
  if (!match) return null;
  return (match[1] ?? '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&').trim();
}

function text_(value: unknown): string | null {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : null;
}
