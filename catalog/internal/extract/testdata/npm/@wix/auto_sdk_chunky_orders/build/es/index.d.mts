import { EventDefinition, BuildEventDefinition } from '@wix/sdk-types';
import { P as OrderPaidEnvelope, R as OrderRefundedEnvelope,
  Q as Order } from './chunky-v1-order-orders.universal-Qz7Tb2.mjs';
export { P as OrderPaidEnvelope, R as OrderRefundedEnvelope } from './chunky-v1-order-orders.universal-Qz7Tb2.mjs';

declare const onOrderPaid$1: EventDefinition<OrderPaidEnvelope, "wix.chunky.v1.order_paid">;
declare const onOrderRefunded$1: EventDefinition<OrderRefundedEnvelope, "wix.chunky.v1.order_refunded">;

/** Short doc the handler's long one replaces. */
declare const onOrderPaid: BuildEventDefinition<typeof onOrderPaid$1> & typeof onOrderPaid$1;
declare const onOrderRefunded: BuildEventDefinition<typeof onOrderRefunded$1> & typeof onOrderRefunded$1;

export { onOrderPaid, onOrderRefunded };
