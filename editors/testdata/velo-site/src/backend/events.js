// Fixture for the editor e2e tests (editors/e2e): a Velo site's backend events.
// The mistakes are deliberate; the tests expect the server to flag them.

export function wixMediaManager_onFileUploaded(event) {
  console.log('uploaded', event.fileInfo.fileUrl);
}

// Misspelled module prefix: unknown-handler.
export function wixBiling_onInvoicePaid(event) {
  console.log('paid', event.invoiceId);
}

export function wixBil
