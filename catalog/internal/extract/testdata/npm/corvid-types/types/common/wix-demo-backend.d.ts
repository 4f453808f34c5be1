/**
 * The wix-demo-backend module (fixture in the corvid-types style).
 * 	[Read more](https://www.wix.com/corvid/reference/wix-demo-backend.html#)
 */
declare module 'wix-demo-backend' {
    const wixDemo: WixEvents;
    /**
     * API methods, not events: must be skipped.
     */
    interface WixEvents {
        /**
         * Not an event.
         */
        onSomething(event: Events.Thing): void;
    }
    /**
     * **Deprecated.**
     *  The demo events will continue to work, but a newer version is available.
     * 	[Read more](https://www.wix.com/corvid/reference/wix-demo-backend.Events.html#)
     */
    interface Events {
        /**
         * An event that fires when a thing is created.
         *
         *  Second paragraph.
         * 	[Read more](https://www.wix.com/corvid/reference/wix-demo-backend.Events.html#onThingCreated)
         */
        onThingCreated(event: Events.ThingCreatedEvent): void;
        /**
         * **Deprecated.** Use onThingCreated.
         * 	[Read more](https://www.wix.com/corvid/reference/wix-demo-backend.Events.html#onOldThing)
         */
        onOldThing(event: Order): void;
        // A line comment between members.
        onUnresolved(event: Events.Missing): void;
    }
    /**
     * Top-level type used by a bare payload reference.
     */
    type Order = {
        /**
         * Unique order ID.
         */
        _id: string;
        /**
         * Shipping info: an inline object.
         */
        shipping?: {
            address: string;
        };
        /**
         * Status, one of:
         *  + `"A"`
         *  + `"B"`
         */
        status: 'A' |
            'B';
    };
    namespace Events {
        type ThingCreatedEvent = {
            /**
             * Event metadata. More text here.
             */
            metadata: Events.EventMetadata;
            /**
             * Created thing.
             */
            readonly entity: Events.Thing;
            /**
             * @deprecated
             */
            legacy?: string;
        };
        type EventMetadata = {
            id: string;
        };
        interface Thing {
            name: string;
        }
    }
}
