export interface Run {
    _id?: string | null;
}
export interface RunStartedEnvelope {
    entity: Run;
    metadata: EventMetadata;
}
export interface EventMetadata {
    entityId?: string;
}
/**
 * Triggered when a flow run starts.
 * @permissionScope Manage Flows
 * @permissionScopeId SCOPE.FLOWS.MANAGE
 * @eventType wix.flows.v1.run_started
 */
export declare function onRunStarted(handler: (event: RunStartedEnvelope) => void | Promise<void>): void;
