/**
 * How the relay's programs stop: SIGINT or SIGTERM runs `stop` once, then the process exits with 0
 * when it finished, or 1 when it failed (said through `say`).
 */
import { errorMessage } from '../../src-shared/errors.js';

export function stopOnSignals(say: (line: string) => void, stop: () => Promise<void>): void {
  let stopping = false;
  const handler = (): void => {
    if (stopping) return;
    stopping = true;
    stop().then(
      () => process.exit(0),
      (error: unknown) => {
        say(`stopping failed: ${errorMessage(error)}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
}
