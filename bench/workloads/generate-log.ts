/**
 * Writes the audit log of workload 3: the clinic simulator's credits actions run through
 * the library's command handler and credits decider, the first N events exported with the
 * hash chain (examples/clinic). Runs in a process of its own, before the replay is measured.
 */
import { writeCreditsClinicLog } from '../../examples/clinic/credits-log.js';
import { childParameters, reportResult } from '../support/child.js';

export interface GenerateLogParameters {
  readonly path: string;
  readonly events: number;
  readonly clients: number;
  readonly seed: number;
}

const p = childParameters() as GenerateLogParameters;
const started = process.hrtime.bigint();
const log = await writeCreditsClinicLog(p.path, { events: p.events, clients: p.clients, seed: p.seed });
reportResult({ ...log, seconds: Number(process.hrtime.bigint() - started) / 1e9 });
