# Receivables: the ledger's refusals.
ledger-amount-invalid = Enter an amount greater than zero.
ledger-payment-not-on-account = { $left } of this payment would stay on account, and this customer does not allow payments on account. Allocate all of it, or record less.
ledger-entry-not-found = There is no such entry.
ledger-reversal-not-reversible = A reversal cannot be reversed. Post the entry again instead.
ledger-already-reversed = This entry has already been reversed.
ledger-not-a-credit = Only a payment, a credit note or a reversal of a charge can pay an invoice.
ledger-not-an-open-item = That is not an open item of this customer in this currency.
ledger-allocation-too-much = That is more than is open on the item or left of the payment.
