export { exportLog, importLog, verifyLog, readLog, logLines, logEventBody, fileLines, type VerifyResult, type LogEvent } from './log.js';
export { ChainWriter, ChainReader, LogIntegrityError, chainHash, GENESIS } from './hash-chain.js';
