import * as coupons from '@wix/olddemo_coupons';
import * as consent from '@wix/olddemo_consent';
export { coupons, consent };
