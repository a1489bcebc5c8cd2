## The emails the portal sends: subjects, text and HTML parts. Each is written in its
## recipient's language.

email-footer = Sent by Clientele. You receive this message because of your role with this customer account.
email-hello = Hello { $name },

email-request-received-subject = New request from { $customer }: { $services }
email-request-received-heading = New request from { $customer }
email-request-received-lead = { $name } has asked for:
email-request-received-text = { $name } has asked on behalf of { $customer } for:
email-salesperson = Salesperson: { $name }
email-their-message = Their message:
email-open-in-queue = Open the request in the approval queue
email-open-in-queue-colon = Open the request in the approval queue:

email-request-approved-subject = Your request has been approved: { $services }
email-request-rejected-subject = Your request was not approved: { $services }
email-request-decided-title = Your request
email-request-approved-heading = Your request has been approved
email-request-approved-for = For { $customer }, now active:
email-request-approved-text = Good news: your request for { $customer } has been approved.
email-now-active = Now active: { $services }
email-catalogs = Catalogs you can order from: { $catalogs }
email-request-rejected-heading = Your request was not approved
email-request-rejected-for = For { $customer }, you asked for: { $services }.
email-request-rejected-text = Your request for { $customer } was not approved.
email-asked-for = Asked for: { $services }
email-reason-given = The reason given:
email-see-requests = See your requests
email-see-requests-colon = See your requests:
email-see-ship-to = See your ship-to locations
email-see-ship-to-colon = See your ship-to locations:
email-open-portal = Open the customer portal
email-open-portal-colon = Open the customer portal:
email-ship-to-proposed = Proposed address: { $address }
email-ship-to-instead-of = Instead of: { $address }
email-ship-to-new = This is a new ship-to address.
email-ship-to-approved-for = For { $customer }, the ship-to address now reads:
email-ship-to-now-reads = The ship-to address now reads: { $address }

email-information-asked-subject = We need more information about your request: { $services }
email-information-asked-title = More information needed
email-information-asked-heading = We need more information
email-information-asked-lead = Before we can decide your request for { $customer } ({ $services }), please answer our question:
email-information-asked-text = We need a little more information before we can decide your request for { $customer } ({ $services }).
email-our-question = Our question:
email-answer-here = Answer it here
email-answer-here-colon = Answer it here:

email-answer-received-subject = Answer from { $customer }: { $services }
email-answer-received-heading = Answer from { $customer }
email-answer-received-lead = { $name } has answered your question about their request ({ $services }).
email-answer-received-text = { $name } has answered your question about the request of { $customer }
email-your-question = Your question:
email-their-answer = Their answer:
email-back-in-queue = The request is back in the approval queue:

email-invitation-subject = Your invitation to the customer portal of { $customer }
email-invitation-title = Your invitation to the customer portal
email-invitation-lead = { $staff } has given you an account on our customer portal for { $customer }: your products and prices, orders, ship-to locations and requests.
email-invitation-button = Choose your password
email-invitation-link = Choose your password here:
email-invitation-expires = The link works once and until { $expires }. If it has run out, ask us for a new one. We never send passwords by email.

email-password-reset-subject = Reset your customer portal password
email-password-reset-title = Reset your password
email-password-reset-lead = Someone (we hope you) asked to reset your customer portal password.
email-password-reset-text = Someone (we hope you) asked to reset your customer portal password. Choose a new one here:
email-password-reset-button = Choose a new password
email-password-reset-expires = The link works once and for { $minutes ->
        [one] { $minutes } minute
       *[other] { $minutes } minutes
    }. If you did not ask, ignore this message: your password stays as it is.

## The outbox's filters (admin).
email-outbox-all = All
email-outbox-waiting = Waiting
email-outbox-failed = Failed
email-outbox-sent = Sent
email-order-placed-subject = Order { $number } received
email-order-placed-text = We have received order { $number } for { $customer }.
email-order-reference = Your reference: { $reference }
email-order-total = Total: { $total }
email-order-ship-to = Delivery to: { $address }
email-order-pickup = Pickup at: { $store }
email-order-awaiting-payment = We ship this order once its payment has reached us.
email-order-credit-hold = This order is over your credit limit: we hold it until we release it.
email-order-see = See the order
email-order-see-colon = See the order:
email-order-shipped-subject = Order { $number } is on its way (tracking { $tracking })
email-order-shipped-text = Order { $number } for { $customer } has been dispatched.
email-order-tracking = Carrier: { $carrier } · Tracking number: { $tracking }
email-order-cancelled-subject = Order { $number } has been cancelled
email-order-cancelled-text = Order { $number } for { $customer } has been cancelled.

## Accounts: invoices posted, reminders, statements (each carries its PDF)
email-accounts-see = Your invoices and statement in the portal:
email-accounts-see-link = See your invoices and statement in the portal
email-invoice-posted-subject = Invoice { $number }: { $amount }, due { $due }
email-invoice-posted-text = Invoice { $number } for { $customer } is attached: { $amount }, due on { $due }.
email-sell-to-invoice-posted-subject = Invoice { $number } for { $customer }
email-sell-to-invoice-posted-text = An invoice to { $customer }, which your account pays for, is attached: invoice { $number }, { $amount }, due on { $due }.
email-reminder-1-subject = Reminder: invoice { $number } is overdue
email-reminder-1-text = Invoice { $number } for { $customer } fell due on { $due } and { $amount } of it is still open. The invoice is attached. If you have paid it in the meantime, thank you, and please disregard this reminder.
email-reminder-2-subject = Second reminder: invoice { $number } is still overdue
email-reminder-2-text = Invoice { $number } for { $customer } fell due on { $due } and { $amount } of it is still open, although we reminded you. Please pay it within seven days. The invoice is attached.
email-reminder-3-subject = Final notice: invoice { $number }
email-reminder-3-text = This is our final notice: invoice { $number } for { $customer } fell due on { $due } and { $amount } of it is still open. Until it is paid, new orders on invoice may be held. The invoice is attached.
email-statement-subject = Your statement of account for { $number }
email-statement-text = The statement of account of { $customer } for { $number } is attached. The balance at its end: { $amount }.

## Staff accounts: the invitation and the password reset.
email-staff-invitation-subject = Your staff account in Clientele
email-staff-invitation-lead = { $staff } has given you a staff account in Clientele, with these roles: { $roles }.
email-staff-invitation-expires = The link works once and until { $expires }. If it has run out, ask an administrator for a new one. We never send passwords by email.
email-staff-password-reset-subject = Reset your Clientele password
email-staff-password-reset-lead = Someone (we hope you) asked to reset the password of your staff account in Clientele.
email-staff-password-reset-text = Someone (we hope you) asked to reset the password of your staff account in Clientele. Choose a new one here:
