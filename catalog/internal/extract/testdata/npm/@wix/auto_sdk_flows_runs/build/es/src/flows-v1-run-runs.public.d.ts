import { EventDefinition } from '@wix/sdk-types';
import { RunStartedEnvelope } from './flows-v1-run-runs.universal.js';
export declare const onRunStarted: EventDefinition<RunStartedEnvelope, "wix.flows.v1.run_started">;
