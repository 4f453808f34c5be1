export * from './src/flows-v1-run-runs.context.js';
