/**
 * The `practice-ledger` command line as a library: `runCli(argv, io)` (what the executable
 * runs, with injectable streams), the year-long demo simulation (`simulatePracticeYear`,
 * reusable for benchmarks with many clients), the auditor's credits re-derivation
 * (`createCreditsAuditor`), and the table formats the reports are printed in.
 */
export { runCli } from './program.js';
export { CliError, type CliIo, type CliOutput } from './io.js';
export { simulatePracticeYear, DEFAULT_CLIENTS, DEFAULT_SEED, type PracticeYear, type PracticeYearOptions } from './demo/simulation.js';
export { printPracticeYear, type PrintOptions } from './demo/print.js';
export { seededRandom, type Random } from './demo/random.js';
export { createCreditsAuditor, type CreditsAuditor, type CreditsAuditSummary, type CreditsFinding } from './audit/credits.js';
export { textTable, csvTables, formatReport, jsonText, isTableFormat, TABLE_FORMATS, type TableFormat, type TextTableOptions } from './tables.js';
export { DEFAULT_DEMO_LOG } from './commands/demo.js';
