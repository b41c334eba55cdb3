/**
 * Every event type of the library in one registry: the one a store decodes with by
 * default, and the one the JSONL log and the audit replay read.
 */
import { combineRegistries, type RegistryEvent } from './kernel/codecs.js';
import { checkInEvents } from './check-ins/events.js';

export const practiceEvents = combineRegistries(checkInEvents);
export type PracticeEvent = RegistryEvent<typeof practiceEvents>;
