/**
 * Holds the app's quit until the core has closed (and flushed SQLite), then lets it through.
 * Quitting can be asked for many times (menu, last window, signals); the core is stopped once.
 */
export interface ShutdownGate {
  /** Call on before-quit: true lets this quit proceed, false means prevent it (a later quit follows). */
  beforeQuit(): boolean;
}

/**
 * Creates the gate.
 *
 * A failing stop still ends in quit: refusing to exit because the core misbehaved would leave the
 * user with an app that cannot be closed.
 */
export function createShutdownGate(stop: () => Promise<void>, quit: () => void): ShutdownGate {
  let phase: 'running' | 'stopping' | 'stopped' = 'running';
  const finish = (): void => {
    phase = 'stopped';
    quit();
  };
  return {
    beforeQuit() {
      switch (phase) {
        case 'stopped':
          return true;
        case 'stopping':
          return false;
        case 'running':
          phase = 'stopping';
          stop().then(finish, finish);
          return false;
      }
    },
  };
}
