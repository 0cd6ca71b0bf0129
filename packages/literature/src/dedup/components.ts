// Union-find over record indexes, with "keep apart" pairs: a union that would put two records the
// researcher split apart into one component is refused, however the two are connected.

export class Components {
  private readonly parent: Int32Array;
  private readonly members: number[][];
  private readonly apart = new Map<number, number[]>();

  constructor(count: number) {
    this.parent = Int32Array.from({ length: count }, (_, index) => index);
    this.members = Array.from({ length: count }, (_, index) => [index]);
  }

  keepApart(a: number, b: number): void {
    for (const [x, y] of [[a, b], [b, a]] as const) {
      const list = this.apart.get(x);
      if (list) list.push(y);
      else this.apart.set(x, [y]);
    }
  }

  find(index: number): number {
    let root = index;
    while (this.parent[root] !== root) root = this.parent[root] as number;
    for (let node = index; node !== root; ) {
      const next = this.parent[node] as number;
      this.parent[node] = root;
      node = next;
    }
    return root;
  }

  same(a: number, b: number): boolean {
    return this.find(a) === this.find(b);
  }

  size(root: number): number {
    return (this.members[root] as number[]).length;
  }

  /** Joins the components of a and b; false when they were already one or must stay apart. */
  union(a: number, b: number): boolean {
    let big = this.find(a);
    let small = this.find(b);
    if (big === small) return false;
    if (this.size(big) < this.size(small)) [big, small] = [small, big];
    const smallMembers = this.members[small] as number[];
    if (this.apart.size > 0 && smallMembers.some((member) => (this.apart.get(member) ?? []).some((other) => this.find(other) === big))) return false;
    this.parent[small] = big;
    (this.members[big] as number[]).push(...smallMembers);
    this.members[small] = [];
    return true;
  }
}
