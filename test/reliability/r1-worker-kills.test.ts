// Proves reliability item R1 at smoke size (the full run is `npm run bench -- r1`): 2,000 order
// webhooks through the real HTTP intake while `stockpool worker` processes on PostgreSQL are
// killed with SIGKILL ten times at random moments and restarted, the platforms re-delivering their
// last webhooks after each restart. Every acknowledged event is in the inbox and processed, every
// acknowledged order is applied exactly once in its platform's current state, no hold or movement
// is duplicated, reserved stock equals the live orders, the invariants hold and every shop
// converges.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { availableDialects } from '../support/databases.ts';
import { R1_DEFAULTS, runR1 } from '../../bench/reliability/r1-scenario.ts';

const dialects = await availableDialects();

test(
  '2,000 order events survive ten SIGKILLs of the worker: none lost, none applied twice',
  {
    skip: !dialects.includes('postgres') && 'no PostgreSQL server answers',
  },
  async () => {
    const result = await runR1({
      ...R1_DEFAULTS,
      events: 2_000,
      kills: 10,
      eventsPerSecond: 70,
      skus: 6,
      settleTimeoutMs: 120_000,
    });
    const { checks } = result;
    assert.ok(result.eventsSent >= 2_000, 'the platforms sent the events');
    assert.equal(result.kills.total, 10);
    assert.ok(result.kills.whileRunning > 0, 'some kills hit a running worker');
    assert.ok(result.redelivered > 0, 'the platforms re-delivered after restarts');
    assert.ok(checks.ordersAcknowledged > 0);
    assert.equal(checks.lostEvents, 0, 'no acknowledged event lost');
    assert.equal(checks.ordersMissing, 0);
    assert.equal(checks.ordersInWrongState, 0, checks.examples.join('; '));
    assert.equal(checks.ordersWithWrongHolds, 0, checks.examples.join('; '));
    assert.deepEqual(checks.reservedMismatches, []);
    assert.equal(checks.duplicateHolds, 0);
    assert.equal(checks.duplicateMovements, 0);
    assert.deepEqual(checks.invariantViolations, []);
    assert.deepEqual(checks.failures, []);
  },
);
