import { app } from '@wix/astro/builders';
import orderPaid from './extensions/backend/events/order-paid/order-paid.extension.ts';
import contactMerged from './extensions/backend/events/contact-merged/contact-merged.extension.ts';
import contactCreated from './extensions/backend/events/contact-created/contact-created.extension.ts';
import contactUpdated from './extensions/backend/events/contact-updated/contact-updated.extension.ts';
import contactDeleted from './extensions/backend/events/contact-deleted/contact-deleted.extension.ts';
import cartCreated from './extensions/backend/events/cart-created/cart-created.extension.ts';
import currentCartCreated from './extensions/backend/events/current-cart-created/current-cart-created.extension.ts';
import orderApproved from './extensions/backend/events/order-approved/order-approved.extension.ts';
import orderCreated from './extensions/backend/events/order-created/order-created.extension.ts';
import checkoutCompleted from './extensions/backend/events/checkout-completed/checkout-completed.extension.ts';
import orderTransactions from './extensions/backend/events/order-transactions/order-transactions.extension.ts';
import sendReceipt from './extensions/backend/events/send-receipt/send-receipt.extension.ts';
import abandonedCheckout from './extensions/backend/events/AbandonedCheckout/AbandonedCheckout.extension.ts';

export default app()
  .use(orderPaid)
  .use(contactMerged)
  .use(contactCreated)
  .use(contactUpdated)
  .use(contactDeleted)
  .use(cartCreated)
  .use(currentCartCreated)
  .use(orderApproved)
  .use(orderCreated)
  .use(checkoutCompleted)
  .use(orderTransactions)
  .use(sendReceipt)
  .use(abandonedCheckout);
