/** The two engines StockPool runs on. Only store/dialects/ and migrations branch on this. */
export type DialectName = 'sqlite' | 'postgres';
