## Customers on the staff side: the list, a customer's page and form, deleting, its orders, and
## the dashboard.

customers-title = Customers

## The list.

customers-new-customer = New customer
customers-new-organization = New organization
customers-tabs-label = Relationship status
customers-tab-all = All
customers-tab-pending = Open requests
customers-tab-inactive = Inactive
customers-tab-active = Enabled
customers-tab-blocked = Blocked
customers-find = Find customers
customers-search = Search
customers-search-in = Search in
customers-field-any = Anything
customers-field-name = Name
customers-field-account-number = Account number
customers-field-email = Email
customers-field-phone = Phone
customers-field-postcode = Postcode
customers-field-city = City
customers-field-order-number = Order number
customers-field-invoice-number = Invoice number
customers-field-tracking-number = Tracking number
customers-field-channel-order-id = Marketplace order id
customers-field-channel-user-id = Marketplace user id
customers-filters = Filters
customers-filter-kind = Kind
customers-filter-any-kind = Any kind
customers-filter-type = Type
customers-filter-any-type = Any type
customers-filter-group = Group
customers-filter-any-group = Any group
customers-filter-tag = Tag
customers-filter-any-tag = Any tag
customers-filter-flag = Flag
customers-filter-any-flag = Any flag
customers-filter-channel = Sales channel
customers-filter-any-channel = Any channel
customers-filter-active = Active
customers-filter-active-any = Active or not
customers-filter-active-only = Active only
customers-filter-inactive-only = Not active only
customers-filter-watch = On the watch list only
customers-show = Show customers
customers-clear = Clear
# $n is the count as the reader writes numbers; $count chooses the plural.
customers-count =
    { $count ->
        [one] 1 customer.
       *[other] { $n } customers.
    }
customers-count-about = about { $n } customers match (an estimate: exact counts stop at { $cap }).
customers-count-capped = more than { $cap } customers match (the count stops at { $cap }).
customers-download =
    { $count ->
        [one] Download this customer (CSV)
       *[other] Download these { $n } customers (CSV)
    }
customers-download-about = Download these (about { $n }) customers (CSV)
customers-download-capped = Download these more than { $cap } customers (CSV)
customers-none-found = No customers found for “{ $q }” in { $field }.
customers-none-found-filtered = No customers found for “{ $q }” in { $field } with these filters.
customers-none-found-hint = Check the spelling or search in another field.
customers-clear-search = Clear the search
customers-none-match = No customers match these filters.
customers-show-all = Show all customers
customers-no-page = There is no page { $page }.
customers-first-page = Back to the first page
customers-none-yet = No customers yet.
customers-create-first = Create the first one
customers-caption = Customers, page { $page } of { $pages }; column headers sort
customers-caption-about = Customers, page { $page } of about { $pages }; column headers sort
customers-caption-more = Customers, page { $page } of more than { $pages }; column headers sort
customers-col-account = Account
customers-col-name = Name
customers-col-type = Type
customers-col-group = Group
customers-col-relationship = Relationship
customers-col-integration = Integration
customers-col-orders = Orders
customers-col-value = Value of orders
customers-col-balance = Balance
customers-col-flag = Flag
customers-col-watch = Watch list
customers-found-by-any = Found by { $value }
customers-found-by-name = Found by name { $value }
customers-found-by-account-number = Found by account number { $value }
customers-found-by-email = Found by email { $value }
customers-found-by-phone = Found by phone { $value }
customers-found-by-postcode = Found by postcode { $value }
customers-found-by-city = Found by city { $value }
customers-found-by-order-number = Found by order number { $value }
customers-found-by-invoice-number = Found by invoice number { $value }
customers-found-by-tracking-number = Found by tracking number { $value }
customers-found-by-channel-order-id = Found by marketplace order id { $value }
customers-found-by-channel-user-id = Found by marketplace user id { $value }
customers-on-watch-list = On the watch list
customers-not-on-watch-list = Not on the watch list
customers-value-none = none
customers-value-several = several currencies
customers-pages = Pages
customers-previous-page = Previous page
customers-next-page = Next page
customers-page-of = Page { $page } of { $pages }
customers-page-of-about = Page { $page } of about { $pages }
customers-page-of-more = Page { $page } of more than { $pages }

## A customer's header and tabs.

customers-watch-set-by = Set by { $name } on { $date }
customers-trading-as = Trading as { $name }
customers-sections = Customer sections
customers-tab-overview = Overview
customers-tab-orders = Orders
customers-tab-addresses = Addresses
customers-tab-contacts = Contacts
customers-tab-notes = Notes
customers-tab-catalogs = Catalogs and products
customers-tab-requests = Services and requests
customers-tab-users = Portal users
customers-tab-history = History

## A customer's page.

customers-edit = Edit
customers-merge-into-this = Merge a duplicate into this one
customers-delete = Delete
customers-merged-notice = This record was merged into { $name }. It is kept so that old links still lead somewhere.
customers-merged-go = Go to that customer
customers-merged-notice-outside = This record was merged into another customer, one outside your customers.
customers-outside-scope = A customer outside your customers
customers-inherited-from = inherited from { $name }
customers-price-list = Price list
customers-yes = Yes
customers-no = No
customers-test-record = test record
customers-contact-details = Contact details
customers-price-list-email = Price-list email
customers-price-list-email-note = Files mailed to this address do not reach the portal yet (it has no mailbox to read them from): the ERP sends the customer's price file through the API, or staff upload it on the Catalogs and products tab.
customers-copy = Copy
customers-copy-what = the price-list email address
customers-term-customer = Term customer
customers-store-pickup = Store pickup
customers-cod = Cash on delivery
customers-payments-on-account = Payments on account
customers-allowed = Allowed
customers-not-allowed = Not allowed
customers-discount = Individual discount
customers-discount-off = { $discount } off the price list
customers-none = None
customers-available-credit = Available credit
customers-over-the-limit = over the limit
customers-tax-and-accounting = Tax and accounting
customers-bill-to = Bill-to customer
customers-master = Master customer
customers-members = Members ({ $count })
customers-sell-to = Sell-to customers (billed here) ({ $count })
customers-associated = Associated customers (master of) ({ $count })
customers-and-more = and { $count } more
customers-services = Services and integrations
customers-relationship-label = Relationship:
customers-requests-link = requests
customers-catalogs = Catalogs
customers-none-enabled = None enabled
customers-specific-products = Specific products
customers-stock-shown-at = Stock shown at
customers-no-store = No store
customers-orders-count = Orders ({ $count })
customers-orders-value = value { $value }
customers-no-orders = No orders yet.
customers-all-orders = All { $count } orders
customers-addresses-count = Addresses ({ $count })
customers-no-addresses = No addresses yet.
customers-primary = Primary
customers-default-billing = Default billing
customers-default-shipping = Default shipping
customers-all-addresses = All { $count } addresses
customers-manage-addresses = Manage addresses
customers-add-address = Add an address
customers-download-ship-to = Download ship-to locations (CSV)
customers-contacts-count = Contacts ({ $count })
customers-no-contacts = No contacts yet.
customers-notified-of = Notified of: { $events }
customers-all-contacts = All { $count } contacts
customers-manage-contacts = Manage contacts
customers-add-contact = Add a contact
customers-notes-count = Notes ({ $count })
customers-add-a-note = Add a note
customers-note-hint = Signed with your name and the time.
customers-add-note = Add note
customers-no-notes = No notes yet.
customers-all-notes = All { $count } notes
customers-take-off-watch-list = Take off the watch list
customers-recent-changes = Recent changes
customers-no-changes = No changes recorded.
customers-all-changes = All { $count } changes
customers-created = { $name } has been created.
customers-saved = Your changes have been saved.

## Deleting a customer.

customers-delete-title = Delete { $name }
customers-delete-heading = Delete this customer?
customers-delete-explain = This deletes { $name } with its addresses, contacts and notes. The history keeps a record that it was deleted, by whom and when. This cannot be undone.
customers-delete-button = Delete { $name }
customers-delete-keep = Keep it
customers-delete-blocked = It cannot be deleted while other records depend on it:
customers-delete-instead = Deactivate it instead (edit it and clear “Active”), or move those records first.
customers-back-to-customer = Back to the customer
customers-delete-blocker-members = { $count } customers belong to this organization
customers-delete-blocker-sell-to = { $count } customers bill to this customer
customers-delete-blocker-associated = { $count } customers have this one as their master
customers-delete-blocker-orders = it has { $count } orders (deactivate it instead)
customers-delete-blocker-merged = { $count } merged customers point to this one
customers-delete-refused = This customer cannot be deleted: { $reasons }
customers-deleted = { $name } has been deleted.

## Merging (the checks of src/models/customers/merge.rs).

customers-merge-no-such-customer = No customer has the account number or id “{ $input }”.
customers-merge-choose-two = Choose two different customers.
customers-merge-duplicate-already-merged = That customer has already been merged into another one.
customers-merge-survivor-merged = That customer has been merged into another one; merge into that one instead.
customers-merge-kinds-differ = A customer and an organization cannot be merged.

## A customer's orders.

customers-orders-title = Orders · { $customer }
customers-order-title = Order { $number }
customers-orders-caption = Orders, newest first
customers-order-col-order = Order
customers-order-col-customer = Customer
customers-order-col-placed = Placed
customers-order-col-status = Status
customers-order-col-total = Total
customers-order-col-channel = Channel
customers-order-col-invoice = Invoice
customers-order-col-tracking = Tracking
customers-order-priority = Priority
customers-order-channel-order-id = Marketplace order id
customers-order-channel-user-id = Marketplace user id
customers-order-invoice-number = Invoice number
customers-order-tracking-number = Tracking number
customers-all-orders-of = All orders of { $name }
customers-orders-value-not-cancelled = Value of orders (not cancelled): { $value }
customers-no-orders-on-page = No orders on this page.
customers-no-orders-at-all = No orders.
customers-orders-pages = Pages of orders
customers-orders-newer = Newer orders
customers-orders-older = Older orders
customers-page = Page { $page }

## The dashboard.

customers-dashboard-title = Dashboard
customers-dashboard-welcome = Welcome back, { $name }.
customers-dashboard-records = records on file
customers-dashboard-waiting = Waiting for approval
customers-dashboard-waiting-note = customers with a pending relationship
customers-dashboard-see-them = see them
customers-dashboard-open-requests = Open requests
customers-dashboard-requests-note = waiting for a decision
customers-dashboard-open-queue = open the approval queue
customers-dashboard-watched-note =
    { $count ->
        [one] customer needs care
       *[other] customers need care
    }
customers-dashboard-see-watch-list = see the watch list
customers-dashboard-newest = Newest customers
customers-dashboard-recent-orders = Recent orders
customers-dashboard-newest-orders = The newest orders

## The customer form.

customer-form-title-edit = Edit { $name }
customer-form-title-new-customer = New customer
customer-form-title-new-organization = New organization
customer-form-conflict = Someone else saved this customer after you opened the form.
customer-form-conflict-nothing-saved = Nothing of yours was saved.
customer-form-conflict-their-changes = Their changes:
customer-form-conflict-yours = Your version is still in the form below. Check it against theirs, then save again.
customer-form-change-by = { $who }, { $when }:
customer-form-change-from-to = from “{ $old }” to “{ $new }”
customer-form-change-to = to “{ $new }”
customer-form-change-from-cleared = from “{ $old }” cleared
customer-form-change-cleared = cleared
customer-form-correct =
    { $count ->
        [one] Please correct the 1 field marked below. Nothing has been saved yet.
       *[other] Please correct the { $count } fields marked below. Nothing has been saved yet.
    }
customer-form-identity = Identity
customer-form-legal-name = Legal name
customer-form-trading-name = Trading name
customer-form-trading-name-hint = Optional: the name it trades under.
customer-form-account-number = Account number
customer-form-account-number-hint = Your number for this customer, also used in EDI and accounting. Can be added later.
customer-form-type = Type
customer-form-reach = How to reach them
customer-form-phone = Primary phone
customer-form-alt-phone = Alternate phone
customer-form-email = Email
customer-form-website = Website
customer-form-language = Language for emails
customer-form-language-hint = The language of the emails the customer's people receive.
customer-form-language-country = From its country
customer-form-classification = Classification
customer-form-group = Customer group
customer-form-none = None
customer-form-none-or-organization = None, or the organization's
customer-form-channel = Sales channel
customer-form-channel-hint = The channel decides the price list.
customer-form-channel-price-list = (price list { $name })
customer-form-store = Default store
customer-form-choose-a-store = Choose a store
customer-form-store-inactive = (inactive)
customer-form-salesperson = Salesperson
customer-form-review-flag = Review flag
customer-form-no-flag = No flag
customer-form-tags = Tags
customer-form-hierarchy = Hierarchy
customer-form-organization = Organization
customer-form-organization-hint = A member takes the organization's group and price list unless it has its own.
customer-form-bill-to = Bill-to customer (account number)
customer-form-bill-to-hint = The customer that pays for this one's orders and invoices.
customer-form-master = Master customer (account number)
customer-form-master-hint = The customer that sees and pays for everything below it.
customer-form-terms = Commercial terms
customer-form-payment-terms = Payment terms
customer-form-none-set = None set
customer-form-discount = Customer-individual discount (%)
customer-form-discount-hint = Shown to the customer as its own price: list price less this.
customer-form-term-customer = Term customer (may choose “send invoice” at checkout)
customer-form-store-pickup = Allow store pickup
customer-form-cod = Allow cash on delivery
customer-form-payments-on-account = Allow payments on account
customer-form-credit = Credit
customer-form-credit-limit = Credit limit
customer-form-credit-reason = Why the limit changes
customer-form-credit-reason-hint = Needed when the credit limit changes: it stays in the customer's credit history.
customer-form-credit-reason-missing = Say why the credit limit changes.
customer-form-balance = Balance
customer-form-over-limit = Over the limit
customer-form-tax = Tax
customer-form-sales-tax-type = Sales tax type
customer-form-exempt = Exempt jurisdictions
customer-form-exempt-hint = Taxable customers only: region codes, separated by commas (e.g. CA, US-NY).
customer-form-tax-id = VAT / tax id
customer-form-accounting = Accounting
customer-form-accounts-id = Accounts id
customer-form-accounts-id-hint = The id in your accounts package.
customer-form-bank-account = Default bank account
customer-form-forecast-code = Forecast code
customer-form-status = Status and remarks
customer-form-active = Active
customer-form-test-record = Test record (accounting and ERP integrations only)
customer-form-remark = Internal remark
customer-form-remark-hint = Seen by staff only.
customer-form-save = Save changes
customer-form-create-customer = Create customer
customer-form-create-organization = Create organization
customer-form-cancel = Cancel
customer-form-version-missing = The form is missing its version. Reload the page and try again.

## The customer form's messages.

customer-form-choose-group = Choose a group from the list.
customer-form-choose-channel = Choose a sales channel from the list.
customer-form-choose-store = Choose a store from the list.
customer-form-choose-terms = Choose payment terms from the list.
customer-form-choose-salesperson = Choose a salesperson from the list.
customer-form-choose-organization = Choose an organization from the list.
customer-form-choose-tags = Choose tags from the list.
customer-form-name-missing = Enter the customer's legal name.
customer-form-store-missing = Every customer needs a default store: choose one.
customer-form-choose-type = Choose business or individual.
customer-form-choose-flag = Choose a colour or CHK from the list.
customer-form-exempt-taxable-only = Only taxable customers have exempt jurisdictions: clear these or choose Taxable.
customer-form-choose-option = Choose one of the options.
customer-form-website-invalid = Enter a web address such as www.example.com.
customer-form-region-invalid = `{ $code }` is not a region code such as CA or US-NY.
customer-form-language-unknown = Choose a language from the list.
customer-form-account-taken-by = { $name } already has this account number.
customer-form-account-taken = Another customer has this account number.
customer-form-organization-nested = An organization cannot belong to another organization.
customer-form-no-such-account = No customer has the account number { $account }.
customer-form-own-bill-to = A customer cannot be its own bill-to or master customer.
customer-form-chain-loop = { $customer } already depends on this customer through its own chain; that would make a loop.

## Extended order settings.
customer-form-order-settings = Extended order settings
customer-form-reference-required = Customer reference (PO number) required at the checkout
customer-form-minimum-order = Minimum order value
customer-form-minimum-order-hint = In the currency of its price list; 0 for none.
customer-form-amount-negative = An amount here cannot be negative.
