// STUB: replaced by the FC owner.
export class FcState {
  constructor(readonly accountId: string) {}
}
