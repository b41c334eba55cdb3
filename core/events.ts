/**
 * Every event type of the library in one registry: the one a store decodes with by
 * default, and the one the JSONL log and the audit replay read.
 */
import { combineRegistries, type RegistryEvent } from './kernel/codecs.js';
import { creditsEvents } from './credits/events.js';
import { programsEvents } from './programs/index.js';
import { membershipEvents } from './memberships/events.js';
import { membershipPlanEvents } from './membership-plans/events.js';
import { walletEvents } from './wallet/events.js';
import { bulkOrderEvents, packageCatalogEvents, packageEvents } from './packages/index.js';
import { checkInEvents } from './check-ins/events.js';
import { membershipBenefitsEvents } from './membership-benefits/events.js';
import { loyaltyEvents } from './loyalty/events.js';

export const practiceEvents = combineRegistries(
  creditsEvents,
  programsEvents,
  membershipEvents,
  membershipPlanEvents,
  walletEvents,
  packageCatalogEvents,
  packageEvents,
  bulkOrderEvents,
  checkInEvents,
  membershipBenefitsEvents,
  loyaltyEvents,
);
export type PracticeEvent = RegistryEvent<typeof practiceEvents>;
