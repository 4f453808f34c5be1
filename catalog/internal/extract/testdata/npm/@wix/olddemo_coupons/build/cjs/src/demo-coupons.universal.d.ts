export interface CouponCreatedEnvelope {
    entity: Coupon;
    metadata: EventMetadata;
}
/**
 * Triggered when a coupon is created.
 * @permissionScope Manage Coupons
 * @permissionScopeId SCOPE.DC-COUPONS.MANAGE-COUPONS
 * @webhook
 * @eventType wix.ecommerce.coupons.v2.coupon_created
 */
export declare function onCouponCreated(handler: (event: CouponCreatedEnvelope) => void | Promise<void>): void;
