// STUB: replaced by the OSS owner.
export class OssState {
  constructor(readonly accountId: string) {}
  createBucket(_name: string, _region: string): void { throw new Error('not implemented'); }
}
