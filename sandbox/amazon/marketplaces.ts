/**
 * Marketplace ids the emulator knows, by region code, kept apart from the connector's own table
 * so that a wrong id on either side shows up as Amazon's InvalidInput.
 */
const MARKETPLACE_IDS: Readonly<Record<string, string>> = {
  US: 'ATVPDKIKX0DER',
  CA: 'A2EUQ1WTGCTBG2',
  MX: 'A1AM78C64UM0Y8',
  UK: 'A1F83G8C2ARO7P',
  GB: 'A1F83G8C2ARO7P',
  DE: 'A1PA6795UKMFR9',
  FR: 'A13V1IB3VIYZZH',
  IT: 'APJ6JRA9NG5V4',
  ES: 'A1RKKUPIHCS9HS',
  JP: 'A1VC38T7YXB528',
  AU: 'A39IBJ37TRP1C6',
  SG: 'A19VAU5U5O7RUS',
  IN: 'A21TJRUUN4KGV',
};

/** A seller's marketplace from its region (US when none is given). */
export function emulatedMarketplaceId(region: string | undefined): string {
  const code = (region ?? 'US').toUpperCase();
  const id = MARKETPLACE_IDS[code];
  if (id) return id;
  if (Object.values(MARKETPLACE_IDS).includes(region ?? '')) return region as string;
  throw new Error(`emulator: no marketplace for region ${region}`);
}
