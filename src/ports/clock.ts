/** The time source. Passed in everywhere so tests and simulations can drive time. */
export interface Clock {
  /** Milliseconds since the Unix epoch, UTC. */
  nowMs(): number;
}
