import { contacts } from '@wix/crm';

// Correct.
export default contacts.onContactMerged((event) => {
  console.log('Contacts merged into', event.data?.targetContactId);
});
