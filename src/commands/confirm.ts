/** Asks the person at the terminal; `-y` answers yes, and without a terminal the command refuses rather than guess. */
import { createInterface } from 'readline';
import { Fc3RoleError } from '../errors';
import type { ComponentLogger } from '../logger';

export async function confirm(question: string, assumeYes: boolean, logger: ComponentLogger): Promise<void> {
  if (assumeYes) return;
  if (!process.stdin.isTTY) {
    throw new Fc3RoleError('ConfirmationRequired', `Confirmation needed: ${question.split('\n')[0]}`, {
      hint: 'There is no terminal to ask. Run the command again with -y (--assume-yes) to confirm.',
    });
  }
  logger.write(question);
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  const answer = await new Promise<string>((resolve) => rl.question('[y/N] ', resolve));
  rl.close();
  if (!/^y(es)?$/i.test(answer.trim())) {
    throw new Fc3RoleError('Cancelled', 'Cancelled: nothing was changed.', { hint: 'Run again and answer y, or pass -y.' });
  }
}
