import { EventDefinition } from '@wix/sdk-types';
import { CouponCreatedEnvelope } from './demo-coupons.universal';
export declare const onCouponCreated: EventDefinition<CouponCreatedEnvelope, "wix.ecommerce.coupons.v2.coupon_created">;
