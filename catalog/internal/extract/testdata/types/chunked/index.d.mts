import { a as Widget } from './widgets.universal-Xy12Ab.mjs';
export { a as Widget, b as WidgetCreatedEnvelope, c as onWidgetCreated } from './widgets.universal-Xy12Ab.mjs';
// A line this reader cannot split into a declaration: skipped.
declare const weird: <T>(x: T) => T extends string ? 1 : 2;
