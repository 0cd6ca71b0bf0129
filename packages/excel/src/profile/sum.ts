// A running sum that stays accurate over millions of values (Neumaier's compensated sum):
// a plain sum of epoch milliseconds drifts by seconds over a million rows.
export class Sum {
  #sum = 0;
  #compensation = 0;
  #count = 0;

  add(value: number): void {
    const next = this.#sum + value;
    this.#compensation += Math.abs(this.#sum) >= Math.abs(value) ? this.#sum - next + value : value - next + this.#sum;
    this.#sum = next;
    this.#count++;
  }

  mean(): number {
    return (this.#sum + this.#compensation) / this.#count;
  }
}
