// Exact distinct counts past the tally cap: a column whose values are mostly new (an ID column)
// stops keeping values and tallies at the cap, and from then on keeps only a 53-bit hash of each
// value in an open-addressing table (8 bytes a slot, at most half full), so 3,339 IDs count as
// 3,339, and "all values unique" can be said. Two different values share a hash with a chance
// of about n²/2⁵⁴ (1 in 18 million for a million values), so the count is exact in practice.
// All columns of a sheet share one slot budget; a column that would exceed it stops counting and
// reports a lower bound, labelled as such (distinctCapped).

/** Slots (8 bytes each) shared by every column of a sheet: 128 MB, some 8 million distinct values (a table is at most half full). */
export const SLOT_BUDGET = 16 * 1024 * 1024;
const FIRST_SLOTS = 1 << 14;

export class SlotBudget {
  private left: number;
  constructor(slots: number = SLOT_BUDGET) {
    this.left = slots;
  }
  take(slots: number): boolean {
    if (slots > this.left) return false;
    this.left -= slots;
    return true;
  }
  give(slots: number): void {
    this.left += slots;
  }
}

export class HashCount {
  /** Hash + 1 in each used slot (0 marks an empty one). */
  private slots: Float64Array;
  size = 0;
  /** The budget ran out: `size` is a lower bound from then on. */
  full = false;

  private readonly budget: SlotBudget;

  constructor(budget: SlotBudget) {
    this.budget = budget;
    this.slots = budget.take(FIRST_SLOTS) ? new Float64Array(FIRST_SLOTS) : new Float64Array(0);
    if (this.slots.length === 0) this.full = true;
  }

  /** Counts `hash` (0 ≤ hash < 2⁵³) unless it was counted before. */
  add(hash: number): void {
    if (this.full) return;
    if ((this.size + 1) * 2 > this.slots.length && !this.grow()) return;
    const stored = hash + 1;
    const mask = this.slots.length - 1;
    // The low 32 bits pick the slot; linear probing finds it or a free one.
    for (let index = (hash >>> 0) & mask; ; index = (index + 1) & mask) {
      const slot = this.slots[index] as number;
      if (slot === stored) return;
      if (slot === 0) {
        this.slots[index] = stored;
        this.size++;
        return;
      }
    }
  }

  private grow(): boolean {
    const old = this.slots;
    if (!this.budget.take(old.length * 2)) {
      this.full = true;
      return false;
    }
    this.slots = new Float64Array(old.length * 2);
    this.budget.give(old.length);
    this.size = 0;
    for (const stored of old) if (stored !== 0) this.add(stored - 1);
    return true;
  }
}
