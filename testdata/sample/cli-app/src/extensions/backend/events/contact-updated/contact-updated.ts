// Mistake: the seed docs' import; @wix/crm has no /events subpath (unknown-sdk-module).
import { onContactUpdated } from '@wix/crm/events';

export default onContactUpdated((event) => {
  console.log('Contact updated', event.entity?._id);
});
