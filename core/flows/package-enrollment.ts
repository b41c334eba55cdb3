/**
 * Between packages and programs: a package that includes a program enrolls its buyer
 * (through the package) when it is sold, and its recipient when it is transferred — the
 * giver stays enrolled: removing a client from a package does not remove them from its
 * program. The enrollment takes the program's current terms from the program directory
 * (a projection the shell keeps); a program that is unknown or closed enrolls no one.
 * Command ids are derived from the causing event.
 */
import type { Dispatch, ProcessManager } from '../kernel/process-manager.js';
import type { PackageEvent } from '../packages/events.js';
import type { EnrollmentCommand } from '../programs/enrollment/commands.js';
import { packageProgramFlow, type ProgramAccessPolicy, type ProgramDirectory } from '../programs/flows.js';

/** The flow over a program directory and the practice's access policy. */
export const packageEnrollmentFlow = (
  directory: Pick<ProgramDirectory, 'programTerms'>,
  policy: ProgramAccessPolicy = {},
): ProcessManager<PackageEvent, EnrollmentCommand> => ({
  name: 'package-enrollment',
  handles: ['PackageSold', 'PackageTransferred'],
  react: (event): readonly Dispatch<EnrollmentCommand>[] => {
    switch (event.type) {
      case 'PackageSold': {
        const d = event.data;
        const programId = d.terms.programId;
        if (programId === undefined) return [];
        const on = d.bulkOrder?.redeemedOn ?? d.soldOn;
        return packageProgramFlow(event.eventId, { kind: 'sold', packageId: d.packageId, clientId: d.clientId, programId, on }, directory, policy);
      }
      case 'PackageTransferred': {
        const d = event.data;
        if (d.programId === undefined) return [];
        return packageProgramFlow(event.eventId, { kind: 'sold', packageId: d.packageId, clientId: d.toClientId, programId: d.programId, on: d.on }, directory, policy);
      }
      default:
        return [];
    }
  },
});
