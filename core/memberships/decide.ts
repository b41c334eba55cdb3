/** The rules of a membership: each command to its decision. */
import type { Either } from 'fp-ts/lib/Either.js';
import type { DomainError } from '../kernel/errors.js';
import { cancel } from './cancellation.js';
import { changeTier, moveToPlanVersion, scheduleUpgrade } from './changes.js';
import type { MembershipCommand } from './commands.js';
import type { MembershipEvent } from './events.js';
import { convertTrial, end, renew, signUp, start } from './lifecycle.js';
import { extendPeriod, pause, resume } from './pause.js';
import { recordPaymentFailed, recordPaymentSucceeded, retryPayment } from './payments.js';
import type { MembershipState } from './state.js';

export const decideMembership = (command: MembershipCommand, state: MembershipState): Either<DomainError, readonly MembershipEvent[]> => {
  switch (command.type) {
    case 'SignUpForMembership':
      return signUp(command, state);
    case 'StartMembership':
      return start(command, state);
    case 'ConvertMembershipTrial':
      return convertTrial(command, state);
    case 'RenewMembership':
      return renew(command, state);
    case 'EndMembership':
      return end(command, state);
    case 'RecordMembershipPaymentSucceeded':
      return recordPaymentSucceeded(command, state);
    case 'RecordMembershipPaymentFailed':
      return recordPaymentFailed(command, state);
    case 'RetryMembershipPayment':
      return retryPayment(command, state);
    case 'PauseMembership':
      return pause(command, state);
    case 'ResumeMembership':
      return resume(command, state);
    case 'ExtendMembershipPeriod':
      return extendPeriod(command, state);
    case 'ChangeMembershipTier':
      return changeTier(command, state);
    case 'MoveMembershipToPlanVersion':
      return moveToPlanVersion(command, state);
    case 'CancelMembership':
      return cancel(command, state);
    case 'ScheduleMembershipUpgrade':
      return scheduleUpgrade(command, state);
  }
};
