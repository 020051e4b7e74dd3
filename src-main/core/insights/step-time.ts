/**
 * The time of one step of a background pass on the core's thread (the agent-time pass, ADR 0049
 * addendum 4): a budget in milliseconds checked before each unit of work, and always one unit.
 */
/** `more()` before each unit of work: true for the first unit whatever the clock says, then while the budget lasts. */
export class StepTime {
  private readonly deadline: number;
  private started = false;

  constructor(
    private readonly clock: () => number,
    ms: number,
  ) {
    this.deadline = clock() + ms;
  }

  more(): boolean {
    if (!this.started) {
      this.started = true;
      return true;
    }
    return this.clock() < this.deadline;
  }
}
