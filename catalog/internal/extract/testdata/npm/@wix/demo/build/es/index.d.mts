import * as auto_sdk_demo_things from '@wix/auto_sdk_demo_things';
export { auto_sdk_demo_things as things };
import * as auto_sdk_demo_quiet from '@wix/auto_sdk_demo_quiet';
export { auto_sdk_demo_quiet as quiet };
import '@wix/auto_sdk_demo_things/meta';
export { Filter, QueryBuilder } from '@wix/auto_sdk_demo_things';
