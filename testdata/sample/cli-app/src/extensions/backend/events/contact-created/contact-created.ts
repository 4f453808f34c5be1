import { contacts } from '@wix/crm';

// Mistake in the builder: the id is the template's placeholder (invalid-extension-id).
export default contacts.onContactCreated((event) => {
  console.log('New contact', event.entity?.info?.name?.first);
});
