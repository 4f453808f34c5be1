import * as auto_sdk_nested_items from '@wix/auto_sdk_nested_items';
export { auto_sdk_nested_items as items };
