export * from './bulk-package-issued.js';
