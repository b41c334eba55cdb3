/**
 * Every event type of the library in one registry: the one a store decodes with by
 * default, and the one the JSONL log and the audit replay read.
 */
import { combineRegistries, type RegistryEvent } from './kernel/codecs.js';
import { bulkOrderEvents, packageCatalogEvents, packageEvents } from './packages/index.js';

export const practiceEvents = combineRegistries(packageCatalogEvents, packageEvents, bulkOrderEvents);
export type PracticeEvent = RegistryEvent<typeof practiceEvents>;
