/**
 * QuotaExemption's answers, remembered per address: the exempt networks are
 * fixed for the process, and parsing the address and testing every network on
 * each upgrade was ~2–3 % of a connection storm's server CPU. Bounded: the map
 * is cleared when it reaches `maxAddresses` (a storm from many addresses costs
 * no more than before).
 */
export interface Exemption {
  isExempt(address: string): boolean;
}

export class ExemptionCache implements Exemption {
  private readonly known = new Map<string, boolean>();

  constructor(
    private readonly inner: Exemption,
    private readonly maxAddresses = 4096,
  ) {}

  isExempt(address: string): boolean {
    let exempt = this.known.get(address);
    if (exempt === undefined) {
      exempt = this.inner.isExempt(address);
      if (this.known.size >= this.maxAddresses) this.known.clear();
      this.known.set(address, exempt);
    }
    return exempt;
  }
}
