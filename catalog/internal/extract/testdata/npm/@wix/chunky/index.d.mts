import * as auto_sdk_chunky_orders from '@wix/auto_sdk_chunky_orders';
export { auto_sdk_chunky_orders as orders };
