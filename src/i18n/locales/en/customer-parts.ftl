## The tabs of a customer record below its header: addresses, contacts, notes, the watch-list
## warning, history, services and requests, catalogs and products, portal users.
## $kind is "address" or "contact" (a customer's sub-records).

customer-parts-optional = (optional)
customer-parts-actions = Actions
customer-parts-none = None
customer-parts-nothing = Nothing
customer-parts-primary-badge = { $kind ->
    [address] Primary
   *[contact] Primary
  }
customer-parts-edit = Edit
customer-parts-delete = Delete
customer-parts-cancel = Cancel
customer-parts-add = Add
customer-parts-never = Never
customer-parts-yes = Yes
customer-parts-no = No

## A customer's sub-records: the list, the form, "changed meanwhile".

customer-parts-list-title = { $kind ->
    [address] Addresses
   *[contact] Contacts
  }
customer-parts-list-page-title = { $kind ->
    [address] Addresses
   *[contact] Contacts
  } · { $customer }
customer-parts-list-caption = { $kind ->
    [address] Addresses
   *[contact] Contacts
  } of { $customer }
customer-parts-list-empty = { $kind ->
    [address] No addresses yet. The first one added becomes the primary address.
   *[contact] No contacts yet. The first one added becomes the primary contact.
  }
customer-parts-list-showing = Showing { $shown } of { $total } { $kind ->
    [address] addresses
   *[contact] contacts
  }.
customer-parts-record-named = { $kind ->
    [address] address
   *[contact] contact
  } { $name }
customer-parts-add-record = { $kind ->
    [address] Add address
   *[contact] Add contact
  }
customer-parts-save-record = { $kind ->
    [address] Save address
   *[contact] Save contact
  }
customer-parts-add-heading = { $kind ->
    [address] Add an address
   *[contact] Add a contact
  }
customer-parts-edit-heading = { $kind ->
    [address] Edit address
   *[contact] Edit contact
  }
customer-parts-add-page-title = { $kind ->
    [address] Add an address
   *[contact] Add a contact
  } · { $customer }
customer-parts-edit-page-title = { $kind ->
    [address] Edit address
   *[contact] Edit contact
  } · { $customer }
customer-parts-primary-label = { $kind ->
    [address] Primary address
   *[contact] Primary contact
  }
customer-parts-primary-hint-kept = { $kind ->
    [address] This is the primary address. To change that, make another address primary.
   *[contact] This is the primary contact. To change that, make another contact primary.
  }
customer-parts-primary-hint-takes-over = { $kind ->
    [address] Takes over from the current primary address.
   *[contact] Takes over from the current primary contact.
  }
customer-parts-primary-kept = { $kind ->
    [address] A customer with addresses always has a primary one. To change it, make another address primary.
   *[contact] A customer with contacts always has a primary one. To change it, make another contact primary.
  }
customer-parts-form-problem = Nothing was saved. Please correct the { $count ->
    [one] field
   *[other] { $count } fields
  } marked below.
customer-parts-added = { $kind ->
    [address] Address “{ $name }” added.
   *[contact] Contact { $name } added.
  }
customer-parts-added-primary = { $kind ->
    [address] Address “{ $name }” added as the primary address.
   *[contact] Contact { $name } added as the primary contact.
  }
customer-parts-saved = { $kind ->
    [address] Address “{ $name }” saved.
   *[contact] Contact { $name } saved.
  }
customer-parts-deleted = { $kind ->
    [address] Address “{ $name }” deleted.
   *[contact] Contact { $name } deleted.
  }
customer-parts-deleted-promoted = { $kind ->
    [address] Address “{ $name }” deleted. “{ $promoted }” is now the primary address.
   *[contact] Contact { $name } deleted. { $promoted } is now the primary contact.
  }

customer-parts-changed-saved = Someone else saved this { $kind ->
    [address] address
   *[contact] contact
  } after you opened the form.
customer-parts-changed-nothing-saved = Nothing of yours was saved.
customer-parts-changed-compare = Your input is kept below. Compare it with the { $kind ->
    [address] address
   *[contact] contact
  } as it is now, then save again to replace it, or
customer-parts-changed-back = go back to the list
customer-parts-changed-heading = Changed meanwhile: the { $kind ->
    [address] address
   *[contact] contact
  } as it is now
customer-parts-changed-empty = (empty)
customer-parts-changed-differs = differs from your input

## Addresses

customer-parts-address-kind = Kind
customer-parts-address-label = Label
customer-parts-address-label-hint = A name for this address, such as “Warehouse”.
customer-parts-address-line1 = Address line 1
customer-parts-address-line2 = Address line 2
customer-parts-address-postcode = Postcode
customer-parts-address-city = Town or city
customer-parts-address-region = Region
customer-parts-address-country = Country
customer-parts-address-country-hint = Two letters, such as DE, FR or GB.
customer-parts-phone = Phone
customer-parts-phone-hint = Digits, spaces and + - ( ) . only.
customer-parts-address-use = Use of this address
customer-parts-address-first-primary-hint = The first address is always the primary one.
customer-parts-address-default-billing = Default billing address
customer-parts-address-default-billing-hint = Billing addresses only.
customer-parts-address-default-shipping = Default shipping address
customer-parts-address-default-shipping-hint = Shipping addresses only.
customer-parts-address-download = Download ship-to locations (CSV)
customer-parts-address-column = Address
customer-parts-address-status = Status
customer-parts-badge-default-billing = Default billing
customer-parts-badge-default-shipping = Default shipping
customer-parts-address-kind-invalid = Choose billing, shipping or admin.
customer-parts-address-line1-missing = Enter the first line of the address.
customer-parts-address-city-missing = Enter the town or city.
customer-parts-address-country-invalid = Enter the country as a two-letter code, such as DE.
customer-parts-address-billing-only = Only a billing address can be the default billing address.
customer-parts-address-shipping-only = Only a shipping address can be the default shipping address.

## Contacts

customer-parts-contact-name = Name
customer-parts-contact-job-title = Job title
customer-parts-contact-email = Email
customer-parts-contact-notified-of = Notified of
customer-parts-contact-notify = Notify this contact of
customer-parts-contact-bill-to-hint = The sell-to notifications cover the orders and invoices of the customers that bill to this one.
customer-parts-contact-unoffered-hint = This contact still has sell-to notifications from when other customers billed to this one; saving removes them.
customer-parts-contact-events-invalid = Choose only from the notifications listed.
customer-parts-contact-name-missing = Enter the contact's name.
customer-parts-contact-sell-to-only = Sell-to notifications are only for a customer that other customers bill to.

## History

customer-parts-history-title = History · { $customer }
customer-parts-history-heading = History ({ $count ->
    [one] { $count } change
   *[other] { $count } changes
  })
customer-parts-history-empty = No changes recorded.
customer-parts-history-pages = Pages of history
customer-parts-history-newer = Newer changes
customer-parts-history-older = Older changes
customer-parts-history-caption = Changes, newest first
customer-parts-history-when = When
customer-parts-history-who = Who
customer-parts-history-what = What
customer-parts-history-field = Field
customer-parts-history-from = From
customer-parts-history-to = To
customer-parts-history-system = the system
customer-parts-history-change = { $entity ->
    [customer] Customer
    [address] Address
    [contact] Contact
    [note] Note
    [watch] Watch-list warning
    [merge] Merge
    [request] Request
    [relationship] Relationship
    [user] Customer user
    [catalog] Catalog
    [product] Specific product
    [stock_location] Stock location
    [posting] Accounts
    [prices] Contract prices
   *[other] { $entity }
  } { $action ->
    [create] added
    [update] changed
    [delete] removed
    [merge] merged
    [approve] approved
    [reject] rejected
    [ask_info] sent back for more information
    [answer] answered
    [invite] invited
    [revoke] revoked
    [view_as] viewed as (read-only portal)
    [enable] enabled
    [disable] disabled
    [post] posted
    [remind] reminded
    [statement] sent a statement
   *[other] { $action }
  }
customer-parts-history-field-primary = Primary
customer-parts-history-field-default-billing = Default billing
customer-parts-history-field-default-shipping = Default shipping
customer-parts-history-field-notifications = Notifications
customer-parts-history-field-note = Note
customer-parts-history-field-watch = Watch-list warning
customer-parts-history-field-merged-from = Merged from
customer-parts-history-field-merged-into = Merged into
customer-parts-history-field-customer = Customer
customer-parts-history-field-invitation-again = Invitation sent again to
customer-parts-history-field-status = Status
customer-parts-history-field-role = Role
customer-parts-history-field-ship-to = Ship-to address
customer-parts-history-field-viewed-as = Viewed the portal as
customer-parts-history-field-relationship = Relationship
customer-parts-history-field-services = Services asked for
customer-parts-history-field-request = Request
customer-parts-history-field-reason = Reason
customer-parts-history-field-catalogs = Catalogs enabled
customer-parts-history-field-answer = Answer
customer-parts-history-field-catalog = Catalog
customer-parts-history-field-product = Specific product
customer-parts-history-field-stock = Stock visible at

## The customer's own fields, as the history names them (src/models/customers/customer_fields.rs).

customer-parts-history-customer-account-number = Account number
customer-parts-history-customer-legal-name = Legal name
customer-parts-history-customer-trading-name = Trading name
customer-parts-history-customer-kind = Record kind
customer-parts-history-customer-customer-type = Type
customer-parts-history-customer-customer-group-id = Customer group
customer-parts-history-customer-sales-channel-id = Sales channel
customer-parts-history-customer-default-store-id = Default store
customer-parts-history-customer-phone = Primary phone
customer-parts-history-customer-alt-phone = Alternate phone
customer-parts-history-customer-email = Email
customer-parts-history-customer-website = Website
customer-parts-history-customer-salesperson-id = Salesperson
customer-parts-history-customer-tax-id = Tax id
customer-parts-history-customer-accounts-id = Accounts id
customer-parts-history-customer-default-bank-account = Default bank account
customer-parts-history-customer-forecast-code = Forecast code
customer-parts-history-customer-active = Active
customer-parts-history-customer-test-record = Test record
customer-parts-history-customer-term-customer = Term customer
customer-parts-history-customer-allow-store-pickup = Allow store pickup
customer-parts-history-customer-allow-cod = Allow cash on delivery
customer-parts-history-customer-allow-payments-on-account = Allow payments on account
customer-parts-history-customer-reference-required = Customer reference required
customer-parts-history-customer-minimum-order = Minimum order value
customer-parts-history-customer-payment-terms-id = Payment terms
customer-parts-history-customer-credit-limit = Credit limit
customer-parts-history-customer-balance = Balance
customer-parts-history-customer-over-limit-policy = Over-limit policy
customer-parts-history-customer-discount = Discount
customer-parts-history-customer-sales-tax-type = Sales tax type
customer-parts-history-customer-exempt-jurisdictions = Exempt jurisdictions
customer-parts-history-customer-review-flag = Review flag
customer-parts-history-customer-internal-remark = Internal remark
customer-parts-history-customer-organization-id = Organization
customer-parts-history-customer-bill-to-account = Bill-to customer
customer-parts-history-customer-master-account = Master customer
customer-parts-history-customer-tags = Tags

## Notes and the watch list

customer-parts-notes-title = Notes · { $customer }
customer-parts-notes-heading = Notes ({ $count })
customer-parts-notes-add-label = Add a note
customer-parts-notes-add-hint = Signed with your name and the time.
customer-parts-notes-add = Add note
customer-parts-notes-empty = No notes yet.
customer-parts-notes-pages = Pages of notes
customer-parts-notes-newer = Newer notes
customer-parts-notes-older = Older notes
customer-parts-notes-former-colleague = a former colleague
customer-parts-note-missing = Write the note first.
customer-parts-watch-missing = Write the warning first.
customer-parts-text-too-long = Use at most { $max } characters, without control characters.
customer-parts-note-added = Your note has been added.
customer-parts-watch-on = The customer is on the watch list.
customer-parts-watch-off = The customer is off the watch list.
customer-parts-watch-title = Watch list · { $customer }
customer-parts-watch-heading = Watch-list warning
customer-parts-watch-change-label = Change the warning
customer-parts-watch-put-label = Put on the watch list with this warning
customer-parts-watch-hint = Shown at the top of every screen for this customer, e.g. “Returns several items claiming damage: check before despatch”.
customer-parts-watch-change = Change warning
customer-parts-watch-put = Put on watch list
customer-parts-watch-list-title = Watch list
customer-parts-watch-list-lead = Customers with a warning that stays with them. { $count } on the list.
customer-parts-watch-list-empty = Nobody is on the watch list.
customer-parts-watch-list-caption = Watched customers, newest warning first
customer-parts-watch-list-customer = Customer
customer-parts-watch-list-warning = Warning
customer-parts-watch-list-set-by = Set by
customer-parts-watch-list-when = When

## Services and requests

customer-parts-requests-title = Services and requests · { $customer }
customer-parts-requests-status-heading = Relationship and services
customer-parts-requests-relationship = Relationship
customer-parts-requests-catalogs = Catalogs
customer-parts-requests-no-catalogs = None enabled
customer-parts-requests-switch-one-off = Switch one service off
customer-parts-requests-switch-off = Switch off
customer-parts-requests-restore = Switch back on what was on before: { $services }
customer-parts-requests-block = Block
customer-parts-requests-deactivate = Deactivate
customer-parts-requests-unblock = Unblock
customer-parts-requests-reactivate = Reactivate
customer-parts-requests-record-heading = Record a request
customer-parts-requests-record-lead = On the customer's behalf: the request waits in the approval queue.
customer-parts-requests-services-asked = Services asked for
customer-parts-requests-salesperson = Salesperson
customer-parts-requests-choose = Choose…
customer-parts-requests-message = Message (optional)
customer-parts-requests-message-hint = What the customer said about the request.
customer-parts-requests-record = Record request
customer-parts-requests-heading = Requests ({ $count })
customer-parts-requests-empty = No requests yet.
customer-parts-requests-caption = Requests, newest first
customer-parts-requests-asked = Asked
customer-parts-requests-services = Services
customer-parts-requests-status = Status
customer-parts-requests-decided = Decided
customer-parts-requests-recorded = The request has been recorded and waits in the approval queue.
customer-parts-requests-relationship-now = The relationship is now { $status ->
    [pending] pending request
    [active] active
    [rejected] rejected
    [blocked] blocked
   *[inactive] inactive
  }.
customer-parts-requests-switched-off = { $service ->
    [ordering] Ordering
    [orders] Orders
    [order_acknowledgements] Order acknowledgements
    [ship_notices] Ship notices
    [invoices] Invoices
   *[price_files] Price files
  } has been switched off.
customer-parts-services-caption = Services and integrations
customer-parts-services-service = Service
customer-parts-services-status = Status
customer-parts-services-restored = (restored on unblock)

## Catalogs and products

customer-parts-catalogs-title = Catalogs and products · { $customer }
customer-parts-catalogs-read-only = You can see what this customer is offered; administrators and digital administrators change it.
customer-parts-catalogs-heading = Catalogs
customer-parts-catalogs-lead = The customer's users see the active products of the active catalogs enabled here.
customer-parts-catalogs-lead-ordering = The customer's users see the active products of the active catalogs enabled here. Ordering is active, so at least one catalog must stay enabled.
customer-parts-catalogs-none = There are no catalogs. Administrators add them under Administration → Catalogs.
customer-parts-catalogs-caption = Catalogs for this customer
customer-parts-catalogs-catalog = Catalog
customer-parts-catalogs-for-customer = For this customer
customer-parts-catalogs-deactivated = Deactivated
customer-parts-catalogs-enabled = Enabled
customer-parts-catalogs-enabled-by-on = by { $name } on { $date }
customer-parts-catalogs-enabled-on = on { $date }
customer-parts-catalogs-not-enabled = Not enabled
customer-parts-catalogs-disable = Disable
customer-parts-catalogs-enable = Enable
customer-parts-stock-heading = Inventory availability
customer-parts-stock-lead = The stores whose stock the customer's users see beside each product.
customer-parts-stock-show-at = Show stock at
customer-parts-stock-deactivated = (deactivated: no stock shows)
customer-parts-stock-save = Save stock locations
customer-parts-stock-none = No stock is shown to this customer.
customer-parts-specific-heading = Customer-specific products ({ $count })
customer-parts-specific-lead = Products made for this customer: only its users (and those of customers it is master or bill-to of) see them, never through a catalog.
customer-parts-specific-none = None.
customer-parts-specific-caption = Customer-specific products
customer-parts-specific-sku = SKU
customer-parts-specific-name = Name
customer-parts-specific-unit = Unit
customer-parts-specific-status = Status
customer-parts-specific-added = Added
customer-parts-specific-active = Active
customer-parts-specific-inactive = Inactive
customer-parts-specific-remove = Remove
customer-parts-specific-add-label = Add products by SKU
customer-parts-specific-add-hint = One SKU or several (up to { $max }), separated by spaces or commas. Only customer-specific products are added here.
customer-parts-catalog-enabled = The catalog “{ $name }” is enabled: its products show in this customer's portal.
customer-parts-catalog-enabled-already = The catalog “{ $name }” was enabled already.
customer-parts-catalog-disabled = The catalog “{ $name }” is disabled for this customer.
customer-parts-catalog-not-enabled = The catalog “{ $name }” was not enabled for this customer.
customer-parts-product-removed = { $product } is no longer offered to this customer.
customer-parts-product-not-offered = That product was not offered to this customer (any more).
customer-parts-stock-added = Stock now shows at { $added }.
customer-parts-stock-removed = Stock no longer shows at { $removed }.
customer-parts-stock-added-removed = Stock now shows at { $added }. Stock no longer shows at { $removed }.
customer-parts-stock-unchanged = Nothing changed.
customer-parts-skus-added = { $count ->
    [0] Nothing was added.
    [one] Added { $skus }.
   *[other] Added { $count } products: { $skus }{ $more ->
        [0] {""}
       *[other] {" "}and { $more } more
    }.
  }
customer-parts-skus-added-had = { $count ->
    [0] Nothing was added.
    [one] Added { $skus }.
   *[other] Added { $count } products: { $skus }{ $more ->
        [0] {""}
       *[other] {" "}and { $more } more
    }.
  } The customer had { $had }{ $had_more ->
    [0] {""}
   *[other] {" "}and { $had_more } more
  } already.
customer-parts-specific-public = { $sku } is a public product, offered through catalogs. Only customer-specific products are added here; make it customer-specific on its product page first (Administration → Products). Nothing was added.

## Portal users

customer-parts-users-title = Portal users · { $customer }
customer-parts-users-heading = Portal users
customer-parts-users-lead = People at { $customer } who can sign in to the customer portal. Each chooses their own password through an emailed link; nobody here ever sees it.
customer-parts-users-empty = No portal users yet.
customer-parts-users-caption = Portal users of { $customer }
customer-parts-users-name = Name
customer-parts-users-email = Email
customer-parts-users-status = Status
customer-parts-users-last-sign-in = Last sign-in
customer-parts-users-expired = Invitation expired
customer-parts-users-until = until
customer-parts-users-invite-again = Invite again
customer-parts-users-new-link = Send a new link
customer-parts-users-to-name = to { $name }
customer-parts-users-view-as = View as
customer-parts-users-revoke = Revoke
customer-parts-users-invite-heading = Invite a user
customer-parts-users-form-problem = Please correct the marked fields.
customer-parts-users-email-hint = The invitation goes here; the link in it works once, for 72 hours.
customer-parts-users-send = Send the invitation
customer-parts-users-name-missing = Enter the person's name.
customer-parts-users-email-missing = Enter the email address the invitation goes to.
customer-parts-users-invited = { $name } has been invited as { $role }: an email with a link to choose a password is on its way to { $email }. The link works for 72 hours.
customer-parts-users-resent = A new invitation is on its way to { $email }; the earlier link no longer works.
customer-parts-users-revoked = { $name } can no longer sign in; their sessions and links have ended.
customer-parts-users-role = Role
customer-parts-users-role-hint = A buyer orders; accounts sees invoices and statements; a viewer reads products and orders; a customer admin does all of that and manages the users. A customer's first user is always its admin.
customer-parts-users-role-of = Role of { $name }
customer-parts-users-role-save = Change role
customer-parts-users-role-set = { $name } is now: { $role }.
customer-parts-history-customer-language = Language for emails
customer-parts-history-field-prices = Contract prices
customer-parts-prices-heading = Contract prices
customer-parts-prices-lead = Prices agreed with this customer. Each holds from its minimum quantity on, between its first and last day, and overrides the list price less the customer's discount in the portal, in the cart and on orders. A price file replaces all of them.
customer-parts-prices-count = { $count ->
    [0] No contract prices.
    [one] One contract price.
   *[other] { $count } contract prices.
  }
customer-parts-prices-replaced = Last price file: { $date }, { $name }.
customer-parts-prices-download = Download them as CSV
customer-parts-prices-file = Price file (CSV)
customer-parts-prices-file-hint = Columns sku and price (8.50), and where wanted min_quantity, valid_from and valid_to (2026-12-31); at most { $max } lines. A file with only its header removes them all.
customer-parts-prices-upload = Replace contract prices
customer-parts-prices-done = Contract prices replaced: { $count ->
    [one] one price
   *[other] { $count } prices
  } in { $currency }.
customer-parts-prices-line = Line { $line }: { $reason }
customer-parts-prices-choose = Choose a price file (CSV).
customer-parts-prices-too-large = The file is larger than { $max }.
prices-too-many = A price file holds at most { $max } lines.
prices-sku-missing = The SKU is missing.
prices-sku-unknown = No product has this SKU.
prices-price-negative = The price must be 0 or more.
prices-min-quantity-invalid = The minimum quantity must be a whole number from 1.
prices-valid-to-before-from = The last day is before the first day.
prices-line-twice = The same SKU, minimum quantity and first day are on an earlier line.
prices-no-price-list = This customer has no price list, so its contract prices would have no currency: give it a sales channel with a price list first.
prices-csv-empty = The file is empty: it needs a header line (sku,price,…) and a line for each price.
prices-csv-column = There is no column "{ $column }": the columns are sku, price, min_quantity, valid_from and valid_to.
prices-csv-column-missing = The header needs the column "{ $column }".
prices-csv-fields = The line has { $found } fields, the header { $expected }.
prices-csv-value = The { $column } "{ $value }" cannot be read (prices like 8.50, whole quantities, days like 2026-12-31).
customer-parts-prices-not-utf8 = The file is not UTF-8 text: save it as "CSV UTF-8".
