import { contacts } from '@wix/crm';

export default contacts.onContactCreated((event) => {
  console.log('contact created', event.entity?._id);
});
