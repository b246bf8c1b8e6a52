/** Who is acting, for which tenant, and when: passed to every stock command. */
export interface Actor {
  tenantId: string;
  /** Shown in the ledger: a user's e-mail, a token name, `system:sweeper`, `import:<file>`. */
  name: string;
}

export interface CommandContext extends Actor {
  nowMs: number;
}

export function toIso(ms: number): string {
  return new Date(ms).toISOString();
}

export function toIsoOrNull(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}
