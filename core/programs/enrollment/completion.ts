/**
 * The end of a program: it completes when its last module is released, and the seed's
 * next steps follow — recommend the next-step package or program, offer an accountability
 * booster's client to renew, copy the educational materials to the client's documents.
 * Completion does not end access: a provider who wants that changes the client's group or
 * removes them.
 */
import type { LocalDate } from '../../values/local-date.js';
import type { ProgramModuleKind } from '../values.js';
import type { EnrollmentEvent } from './events.js';
import type { Enrollment } from './state.js';

/** The module kinds copied to the client's documents: the seed's "educational documents or videos". */
export const PROGRAM_MATERIAL_KINDS: readonly ProgramModuleKind[] = ['handout', 'video'];

export const programCompletionSteps = (e: Enrollment, on: LocalDate): readonly EnrollmentEvent[] => {
  const who = { programId: e.programId, clientId: e.clientId, on };
  const events: EnrollmentEvent[] = [{ type: 'ProgramCompleted', data: who }];
  const { nextStep, kind, copyMaterialsToDocuments, modules } = e.program;
  if (nextStep !== undefined) events.push({ type: 'ProgramNextStepRecommended', data: { ...who, nextStep } });
  if (kind === 'accountability-booster') {
    const bought = e.sources.find((s) => s.kind === 'package');
    const packageId = bought?.kind === 'package' ? { packageId: bought.packageId } : {};
    events.push({ type: 'AccountabilityRenewalOffered', data: { ...who, ...packageId } });
  }
  if (copyMaterialsToDocuments) {
    const materials = modules
      .filter((m) => PROGRAM_MATERIAL_KINDS.includes(m.kind))
      .map((m) => ({ moduleId: m.moduleId, title: m.title, kind: m.kind }));
    if (materials.length > 0) events.push({ type: 'ProgramMaterialsCopiedToDocuments', data: { ...who, materials } });
  }
  return events;
};
