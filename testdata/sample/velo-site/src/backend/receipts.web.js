import { Permissions, webMethod } from 'wix-web-module';

export const sendReceipt = webMethod(Permissions.Anyone, async (invoiceId) => {
  return { sent: true, invoiceId };
});

// Mistake: Wix calls handlers only from events.js.
export function wixStores_onProductCreated(event) {}
