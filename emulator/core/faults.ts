// STUB: replaced by the core owner.
export class Faults {
  propagationDelayMs = 0;
}
