import { contacts } from '@wix/crm';

// Mistake: a misspelt event (unknown-sdk-event, did you mean onContactDeleted?).
export default contacts.onContactDeletd((event) => {
  console.log('Contact deleted', event.metadata?.entityId);
});
