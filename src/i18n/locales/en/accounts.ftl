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
