// STUB: replaced by the Resource Manager owner. The methods below are the contract other folders use.
import type { RgAttachment } from '../core/types';

export class RmState {
  constructor(readonly accountId: string) {}
  /** Case-insensitive on the principal name. */
  attachmentsFor(_principalType: RgAttachment['principalType'], _principalName: string): RgAttachment[] { return []; }
}
