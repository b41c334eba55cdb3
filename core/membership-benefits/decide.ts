/** The rules of a membership's benefits: each command to its decision. */
import type { MembershipBenefitsCommand } from './commands.js';
import { addMember, removeMember, setShares, splitCharge } from './household.js';
import { cancel, changeTier, end, extend, freeze, openBenefits, restoreGrants, startPeriod, suspendGrants, thaw } from './periods.js';
import type { MembershipBenefitsState } from './state.js';
import type { Decision } from './support.js';

export const decideMembershipBenefits = (command: MembershipBenefitsCommand, state: MembershipBenefitsState): Decision => {
  switch (command.type) {
    case 'OpenMembershipBenefits':
      return openBenefits(command, state);
    case 'StartMembershipBenefitsPeriod':
      return startPeriod(command, state);
    case 'ChangeMembershipBenefitsTier':
      return changeTier(command, state);
    case 'FreezeMembershipBenefits':
      return freeze(command, state);
    case 'ThawMembershipBenefits':
      return thaw(command, state);
    case 'ExtendMembershipBenefits':
      return extend(command, state);
    case 'CancelMembershipBenefits':
      return cancel(command, state);
    case 'EndMembershipBenefits':
      return end(command, state);
    case 'SuspendMembershipBenefitGrants':
      return suspendGrants(command, state);
    case 'RestoreMembershipBenefitGrants':
      return restoreGrants(command, state);
    case 'SplitMembershipCharge':
      return splitCharge(command, state);
    case 'AddHouseholdMember':
      return addMember(command, state);
    case 'RemoveHouseholdMember':
      return removeMember(command, state);
    case 'SetHouseholdBillingShares':
      return setShares(command, state);
  }
};
