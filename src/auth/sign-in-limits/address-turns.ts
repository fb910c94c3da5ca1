/** Sign-ins of one address that check their password at the same time, in one process. */
const AT_ONCE = 1;
/** Sign-ins of one address that wait for their turn; more are refused at once. */
const WAITING = 20;

/**
 * Turns per client address to check a password. Hashing is what a sign-in costs, and the per-minute
 * limit still lets an address send its 60 attempts at once: without turns they would hold every
 * hashing thread, and everyone else's sign-in would queue behind them. An address's attempts go
 * one after another instead; another address's go alongside.
 */
export class AddressTurns {
  private readonly lanes = new Map<string, { running: number; waiting: (() => void)[] }>();

  /** Resolves with the function that ends the turn, or is null when the address has too many waiting. */
  take(address: string): Promise<() => void> | null {
    const lane = this.lanes.get(address) ?? { running: 0, waiting: [] };
    this.lanes.set(address, lane);
    const end = this.ender(address, lane);
    if (lane.running < AT_ONCE) {
      lane.running++;
      return Promise.resolve(end);
    }
    if (lane.waiting.length >= WAITING) return null;
    return new Promise((resolve) => lane.waiting.push(() => resolve(end)));
  }

  private ender(address: string, lane: { running: number; waiting: (() => void)[] }) {
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      const next = lane.waiting.shift();
      if (next) return next();
      lane.running--;
      if (lane.running === 0) this.lanes.delete(address);
    };
  }
}
