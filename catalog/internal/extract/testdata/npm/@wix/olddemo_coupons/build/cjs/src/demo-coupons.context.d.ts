import { createEventModule } from '@wix/sdk-runtime/event-definition-modules';
import { onCouponCreated as publicOnCouponCreated } from './demo-coupons.public';
export { publicOnCouponCreated };
export type _publicOnCouponCreatedType = typeof publicOnCouponCreated;
/**
 * Triggered when a coupon is created.
 */
export declare const onCouponCreated: ReturnType<typeof createEventModule<_publicOnCouponCreatedType>>;
export { CouponCreatedEnvelope } from './demo-coupons.universal';
