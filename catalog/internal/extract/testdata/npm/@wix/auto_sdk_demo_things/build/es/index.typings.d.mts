interface Thing {
    /** Thing ID. */
    _id?: string | null;
}
interface ThingCreatedEnvelope {
    /** The created thing. */
    entity: Thing;
    metadata: EventMetadata;
}
interface ThingUpdatedEnvelope extends BaseEnvelope {
    entity: Thing;
}
/**
 * Triggered when a thing is created.
 *
 * Second paragraph with a [link](https://dev.wix.com/docs/x).
 * @permissionScope Manage Things
 * @permissionScopeId SCOPE.DEMO.MANAGE-THINGS
 * @permissionScope Read Things
 * @permissionScopeId SCOPE.DEMO.READ-THINGS
 * @permissionId DEMO.READ
 * @webhook
 * @eventType wix.demo.v1.thing_created
 * @slug created
 */
declare function onThingCreated(handler: (event: ThingCreatedEnvelope) => void | Promise<void>): void;
/**
 * @permissionScope Read Things
 * @permissionScopeId SCOPE.DEMO.READ-THINGS
 * @webhook
 * @eventType wix.demo.v1.thing_updated
 * @deprecated
 * @replacedBy wix.demo.v2.thing_updated
 * @targetRemovalDate 2026-03-31
 */
declare function onThingUpdated(handler: (event: ThingUpdatedEnvelope) => void | Promise<void>): void;
export { type Thing, type ThingCreatedEnvelope, type ThingUpdatedEnvelope, onThingCreated, onThingUpdated };
