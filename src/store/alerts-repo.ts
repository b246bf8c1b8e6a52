/**
 * Alerts: one open alert per tenant, kind and subject (a unique partial index enforces it). Raising
 * an alert that is already open updates it (a worse level escalates it); resolving closes it and
 * keeps it as history.
 */
import type { Kysely } from 'kysely';
import type { DB } from './schema.ts';

export type AlertLevel = 'yellow' | 'orange' | 'red';
const RANK: Record<AlertLevel, number> = { yellow: 1, orange: 2, red: 3 };

export interface AlertInput {
  tenantId: string;
  kind: string;
  subject: string;
  level: AlertLevel;
  params: Record<string, unknown>;
  nowMs: number;
  newId: () => string;
}

export interface AlertRecord {
  id: string;
  kind: string;
  level: AlertLevel;
  subject: string;
  params: Record<string, unknown>;
  status: 'open' | 'resolved';
  openedAtMs: number;
  updatedAtMs: number;
  resolvedAtMs: number | null;
}

export async function raiseAlert(db: Kysely<DB>, a: AlertInput): Promise<void> {
  const open = await db
    .selectFrom('alerts')
    .select(['id', 'level'])
    .where('tenant_id', '=', a.tenantId)
    .where('kind', '=', a.kind)
    .where('subject', '=', a.subject)
    .where('status', '=', 'open')
    .executeTakeFirst();
  if (open) {
    const level = RANK[a.level] > RANK[open.level as AlertLevel] ? a.level : open.level;
    await db
      .updateTable('alerts')
      .set({ level, params_json: JSON.stringify(a.params), updated_at: a.nowMs })
      .where('id', '=', open.id)
      .execute();
    return;
  }
  await db
    .insertInto('alerts')
    .values({
      id: a.newId(),
      tenant_id: a.tenantId,
      kind: a.kind,
      level: a.level,
      subject: a.subject,
      params_json: JSON.stringify(a.params),
      status: 'open',
      opened_at: a.nowMs,
      updated_at: a.nowMs,
      resolved_at: null,
    })
    // Two workers raising the same alert at once: the second finds the first's row next time.
    .onConflict((oc) => oc.doNothing())
    .execute();
}

export async function resolveAlert(
  db: Kysely<DB>,
  q: { tenantId: string; kind: string; subject: string; nowMs: number },
): Promise<void> {
  await db
    .updateTable('alerts')
    .set({ status: 'resolved', resolved_at: q.nowMs, updated_at: q.nowMs })
    .where('tenant_id', '=', q.tenantId)
    .where('kind', '=', q.kind)
    .where('subject', '=', q.subject)
    .where('status', '=', 'open')
    .execute();
}

export async function listAlerts(
  db: Kysely<DB>,
  q: { tenantId: string; status?: 'open' | 'resolved'; kind?: string; limit: number },
): Promise<AlertRecord[]> {
  let query = db.selectFrom('alerts').selectAll().where('tenant_id', '=', q.tenantId);
  if (q.status) query = query.where('status', '=', q.status);
  if (q.kind) query = query.where('kind', '=', q.kind);
  const rows = await query.orderBy('opened_at', 'desc').limit(q.limit).execute();
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    level: r.level as AlertLevel,
    subject: r.subject,
    params: JSON.parse(r.params_json) as Record<string, unknown>,
    status: r.status as 'open' | 'resolved',
    openedAtMs: Number(r.opened_at),
    updatedAtMs: Number(r.updated_at),
    resolvedAtMs: r.resolved_at === null ? null : Number(r.resolved_at),
  }));
}
