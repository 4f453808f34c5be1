/** A widget of the demo shop. */
interface Widget extends WidgetKindOneOf {
    /**
     * Widget ID.
     * @format GUID
     * @readonly
     */
    _id?: string | null;
    /** Display name. */
    name?: string;
    /** @deprecated Use `name`. */
    title?: string;
    tags: string[];
    status?: WidgetStatusWithLiterals;
    size: 'S' | 'M' | 'L';
    dimensions?: { width: number; height: number };
    parts?: Part[];
    grid?: number[][];
    extra?: Record<string, any>;
    owner: Person & Audit;
    createdDate?: Date | null;
    preview: Omit<Part, 'secret'>;
    anyThing?: Foo<Bar>;
    shape?: Circle | Square;
    parent?: Widget;
    alias?: PartAlias;
    render(mode: string): void;
}
/** @oneof */
interface WidgetKindOneOf {
    gadget?: Gadget;
    gizmo?: Gizmo;
}
interface Gadget { volts: number; }
interface Gizmo { gears: number; }
interface Part {
    label: string;
    secret?: string;
}
type PartAlias = Part;
interface Person { first: string; }
interface Audit { by: string; }
interface Circle { radius: number; }
interface Square { side: number; }
interface Bag {
    [key: string]: string;
}
declare enum WidgetStatus {
    DRAFT = "DRAFT",
    LIVE = "LIVE"
}
/** @enumType */
type WidgetStatusWithLiterals = WidgetStatus | 'DRAFT' | 'LIVE';
interface WidgetCreatedEnvelope {
    entity: Widget;
    metadata: EventMetadata;
    bag?: Bag;
}
interface EventMetadata {
    _id?: string;
    eventTime?: Date | null;
}
declare function onWidgetCreated(handler: (event: WidgetCreatedEnvelope) => void | Promise<void>): void;
export { type Widget as a, type WidgetCreatedEnvelope as b, onWidgetCreated as c };
