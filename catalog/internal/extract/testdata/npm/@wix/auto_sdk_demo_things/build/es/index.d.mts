import { HttpClient, EventDefinition, MaybeContext, BuildRESTFunction, BuildEventDefinition } from '@wix/sdk-types';
import { ThingCreatedEnvelope, ThingUpdatedEnvelope } from './index.typings.mjs';
export { Thing } from './index.typings.mjs';

declare const onThingCreated$1: EventDefinition<ThingCreatedEnvelope, "wix.demo.v1.thing_created">;
declare const onThingUpdated$1: EventDefinition<ThingUpdatedEnvelope, "wix.demo.v1.thing_updated">;

declare const createThing: MaybeContext<BuildRESTFunction<typeof createThing$1> & typeof createThing$1>;
/**
 * Triggered when a thing is created.
 */
declare const onThingCreated: BuildEventDefinition<typeof onThingCreated$1> & typeof onThingCreated$1;
/**
 * Short doc only here.
 */
declare const onThingUpdated: BuildEventDefinition<typeof onThingUpdated$1> & typeof onThingUpdated$1;

export { ThingCreatedEnvelope, ThingUpdatedEnvelope, createThing, onThingCreated, onThingUpdated };
