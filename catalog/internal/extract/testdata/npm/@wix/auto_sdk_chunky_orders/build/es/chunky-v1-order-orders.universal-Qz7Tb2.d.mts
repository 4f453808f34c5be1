interface Order {
    /** Order ID. */
    _id?: string;
}
interface OrderPaidEnvelope {
    /** The paid order. */
    data: Order;
    metadata: EventMetadata;
}
interface OrderRefundedEnvelope {
    data: Order;
    metadata: EventMetadata;
}
interface EventMetadata {
    id?: string;
}
/**
 * Triggered when a chunky order is paid.
 * @permissionScope Manage Chunky Orders
 * @permissionScopeId SCOPE.CHUNKY.MANAGE-ORDERS
 * @eventType wix.chunky.v1.order_paid
 */
declare function onOrderPaid(handler: (event: OrderPaidEnvelope) => void | Promise<void>): void;
/**
 * Triggered when a chunky order is refunded.
 * @deprecated
 * @replacedBy wix.chunky.v2.order_refunded
 * @targetRemovalDate 2027-01-31
 */
declare function onOrderRefunded(handler: (event: OrderRefundedEnvelope) => void | Promise<void>): void;

export { type OrderPaidEnvelope as P, type OrderRefundedEnvelope as R, type Order as Q };
