/**
 * What happens on which day: steps kept by practice date, run in the order they were
 * added. A step may add steps for later days (a check-in every 14 days, a package's next
 * use), or for the day being run, which then run after the others.
 */
import { addDays, type LocalDate } from '../../../core/index.js';

export type Step = () => Promise<void>;

export class Agenda {
  private readonly days = new Map<LocalDate, Step[]>();

  /** Adds a step for a day. */
  at(day: LocalDate, step: Step): void {
    const steps = this.days.get(day);
    if (steps === undefined) this.days.set(day, [step]);
    else steps.push(step);
  }

  /** Adds a step `days` after a day. */
  after(day: LocalDate, days: number, step: Step): void {
    this.at(addDays(day, days), step);
  }

  /** Runs a day's steps, those added while it runs included. */
  async run(day: LocalDate): Promise<void> {
    const steps = this.days.get(day);
    if (steps === undefined) return;
    for (let i = 0; i < steps.length; i++) await (steps[i] as Step)();
    this.days.delete(day);
  }
}
