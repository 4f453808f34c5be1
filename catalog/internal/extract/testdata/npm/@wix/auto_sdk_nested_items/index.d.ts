declare const onItemCreated$1: EventDefinition<ItemCreatedEnvelope, "wix.nested.v1.item_created">;
/** Triggered when an item is created (the hoisted, older copy). */
declare function onItemCreated(handler: (event: ItemCreatedEnvelope) => void): void;
