/**
 * Reads a sheet's header row: what the sheet is (by its name), which column holds which field,
 * and what is wrong with the header itself (a required column missing, a field given twice).
 */
import {
  ITEM_HEADERS,
  WAREHOUSE_HEADERS,
  itemFieldOf,
  sheetKindOf,
  warehouseFieldOf,
  type ItemField,
  type SheetKind,
  type WarehouseField,
} from './columns.ts';
import type { RawSheet } from './raw-sheet.ts';
import type { RowError } from './row-error.ts';

/** `flat`: a CSV file or a sheet with a name we do not know; any item column may appear. */
export type SheetRole = Exclude<SheetKind, 'readme'> | 'flat' | 'ignored';

export interface SheetLayout<F extends string = ItemField | WarehouseField> {
  sheet: string | null;
  role: SheetRole;
  headerRow: number;
  /** Field → its column index. */
  indexOf: Partial<Record<F, number>>;
  /** Field → the header as the seller wrote it (for messages). */
  headerOf: Partial<Record<F, string>>;
  /** Headers we did not recognise: reported, then ignored. */
  unknownHeaders: string[];
  errors: RowError[];
}

const REQUIRED: Record<Exclude<SheetRole, 'ignored'>, readonly string[]> = {
  warehouses: ['code'],
  skus: ['sku'],
  bundles: ['sku', 'components'],
  stock: ['sku', 'onHand'],
  flat: ['sku'],
};

function roleOf(sheet: RawSheet): SheetRole {
  if (sheet.name === null) return 'flat';
  const kind = sheetKindOf(sheet.name);
  if (kind === 'readme') return 'ignored';
  return kind ?? 'flat';
}

const hasChinese = (headers: readonly string[]) => headers.some((h) => /\p{Script=Han}/u.test(h));

export function layoutOf(sheet: RawSheet): SheetLayout {
  const role = roleOf(sheet);
  const layout: SheetLayout = {
    sheet: sheet.name,
    role,
    headerRow: sheet.headerRowNumber,
    indexOf: {},
    headerOf: {},
    unknownHeaders: [],
    errors: [],
  };
  if (role === 'ignored') return layout;
  const fieldOf = role === 'warehouses' ? warehouseFieldOf : itemFieldOf;
  const at = { sheet: sheet.name, row: sheet.headerRowNumber };
  sheet.headers.forEach((header, index) => {
    if (!header) return;
    const field = fieldOf(header);
    if (!field) return void layout.unknownHeaders.push(header);
    const first = layout.headerOf[field];
    if (first !== undefined)
      return void layout.errors.push({
        ...at,
        column: header,
        value: header,
        reason: 'DUPLICATE_COLUMN',
        details: { first },
      });
    layout.indexOf[field] = index;
    layout.headerOf[field] = header;
  });
  const names: Record<string, { en: string; zh: string }> =
    role === 'warehouses' ? WAREHOUSE_HEADERS : ITEM_HEADERS;
  const zh = hasChinese(sheet.headers);
  for (const field of REQUIRED[role]) {
    if (layout.headerOf[field as ItemField] !== undefined) continue;
    const name = names[field];
    layout.errors.push({
      ...at,
      column: null,
      reason: 'MISSING_COLUMN',
      details: { column: zh ? name?.zh : name?.en },
    });
  }
  // A sheet with a name we do not know and no SKU column is someone's notes, not data.
  if (role === 'flat' && sheet.name !== null && layout.headerOf.sku === undefined)
    return { ...layout, role: 'ignored', errors: [] };
  return layout;
}
