/** Asks the person at the terminal; `-y` answers yes, and without a terminal the command refuses rather than guess. */
import { createInterface } from 'readline';
import { Fc3RoleError } from '../errors';
import type { ComponentLogger } from '../logger';

export interface ConfirmRequest {
  /** What needs confirming, e.g. `Deploy will:`. */
  title: string;
  /** The changes it would make, one per line. */
  lines: readonly string[];
}

/** The request as text: the title, then each change indented. */
export function formatConfirmRequest(request: ConfirmRequest): string {
  return [request.title, ...request.lines.map((l) => `  ${l}`)].join('\n');
}

export async function confirm(request: ConfirmRequest, assumeYes: boolean, logger: ComponentLogger): Promise<void> {
  if (assumeYes) return;
  const text = formatConfirmRequest(request);
  if (!process.stdin.isTTY) {
    // Choice: without a terminal the refusal lists every change that needed confirming (the message is all `s` shows).
    throw new Fc3RoleError('ConfirmationRequired', `Confirmation needed: ${text}`, {
      hint: 'There is no terminal to ask. Nothing was changed. Check the changes above, then run the command again with -y (--assume-yes) to confirm.',
    });
  }
  logger.write(`${text}\nContinue?`);
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  const answer = await new Promise<string>((resolve) => rl.question('[y/N] ', resolve));
  rl.close();
  if (!/^y(es)?$/i.test(answer.trim())) {
    throw new Fc3RoleError('Cancelled', 'Cancelled: nothing was changed.', { hint: 'Run again and answer y, or pass -y.' });
  }
}
