export { exportLog, importLog, verifyLog, readLog, logLines, logEventBody, fileLines, type VerifyResult } from './log.js';
export { readLogFile, type ReadLogFileOptions } from './read-file.js';
export type { LogEvent } from './log-event.js';
export { ChainWriter, ChainReader, LogIntegrityError, chainHash, GENESIS } from './hash-chain.js';
