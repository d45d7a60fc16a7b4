/**
 * Serialised answers kept by their validator, so a repeat read of unchanged data costs the validator's
 * queries and a socket write instead of the whole read, its mapping and its serialisation.
 *
 * Correctness does not rest on invalidation: the key includes the validator (ETag) that the caller
 * computes from the database on every request, after access was checked. A write anywhere (on this
 * instance or another sharing the database) changes the validator, so the stale entry is simply never
 * asked for again and ages out. The bound is on bytes held, least recently used first out.
 */
export class RepresentationCache {
  private readonly entries = new Map<string, Buffer>();
  private held = 0;

  constructor(
    /** Total bytes of bodies held; 0 turns the cache off. */
    readonly maxBytes: number,
    /** One body larger than this is never kept (it would push out everything else). */
    readonly maxEntryBytes = Math.floor(maxBytes / 8),
  ) {}

  get bytes(): number {
    return this.held;
  }

  get size(): number {
    return this.entries.size;
  }

  get(key: string): Buffer | undefined {
    const body = this.entries.get(key);
    if (body === undefined) return undefined;
    // Map keeps insertion order: re-inserting marks the entry as the most recently used.
    this.entries.delete(key);
    this.entries.set(key, body);
    return body;
  }

  set(key: string, body: Buffer): void {
    if (body.length > this.maxEntryBytes) return;
    const previous = this.entries.get(key);
    if (previous !== undefined) {
      this.held -= previous.length;
      this.entries.delete(key);
    }
    this.entries.set(key, body);
    this.held += body.length;
    for (const [oldest, value] of this.entries) {
      if (this.held <= this.maxBytes) break;
      this.entries.delete(oldest);
      this.held -= value.length;
    }
  }
}
