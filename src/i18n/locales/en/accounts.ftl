# Receivables: the ledger's refusals.
ledger-amount-invalid = Enter an amount greater than zero.
ledger-payment-not-on-account = { $left } of this payment would stay on account, and this customer does not allow payments on account. Allocate all of it, or record less.
ledger-entry-not-found = There is no such entry.
ledger-reversal-not-reversible = A reversal cannot be reversed. Post the entry again instead.
ledger-already-reversed = This entry has already been reversed.
ledger-not-a-credit = Only a payment, a credit note or a reversal of a charge can pay an invoice.
ledger-not-an-open-item = That is not an open item of this customer in this currency.
ledger-allocation-too-much = That is more than is open on the item or left of the payment.

# The Accounts tab.
customers-tab-accounts = Accounts
ledger-accounts-title = Accounts · { $customer }
ledger-credit-heading = Credit
ledger-credit-used = Credit used: { $amount }
ledger-credit-hint = The limit less the balance and the orders on invoice not yet invoiced.
ledger-empty = Nothing has been posted to this customer's account yet.
ledger-balance-heading = Account in { $currency }
ledger-ageing-caption = Ageing of what is open, on { $date }
ledger-age-not-due = Not due
ledger-age-1-30 = 1–30 days
ledger-age-31-60 = 31–60 days
ledger-age-61-90 = 61–90 days
ledger-age-over-90 = Over 90 days
ledger-age-unallocated = Unallocated credit
ledger-age-total = Balance
ledger-open-items = Open items
ledger-nothing-open = Nothing is open.
ledger-entries-heading = Newest entries
ledger-col-number = Number
ledger-col-kind = Kind
ledger-col-posted = Date
ledger-col-due = Due
ledger-col-overdue = Overdue
ledger-col-amount = Amount
ledger-col-open = Open
ledger-col-text = Text
ledger-days-overdue = { $days ->
    [one] 1 day
   *[other] { $days } days
}
ledger-kind-opening = Opening balance
ledger-kind-invoice = Invoice
ledger-kind-credit-note = Credit note
ledger-kind-payment = Payment
ledger-kind-reversal = Reversal

# Recording a payment.
ledger-payment-heading = Record a payment
ledger-payment-amount = Amount
ledger-payment-currency = Currency
ledger-payment-received-on = Received on
ledger-payment-method = Paid by
ledger-payment-reference = Reference
ledger-payment-reference-hint = The payer's reference, a cheque or remittance number (optional).
ledger-payment-allocation = What it pays
ledger-payment-oldest-first = The oldest open items first
ledger-payment-on-account = Nothing yet: keep it on account
ledger-payment-submit = Record payment
ledger-payment-recorded = Payment { $number } recorded.
ledger-amount-missing = Enter the amount received.
ledger-currency-invalid = Choose a currency.
ledger-date-future = A payment cannot be received after today.
ledger-date-invalid = Enter the date it was received, as a date.
ledger-method-missing = Choose how it was paid.
ledger-method-bank-transfer = Bank transfer
ledger-method-card = Card
ledger-method-cash = Cash
ledger-method-cheque = Cheque
ledger-method-direct-debit = Direct debit
ledger-method-other = Other

## One posting (/invoices/{id})
ledger-entry-title = { $number }
ledger-settled = Settled
ledger-test-record = Test record
ledger-order = Order
ledger-reverses = Reverses
ledger-reversed-by = Reversed by
ledger-back-to-accounts = Back to the customer's accounts
ledger-paid-by = Paid by
ledger-pays = What it pays
ledger-no-settlements = Nothing yet.
ledger-col-allocated = Allocated
ledger-allocate-heading = Pay an open item with it
ledger-allocate-item = Open item
ledger-allocate-submit = Allocate
ledger-allocated = The allocation is recorded.
ledger-debit-missing = Choose the open item to pay.
ledger-reverse-heading = Reverse this posting
ledger-reverse-hint = Nothing posted is ever changed: a reversal posts the opposite amount and takes what is still open on this one. What it already paid, or was paid by, stays so.
ledger-reason = Reason
ledger-reason-missing = Give a reason: it stays in the ledger and the customer's history.
ledger-reverse-submit = Reverse
ledger-reversed = The posting is reversed.

## Manual invoices and credit notes
ledger-posting-heading = Post an invoice or a credit note
ledger-posting-kind = What to post
ledger-posting-invoice = A manual invoice (due after the customer's payment terms)
ledger-posting-credit-note = A credit note
ledger-posting-against = Credit note against
ledger-posting-against-hint = For a credit note: the invoice it reduces, or on account. An invoice ignores it.
ledger-posting-on-account = On account
ledger-posting-text = Text or reason
ledger-posting-text-hint = What the invoice is for, or why the credit is given: the customer reads it.
ledger-posting-submit = Post
ledger-posted = { $number } is posted.

## Credit history
ledger-credit-history = Credit history
ledger-credit-history-empty = The credit limit has not been set or changed yet.
ledger-col-changed = Changed
ledger-col-from = From
ledger-col-to = To
ledger-col-by = By
ledger-credit-initial = The limit it was created with
ledger-download-pdf = Download as PDF
ledger-history-reminder = Reminder (invoice · level · recipients)
ledger-history-statement = Statement (month · currency · recipients)
ledger-open-shown = The { $shown } oldest of { $count } open items; the statement lists them all.
