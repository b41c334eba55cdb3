/**
 * The application layer over the ports: the Promise facade (`createPracticeLedger`), the
 * flows runner that hosts the process managers and their read models, and the schedule
 * runner that sends what falls due.
 */
export * from './ledger.js';
export * from './policies.js';
export type { Recorded, LedgerEnvelope, Untyped } from './kit.js';
export type { LedgerInput, LedgerTimedInput, Loose } from './inputs.js';
export type { CheckInMethods } from './check-in-methods.js';
export type { BenefitsMethods } from './benefits-methods.js';
export type { CreditsMethods, CreditTransferInput } from './credits-methods.js';
export type { MembershipMethods, PlanChoice, SignUpForMembershipInput } from './membership-methods.js';
export type { ProgramMethods, EnrollClientInProgramInput } from './program-methods.js';
export type { PackageMethods, PackageDefinitionChoice, SellPackageInput, OrderBulkPackagesInput } from './package-methods.js';
export { createAggregates, routeCommand, aggregateOfType, type PracticeCommand, type Aggregates, type Aggregate, type AggregateOptions } from './aggregates.js';
export * from './flows.js';
export { createFlowsRunner, type FlowsRunner, type FlowsRunnerOptions, type FlowsReport, type FlowDispatchOutcome } from './flows-runner.js';
export { createScheduleRunner, dueCommandId, SCHEDULE_ACTOR, type ScheduleRunner, type DueRun, type DueStepOutcome } from './schedule.js';
