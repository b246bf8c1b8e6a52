/** Makes public identifiers. Passed in so tests can make them predictable. */
export interface Ids {
  /** A new id with a short type prefix, e.g. `hld_…`; sortable by creation time within a process. */
  next(prefix: string): string;
}
