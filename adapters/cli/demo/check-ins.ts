/**
 * A client of the acne clinic's check-in program (the clinic procedure in the seeds): a
 * check-in every 14 days from the last one, each on its due day or some days late — a late
 * check-in meets the escalation ladder, which the check-in resolves; a client who never
 * checks in again walks the ladder until the program manager must decide.
 */
import { addDays, type LocalDate } from '../../../core/index.js';
import type { Agenda } from './agenda.js';
import { ACNE_PROGRAM, coach } from './practice.js';
import type { World } from './world.js';

const EVERY_DAYS = 14;
/** A lateness this long or longer means the client never checks in again. */
export const NEVER = 30;

export interface CheckInParticipant {
  readonly clientId: string;
  readonly name: string;
  readonly enrolledOn: LocalDate;
  /** Days after the due day the `n`-th check-in (0 for the first) comes; {@link NEVER} or more: it never comes. */
  readonly lateness: (n: number) => number;
  /** The client opens the clinic's emails (the follow-up is an email rather than a call). @defaultValue false */
  readonly opensEmails?: boolean;
  /** The coaching membership the clinic stops when the program ends. @defaultValue none */
  readonly coachingMembershipId?: string;
}

export const checkInParticipant = (w: World, agenda: Agenda, p: CheckInParticipant): void => {
  const enrollmentId = `enr-${p.clientId}`;
  const submit = (n: number, dueOn: LocalDate): void => {
    const late = p.lateness(n);
    if (late >= NEVER) return;
    agenda.after(dueOn, late, async () => {
      const submitted = await w.attempt(() => w.ledger.submitCheckIn({ enrollmentId, checkInId: `${p.clientId}-check-in-${n + 1}` }));
      if (submitted === undefined) return; // the program has ended
      await w.attempt(() => w.ledger.recordRegimenChange({ enrollmentId }));
      submit(n + 1, addDays(w.today(), EVERY_DAYS));
    });
  };
  agenda.at(p.enrolledOn, async () => {
    const enrolled = await w.attempt(() => w.ledger.enrollClientInProgram({ programId: ACNE_PROGRAM, clientId: p.clientId, by: coach }));
    if (enrolled === undefined) return;
    const firstDueOn = addDays(p.enrolledOn, EVERY_DAYS);
    await w.must('starting check-ins', () =>
      w.ledger.startCheckInSchedule({
        enrollmentId,
        clientId: p.clientId,
        programId: ACNE_PROGRAM,
        clientName: p.name,
        coach: 'Ann',
        firstDueOn,
        ...(p.coachingMembershipId !== undefined ? { coachingMembershipId: p.coachingMembershipId } : {}),
      }),
    );
    if (p.opensEmails === true) agenda.after(p.enrolledOn, 3, () => w.attempt(() => w.ledger.recordEmailOpened({ enrollmentId })).then(() => undefined));
    submit(0, firstDueOn);
  });
};
