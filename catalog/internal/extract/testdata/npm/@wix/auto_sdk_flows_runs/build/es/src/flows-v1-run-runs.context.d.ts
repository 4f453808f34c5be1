import { createEventModule } from '@wix/sdk-runtime/event-definition-modules';
import { onRunStarted as publicOnRunStarted } from './flows-v1-run-runs.public.js';
export declare const onRunStarted: ReturnType<typeof createEventModule<typeof publicOnRunStarted>>;
export { RunStartedEnvelope } from './flows-v1-run-runs.universal.js';
