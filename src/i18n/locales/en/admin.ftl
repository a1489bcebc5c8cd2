## Administration (staff, reference data, catalogs, products, import, outbox, maintenance,
## merge) and the approvals queue.

admin-col-name = Name
admin-col-status = Status
admin-col-products = Products
admin-col-customers = Customers
admin-col-sku = SKU
admin-col-unit = Unit
admin-col-actions = Actions
admin-field-name = Name
admin-field-skus = SKUs
admin-status-active = Active
admin-status-deactivated = Deactivated
admin-status-inactive = Inactive
admin-find = Find
admin-cancel = Cancel
admin-save-changes = Save changes
admin-pages = Pages
admin-previous-page = Previous page
admin-next-page = Next page
admin-page-of = Page { $page } of { $pages }
admin-yes = Yes
admin-no = No
admin-none = —

admin-catalogs-title = Catalogs
admin-catalogs-lead = Groups of public products. A customer sees the products of the active catalogs enabled for it (on its Catalogs and products tab).
admin-catalogs-empty = There are no catalogs yet.
admin-catalogs-new = New catalog
admin-catalogs-not-added = The catalog was not added. Please correct the field marked below.
admin-catalogs-add = Add catalog
admin-catalogs-name-hint = Up to { $max } characters; it must differ from every other catalog's name.
admin-catalog-page-title = { $catalog } · Catalogs
admin-catalog-product-count = { $count ->
        [one] { $n } product
       *[other] { $n } products
    }
admin-catalog-enabled-for = enabled for { $count ->
        [one] { $n } customer
       *[other] { $n } customers
    }
admin-catalog-name-status = Name and status
admin-catalog-name-hint = Up to { $max } characters.
admin-catalog-rename = Rename
admin-catalog-deactivate-note = Deactivating hides its products from every customer that has it, and it can no longer be enabled for customers.
admin-catalog-deactivate = Deactivate catalog
admin-catalog-activate-note = Activating shows its products again to the customers that have it enabled.
admin-catalog-activate = Activate catalog
admin-catalog-add-products = Add products
admin-catalog-skus-hint = One SKU or several (up to { $max }), separated by spaces, commas or lines. Only public products go into catalogs.
admin-catalog-add-to = Add to catalog
admin-catalog-products = Products in this catalog
admin-catalog-find-label = Find a product of this catalog by SKU or name
admin-catalog-find-placeholder = SKU or name
admin-catalog-no-products = No products yet: add them by SKU above.
admin-catalog-no-match = No product of this catalog matches “{ $search }”.
admin-catalog-products-in = Products in { $catalog }
admin-catalog-remove = Remove
admin-catalog-remove-what = { $sku } from the catalog
admin-catalog-added = The catalog “{ $name }” was added. Add its products below.
admin-catalog-renamed = The catalog is now called “{ $name }”.
admin-catalog-now-active = “{ $name }” is active: it can be enabled for customers, and its products show in their portal.
admin-catalog-now-inactive = “{ $name }” is deactivated: its products no longer show to customers through it, and it cannot be enabled for more customers.
admin-catalog-taken-out = { $product } was taken out of the catalog.
admin-catalog-not-in = That product was not in the catalog (any more).
admin-catalog-added-skus = { $count ->
        [0] Nothing was added.
        [one] Added { $skus }.
       *[other] Added { $count } products: { $skus }.
    }
admin-catalog-added-skus-already = { $count ->
        [0] Nothing was added.
        [one] Added { $skus }.
       *[other] Added { $count } products: { $skus }.
    } Already in the catalog: { $already }.

admin-col-offered = Offered
admin-col-field = Field
admin-col-you-sent = You sent
admin-col-saved-now = Saved now
admin-field-description = Description
admin-deactivated-lower = deactivated
admin-products-title = Products
admin-products-lead = What customers can see in the portal: public products through their catalogs, customer-specific products only by the customers they are for.
admin-products-import-csv = Import from CSV
admin-products-new = New product
admin-products-find-label = Find products by SKU or name
admin-products-find-placeholder = SKU or part of the name
admin-products-match = { $count ->
        [one] { $n } product match “{ $search }”
       *[other] { $n } products match “{ $search }”
    }
admin-product-public = Public
admin-product-specific = Customer-specific
admin-product-reach-public = { $count ->
        [one] Public · { $count } catalog
       *[other] Public · { $count } catalogs
    }
admin-product-reach-specific = { $count ->
        [one] Customer-specific · { $count } customer
       *[other] Customer-specific · { $count } customers
    }
admin-product-edit-title = Edit { $sku }
admin-product-new-title = New product
admin-product-stale-heading = What you sent, and what is saved now
admin-product-stale-same = What you sent is what is saved now: nothing to do.
admin-product-stale-caption = Fields where your version differs from the saved one
admin-product-stale-problem = Your changes were not saved: someone else changed this product (or an import did) after you opened it. The form now shows the product as it is saved; what you had sent is listed below. Make your change again and save.
admin-product-not-saved = { $count ->
        [one] The product was not saved. Please correct the field marked below.
       *[other] The product was not saved. Please correct the { $count } fields marked below.
    }
admin-product-legend = Product
admin-product-active-hint = Untick to stop showing it to customers without deleting it.
admin-product-offered-to = Offered to
admin-product-public-label = Public: through catalogs
admin-product-public-hint = Customers see it when one of its catalogs is enabled for them.
admin-product-in-catalogs = In: { $catalogs }.
admin-product-specific-label = Customer-specific: only to the customers it is made for
admin-product-specific-hint = Never in a catalog. Add it to a customer on the customer's Catalogs and products tab.
admin-product-for = For:
admin-product-list-prices = List prices
admin-product-prices-hint = The price before any customer's discount, in the price list's currency, such as { $example }. Leave empty for no price: customers on that price list see “price on request”.
admin-product-stock = Stock
admin-product-stock-hint = Quantity on hand at each store. Leave empty for none recorded. Customers see it only at the stores chosen for them.
admin-product-add = Add product
admin-product-cancel-back = and go back to products
admin-product-sku-hint = Up to { $max } letters, digits, and . _ / -, no spaces. Unique whatever the case: abc-1 and ABC-1 are the same SKU.
admin-product-name-hint = Up to { $max } characters.
admin-product-description-hint = Optional; up to { $max } characters. Customers see it in the portal.
admin-product-unit-hint = What one is: each, box of 12, metre… Up to { $max } characters.
admin-product-created = The product { $product } was added.
admin-product-saved = The product { $product } was saved.
admin-products-import-title = Import products
admin-products-import-lead = Load products, their list prices and their stock from CSV files.
admin-products-import-hint = products.csv, product_prices.csv and product_stock.csv: one, two or all three, up to { $max } together. The name of each file says what it holds.
admin-products-import-text = UTF-8 text (with or without a byte-order mark, as Excel’s “CSV UTF-8” saves it), lines ending in LF or CR LF, and exactly this header line first:
admin-products-import-products = active is true or false; an empty unit is each. catalogs holds catalog names separated by | for a public product; customers holds account numbers separated by | for a customer-specific product (one of the two stays empty). Both replace what the product had.
admin-products-import-prices = The price list by name, the price like 12.50 in its currency; an empty price removes the price.
admin-products-import-stock = A whole number; an empty quantity removes the stock record.
admin-products-import-all-or-nothing = An upload is all or nothing: the files are imported in the order products, prices, stock, and the first bad line (named with its file, line number and reason) stops everything. Products are matched by SKU whatever the case, so importing the same files again changes nothing.
admin-products-import-failed = { $file }, line { $line }: { $reason }. Nothing from this upload was imported.
admin-products-imported = Imported. { $files }.
admin-products-imported-file = { $file }: { $rows } rows, { $inserted } added, { $updated } changed, { $unchanged } unchanged

admin-col-started = Started
admin-col-by = By
admin-col-files = Files
admin-col-outcome = Outcome
admin-col-file = File
admin-col-result = Result
admin-col-rows = Rows
admin-col-inserted = Inserted
admin-col-updated = Updated
admin-col-unchanged = Unchanged
admin-import-title = Import
admin-import-lead = Load customers, their addresses and their orders from CSV files, as { $command } does.
admin-import-hint = customers.csv, addresses.csv and orders.csv: one, two or all three, up to { $max } together. The name of each file says what it holds.
admin-import-help-text-before = UTF-8 text (with or without a byte-order mark, as Excel’s “CSV UTF-8” saves it), lines ending in LF or CR LF, a header line with the columns of
admin-import-help-format = the import format
admin-import-help-text-after = (every column, and how its values map to Clientele).
admin-import-help-order = The files are imported in the order customers, addresses, orders, each all or nothing: the first bad line stops its file and is named with its reason. Files imported before it stay imported.
admin-import-help-match = Customers are matched by account number and orders by order number, so importing the same files again changes nothing. The addresses of a customer in addresses.csv replace that customer's addresses.
admin-import-help-background = The import runs in the background: its page shows how far it has got, and you may leave it and come back.
admin-import-recent = Recent imports
admin-import-none-yet = Nothing has been imported here yet.
admin-import-recent-caption = Recent imports, newest first
admin-import-page-title = Import { $time }
admin-import-of = Import of
admin-import-started-by = Started by { $by }: { $files }.
admin-import-took = Took { $duration }.
admin-import-seconds = { $s } s
admin-import-minutes = { $min } min { $s } s
admin-import-files-imported = Files imported:
admin-import-n-of-m = { $done } of { $total }
admin-import-reloads = This page reloads every few seconds until the import has finished.
admin-import-stopped = The import stopped.
admin-import-progress = Progress
admin-import-nothing-yet = Nothing yet.
admin-import-back = Back to the import page
admin-import-former-colleague = a former colleague
admin-import-interrupted = interrupted by a restart
admin-import-failed = The import failed.
admin-import-status-running = Running
admin-import-status-succeeded = Succeeded
admin-import-status-failed = Failed
admin-import-file-imported = Imported
admin-import-file-importing = Importing…
admin-import-file-waiting = Waiting
admin-import-file-failed = Failed: nothing of it was imported
admin-import-file-interrupted = Interrupted: nothing of it was imported
admin-import-file-not-imported = Not imported
admin-import-summary-running = { $total ->
        [one] { $done } of { $total } file imported so far.
       *[other] { $done } of { $total } files imported so far.
    }
admin-import-summary-succeeded = { $total ->
        [one] { $total } file imported: { $inserted } rows inserted, { $updated } updated, { $unchanged } unchanged.
       *[other] { $total } files imported: { $inserted } rows inserted, { $updated } updated, { $unchanged } unchanged.
    }
admin-import-summary-failed = { $total ->
        [one] { $done } of { $total } file imported. { $error }
       *[other] { $done } of { $total } files imported. { $error }
    }
admin-import-already-running = Another import is still running (it is at the top of the list below). Start this one when it has finished.
admin-import-too-large-advice = Upload them one at a time: customers.csv first, then addresses.csv, then orders.csv.
admin-upload-too-large = The files come to more than { $max }, the most one upload may hold.
admin-upload-unknown = { $count ->
        [one] { $files } is not a file of { $format ->
            [products] the product import
           *[other] the import format
        }: the files must be named { $first } or { $last }, which says what each holds.
       *[other] { $files } are not files of { $format ->
            [products] the product import
           *[other] the import format
        }: the files must be named { $first } or { $last }, which says what each holds.
    }
admin-upload-duplicate = { $file } was chosen more than once; choose each file once.
admin-upload-choose = Choose the files to import: { $first } or { $last }, or several of them.

admin-col-email = Email
admin-col-roles = Roles
admin-col-salesperson = Salesperson
admin-role-staff = Staff
admin-role-digital_admin = Digital administrator
admin-role-admin = Administrator
admin-staff-title = Staff accounts
admin-staff-lead = Who can sign in to Clientele, and what each person may do.
admin-staff-deactivate = Deactivate
admin-staff-reactivate = Reactivate
admin-staff-you = You
admin-staff-new-accounts = On the server, { $command } (add, list, roles, set-password) manages accounts when nobody can sign in.
admin-staff-not-yourself = You cannot deactivate your own account.
admin-staff-reactivated = { $name } can sign in again.
admin-staff-deactivated = { $name } has been deactivated and signed out everywhere.

admin-status-invited = Invited
admin-staff-invite-heading = Invite a colleague
admin-staff-invite-lead = They receive an email with a link, good once and for { $hours } hours, where they choose their own password. Until then the account cannot sign in.
admin-staff-not-invited = No invitation was sent: please correct the marked fields.
admin-staff-invite = Send the invitation
admin-staff-field-salesperson = Salesperson (customers can choose them)
admin-staff-field-limited = Limited to own customers
admin-staff-role-unknown = Choose among the roles offered.
admin-staff-admin-not-limited = An administrator sees every customer: untick “Limited to own customers” or the administrator role.
admin-staff-name-missing = Enter the colleague's name.
admin-staff-name-too-long = At most { $max } characters.
admin-staff-email-taken = A staff account with this email address exists already.
admin-staff-invited = The invitation has gone to { $email }.
admin-staff-access-heading = Roles and permissions
admin-staff-access-lead = Changes apply from the next page they open; they stay signed in.
admin-staff-access-not-saved = Nothing was changed: please correct the marked fields.
admin-staff-access-save = Save roles
admin-staff-access-saved = The roles of { $name } are saved.
admin-staff-account-heading = Sign-in
admin-staff-send-reset = Send a password-reset link
admin-staff-invite-again = Send the invitation again
admin-staff-reset-sent = A password-reset link has gone to { $email }.
admin-staff-invitation-sent = A new invitation has gone to { $email }; the earlier link no longer works.
admin-staff-changes = Changes to this account
admin-staff-changes-none = No changes recorded yet.
admin-staff-col-when = When
admin-staff-col-what = What
admin-staff-by-command-line = Command line on the server
admin-staff-by-nobody = Unknown

admin-maintenance-title = Maintenance
admin-maintenance-invite-heading = Invite every user without a password
admin-maintenance-invite-text = Sends each customer user who has not chosen a password yet ({ $n } now) a new invitation; their earlier links stop working. Revoked users are left alone. Nobody's password is set or sent.
admin-maintenance-invite-button = { $count ->
        [one] Invite { $n } user
       *[other] Invite { $n } users
    }
admin-maintenance-invited = { $count ->
        [0] Every customer user already has a password: nobody was invited.
        [one] 1 customer user without a password has been sent a new invitation.
       *[other] { $count } customer users without a password have been sent a new invitation.
    }
admin-maintenance-chase-heading = Send reminders and statements now
admin-maintenance-chase-text = Due now: { $reminders ->
        [one] 1 reminder of an overdue invoice
       *[other] { $reminders } reminders of overdue invoices
    } and { $statements ->
        [one] 1 statement of last month
       *[other] { $statements } statements of last month
    }. Each instance sends them by itself every few minutes (CHASE_EVERY_SECONDS); each goes once, however often it is asked.
admin-maintenance-chase-button = Send them now
admin-maintenance-chased = Sent { $reminders ->
        [one] 1 reminder
       *[other] { $reminders } reminders
    } and { $statements ->
        [one] 1 statement
       *[other] { $statements } statements
    } to the outbox.

admin-col-written = Written
admin-col-to = To
admin-col-subject = Subject
admin-col-attempts = Attempts
admin-col-last-error = Last error
admin-outbox-title = Email outbox
admin-outbox-lead = Every message the portal has written, newest first. Messages that could not be sent are retried with a growing wait; those that gave up can be retried here.
admin-outbox-local-mode = Local mode:
admin-outbox-local-mode-text = no mail server is set (SMTP_URL), so messages are kept here and not sent. Open one to read it.
admin-outbox-by-status = Messages by status
admin-outbox-filter-all = All
admin-outbox-filter-waiting = Waiting
admin-outbox-filter-failed = Failed
admin-outbox-filter-sent = Sent
admin-outbox-none = No messages here.
admin-outbox-none-on-page = No messages here on this page.
admin-outbox-caption = { $filter } messages, newest first
admin-outbox-pages = Pages of messages
admin-outbox-newer = Newer messages
admin-outbox-older = Older messages
admin-outbox-page = Page { $page }
admin-outbox-to = to { $recipient }
admin-outbox-sent = Sent
admin-outbox-next-attempt = Next attempt
admin-outbox-customer = Customer
admin-outbox-open-customer = Open the customer
admin-outbox-retry = Retry sending
admin-outbox-links = Links in this message
admin-outbox-plain-text = Message (plain text part)
admin-outbox-message-title = Message: { $subject }
admin-outbox-retried = The message is back in the queue and will be sent shortly.
admin-outbox-not-failed = This message is not failed any more: it was retried already or has been sent.

admin-merge-title = Merge customers
admin-merge-lead = The duplicate's addresses, contacts, notes and history move to the customer that stays. The duplicate is kept, inactive, pointing to it.
admin-merge-survivor-label = Customer that stays (account number or id)
admin-merge-duplicate-label = Duplicate to merge into it (account number or id)
admin-merge-compare = Compare
admin-merge-stale-title = One of the two customers was changed after you compared them.
admin-merge-stale-text = Nothing was merged. The comparison below is current; check your choices and merge again.
admin-merge-changed-to = to “{ $value }”
admin-merge-on-watch-list = { $customer } is on the watch list
admin-merge-watch-set-by = Set by { $by } on { $date }
admin-merge-caption = Choose, field by field, which value the merged customer keeps. Fields that are the same are kept as they are. Tags are combined.
admin-merge-stays = Stays:
admin-merge-duplicate = Duplicate:
admin-merge-stays-label = Stays
admin-merge-duplicate-label-short = Duplicate
admin-merge-empty = empty
admin-merge-use-duplicates = (use the duplicate's { $field })
admin-merge-same = same
admin-merge-tick-hint = Tick a duplicate's value to keep it instead of the one shown under “Stays”.
admin-merge-button = Merge { $duplicate } into { $survivor }
admin-merge-done = Merged. { $customer } now holds { $addresses } addresses, { $contacts } contacts, { $notes } notes and { $history } history entries from the duplicate; { $dependents } linked customers were repointed.
admin-merge-incomplete = The merge form is incomplete. Start again.

admin-col-customer = Customer
admin-col-requested-services = Requested services
admin-col-age = Age
admin-age-days = { $count ->
        [one] { $count } day
       *[other] { $count } days
    }
admin-age-hours = { $count ->
        [one] { $count } hour
       *[other] { $count } hours
    }
admin-age-minutes = { $count ->
        [one] { $count } minute
       *[other] { $count } minutes
    }
admin-approvals-title = Approvals
admin-approvals-lead = Requests for services and integrations, oldest first.
admin-approvals-read-only = You can read the queue; digital administrators decide.
admin-approvals-queue = Approval queue
admin-approvals-none = No requests here.
admin-approvals-caption = { $tab }, oldest first
admin-approvals-tab-open = Open requests
admin-approvals-tab-inactive = Inactive
admin-approvals-tab-enabled = Enabled
admin-approvals-tab-blocked = Blocked
admin-approval-page-title = Request { $id }
admin-approval-heading = Request { $id } · { $customer }
admin-approval-asked-on = asked
admin-approval-ago = ({ $age } ago)
admin-approval-the-request = The request
admin-approval-services = Services
admin-approval-recorded-by = Recorded by
admin-approval-by-staff = { $name } (staff, on the customer's behalf)
admin-approval-by-customer-user = A customer user
admin-approval-message = Message
admin-approval-ship-to-now = Ship-to address now
admin-approval-ship-to-new = (a new ship-to address)
admin-approval-ship-to-proposed = Proposed
admin-approval-decided-by = Decided by
admin-approval-reason = Reason
admin-approval-trading-as = (trading as { $name })
admin-approval-account = Account
admin-approval-relationship = Relationship
admin-approval-phone = Phone
admin-approval-none-enabled = None enabled
admin-approval-decide = Decide
admin-approval-catalogs-legend = Catalogs to enable for ordering
admin-approval-approve = Approve
admin-approval-reason-label = Reason for rejecting
admin-approval-reason-hint = The customer will be told this reason.
admin-approval-reject = Reject
admin-approval-ask-label = Ask the customer for more information
admin-approval-ask-hint = The request then waits on the customer's answer.
admin-approval-ask = Ask for more information
admin-approval-read-only = Only digital administrators decide requests; you can read this one.
admin-approval-customer-requests = The customer's requests ({ $count })
admin-approval-write-reason = Write the reason for rejecting first.
admin-approval-write-question = Write the question for the customer first.
admin-approval-approved = The request has been approved.
admin-approval-rejected = The request has been rejected.
admin-approval-asked = The customer has been asked for more information.
admin-approval-choose-catalog = Choose at least one catalog: approving ordering enables them.
approval-integration-needs-account-number = This customer has no account number yet: an integration sends it as the customer's identifier. Set the account number on the customer first, then approve.
admin-approval-choose-service = Choose at least one service.
admin-approval-choose-salesperson = Choose the salesperson who looks after the request.
admin-approval-choose-service-customer = Choose at least one of the services you can ask for.
admin-approval-choose-salesperson-customer = Choose the salesperson who looks after you.

## Reference data. `$kind` is the kind's path: stores, price-lists, sales-channels,
## customer-groups, payment-terms, tags.
admin-ref-title = { $kind ->
        [stores] Stores
        [price-lists] Price lists
        [sales-channels] Sales channels
        [customer-groups] Customer groups
        [payment-terms] Payment terms
       *[tags] Tags
    }
admin-ref-lead = { $kind ->
        [stores] Where customers are served from: default store, pickup store and inventory location.
        [price-lists] Each sales channel sells at the prices of one price list.
        [sales-channels] How a customer buys; the channel decides which price list the customer gets.
        [customer-groups] Groups for finding and reporting on customers of a kind.
        [payment-terms] How long customers have to pay an invoice.
       *[tags] Labels staff can put on customers to find them again.
    }
admin-ref-new = { $kind ->
        [stores] New store
        [price-lists] New price list
        [sales-channels] New sales channel
        [customer-groups] New customer group
        [payment-terms] New payment term
       *[tags] New tag
    }
admin-ref-edit = { $kind ->
        [stores] Edit store
        [price-lists] Edit price list
        [sales-channels] Edit sales channel
        [customer-groups] Edit customer group
        [payment-terms] Edit payment term
       *[tags] Edit tag
    }
admin-ref-add = { $kind ->
        [stores] Add store
        [price-lists] Add price list
        [sales-channels] Add sales channel
        [customer-groups] Add customer group
        [payment-terms] Add payment term
       *[tags] Add tag
    }
admin-ref-empty = { $kind ->
        [stores] There are no stores yet.
        [price-lists] There are no price lists yet.
        [sales-channels] There are no sales channels yet.
        [customer-groups] There are no customer groups yet.
        [payment-terms] There are no payment terms yet.
       *[tags] There are no tags yet.
    }
admin-ref-cancel-back = { $kind ->
        [stores] and go back to stores
        [price-lists] and go back to price lists
        [sales-channels] and go back to sales channels
        [customer-groups] and go back to customer groups
        [payment-terms] and go back to payment terms
       *[tags] and go back to tags
    }
admin-ref-delete-heading = { $kind ->
        [stores] Delete this store
        [price-lists] Delete this price list
        [sales-channels] Delete this sales channel
        [customer-groups] Delete this customer group
        [payment-terms] Delete this payment term
       *[tags] Delete this tag
    }
admin-ref-delete-button = { $kind ->
        [stores] Delete store
        [price-lists] Delete price list
        [sales-channels] Delete sales channel
        [customer-groups] Delete customer group
        [payment-terms] Delete payment term
       *[tags] Delete tag
    }
admin-ref-added = { $kind ->
        [stores] The store “{ $name }” was added.
        [price-lists] The price list “{ $name }” was added.
        [sales-channels] The sales channel “{ $name }” was added.
        [customer-groups] The customer group “{ $name }” was added.
        [payment-terms] The payment term “{ $name }” was added.
       *[tags] The tag “{ $name }” was added.
    }
admin-ref-saved = { $kind ->
        [stores] The store “{ $name }” was saved.
        [price-lists] The price list “{ $name }” was saved.
        [sales-channels] The sales channel “{ $name }” was saved.
        [customer-groups] The customer group “{ $name }” was saved.
        [payment-terms] The payment term “{ $name }” was saved.
       *[tags] The tag “{ $name }” was saved.
    }
admin-ref-deleted = { $kind ->
        [stores] The store “{ $name }” was deleted.
        [price-lists] The price list “{ $name }” was deleted.
        [sales-channels] The sales channel “{ $name }” was deleted.
        [customer-groups] The customer group “{ $name }” was deleted.
        [payment-terms] The payment term “{ $name }” was deleted.
       *[tags] The tag “{ $name }” was deleted.
    }
admin-ref-not-saved = { $kind ->
        [stores] The store was not saved.
        [price-lists] The price list was not saved.
        [sales-channels] The sales channel was not saved.
        [customer-groups] The customer group was not saved.
        [payment-terms] The payment term was not saved.
       *[tags] The tag was not saved.
    } { $count ->
        [one] Please correct the field marked below.
       *[other] Please correct the { $count } fields marked below.
    }
admin-ref-unused = { $kind ->
        [stores] Nothing uses this store, so it can be deleted.
        [price-lists] Nothing uses this price list, so it can be deleted.
        [sales-channels] Nothing uses this sales channel, so it can be deleted.
        [customer-groups] Nothing uses this customer group, so it can be deleted.
        [payment-terms] Nothing uses this payment term, so it can be deleted.
       *[tags] Nothing uses this tag, so it can be deleted.
    }
admin-ref-in-use = { $channels ->
        [0] { $customers ->
            [one] 1 customer uses
           *[other] { $customers } customers use
        }
        [one] { $customers ->
            [0] 1 sales channel uses
            [one] 1 sales channel (and through it 1 customer) uses
           *[other] 1 sales channel (and through it { $customers } customers) uses
        }
       *[other] { $customers ->
            [0] { $channels } sales channels use
            [one] { $channels } sales channels (and through them 1 customer) use
           *[other] { $channels } sales channels (and through them { $customers } customers) use
        }
    } { $kind ->
        [stores] this store, so it cannot be deleted. Untick Active to stop offering it instead.
        [price-lists] this price list, so it cannot be deleted.
        [sales-channels] this sales channel, so it cannot be deleted.
        [customer-groups] this customer group, so it cannot be deleted.
        [payment-terms] this payment term, so it cannot be deleted.
       *[tags] this tag, so it cannot be deleted.
    }
admin-ref-not-deleted = { $kind ->
        [stores] The store
        [price-lists] The price list
        [sales-channels] The sales channel
        [customer-groups] The customer group
        [payment-terms] The payment term
       *[tags] The tag
    } “{ $name }” was not deleted: { $channels ->
        [0] { $customers ->
            [one] 1 customer uses
           *[other] { $customers } customers use
        }
        [one] { $customers ->
            [0] 1 sales channel uses
            [one] 1 sales channel (and through it 1 customer) uses
           *[other] 1 sales channel (and through it { $customers } customers) uses
        }
       *[other] { $customers ->
            [0] { $channels } sales channels use
            [one] { $channels } sales channels (and through them 1 customer) use
           *[other] { $channels } sales channels (and through them { $customers } customers) use
        }
    } it.{ $kind ->
        [stores] {" "}Untick Active to stop offering it instead.
       *[other] {""}
    }
admin-ref-edit-button = Edit
admin-ref-choose = Choose…
admin-ref-col-code = Code
admin-ref-col-currency = Currency
admin-ref-col-sales-channels = Sales channels
admin-ref-col-price-list = Price list
admin-ref-col-days = Days to pay
admin-ref-name-hint = Up to { $max } characters.
admin-ref-code-hint = Up to { $max } letters, digits, - and _; lower case becomes upper case.
admin-ref-store-active-hint = Untick to stop offering this store without deleting it.
admin-ref-currency-hint = The three-letter ISO 4217 code, such as EUR, GBP or USD.
admin-ref-channel-price-list-hint = Customers who buy through this channel get these prices.
admin-ref-days-hint = From 0 to 365. Leave empty for full payment before despatch (prepaid).
admin-ref-prepaid = Prepaid: full payment before despatch
admin-ref-days = { $count ->
        [one] { $count } day
       *[other] { $count } days
    }
admin-ref-enter-name = Enter a name.
admin-ref-name-one-line = Use a name on one line, without tabs or other control characters.
admin-ref-name-too-long = Use at most { $max } characters; this name has { $length }.
admin-ref-name-taken = There is already a { $kind ->
        [stores] store
        [price-lists] price list
        [sales-channels] sales channel
        [customer-groups] customer group
        [payment-terms] payment term
       *[tags] tag
    } called “{ $name }”. Names must differ by more than upper and lower case.
admin-ref-enter-code = Enter a code, such as NORTH.
admin-ref-code-characters = Use only letters A to Z, digits, - and _, starting with a letter or digit.
admin-ref-code-too-long = Use at most { $max } characters; this code has { $length }.
admin-ref-code-taken = The code { $code } is already used by { $owner }.
admin-ref-code-in-use = The code { $code } is already in use.
admin-ref-enter-currency = Enter a currency, such as EUR.
admin-ref-currency-code = Enter the three-letter ISO 4217 code of the currency, such as EUR or USD.
admin-ref-choose-price-list = Choose the price list of this channel.
admin-ref-price-list-gone = That price list does not exist (any more). Choose one from the list.
admin-ref-days-invalid = Enter a whole number of days from 0 to { $max }, or leave it empty for full payment before despatch.
admin-catalog-name-taken = There is already a catalog called “{ $name }”. Names must differ by more than upper and lower case.
admin-catalog-specific-product = { $sku } is a customer-specific product: it is offered only to its customers, never through a catalog. Nothing was added.
admin-catalog-enter-skus = Enter one SKU or several, separated by spaces or commas.
admin-catalog-too-many-skus = Enter at most { $max } SKUs at a time; these are { $count }.
admin-catalog-unknown-skus = No product has the SKU { $skus }. Check the spelling; nothing was added.
admin-catalog-unknown-skus-more = No product has the SKU { $skus } and { $more } more. Check the spelling; nothing was added.
admin-product-price-of = Price, { $list }
admin-product-stock-at = Stock, { $store }
admin-product-enter-sku = Enter the SKU, such as VLV-100.
admin-product-enter-unit = Enter the unit it is sold in, such as each or box of 12.
admin-product-price-negative = A price cannot be negative.
admin-product-quantity-invalid = Enter a whole number from 0 to 999,999,999, or leave it empty for no stock recorded.
admin-product-sku-taken = The SKU { $sku } is already used by “{ $name }”. SKUs must differ by more than upper and lower case.
admin-product-sku-taken-other = The SKU { $sku } is already used by another product. SKUs must differ by more than upper and lower case.
admin-product-in-catalogs-first = { $count ->
        [one] This product is in the catalog { $names }. Remove it from it first: a customer-specific product is never offered through a catalog.
       *[other] This product is in the catalogs { $more ->
            [0] { $names }
           *[other] { $names } and { $more } more
        }. Remove it from them first: a customer-specific product is never offered through a catalog.
    }
admin-product-made-for-first = This product is made for { $more ->
        [0] { $names }
       *[other] { $names } and { $more } more
    }. { $count ->
        [one] Remove it from that customer's Catalogs and products tab first.
       *[other] Remove it from each customer's Catalogs and products tab first.
    }
admin-import-line-copied = { $file }: copied { $rows } rows ({ $seconds } s)
admin-import-line-validated = { $file }: validated { $rows } rows ({ $seconds } s)
admin-import-line-loaded-orders = { $file }: loaded { $rows } new orders ({ $seconds } s)
admin-import-line-upserted = { $file }: upserted { $rows } rows: { $inserted } inserted, { $updated } updated ({ $seconds } s)
admin-catalog-stale = Someone else changed this catalog (it is now called “{ $name }” and is { $active ->
        [yes] active
       *[no] deactivated
    }) after you opened it, on { $time }. Your change was not saved: open the catalog again and make it there.
admin-catalog-stranded = “{ $name }” is the only active catalog of { $count ->
        [one] { $count } customer with ordering active: { $more ->
            [0] { $customers }
           *[other] { $customers } and { $more } more
        }. Enable another catalog for it or switch their ordering off first; the catalog stays active.
       *[other] { $count } customers with ordering active: { $more ->
            [0] { $customers }
           *[other] { $customers } and { $more } more
        }. Enable another catalog for them or switch their ordering off first; the catalog stays active.
    }
admin-approval-someone = Someone
admin-approval-already-decided = { $who } { $status ->
        [approved] approved this request
        [rejected] rejected this request
        [waiting_on_customer] asked the customer for more information
       *[open] changed this request
    }, after you opened it. Your decision was not recorded; open the request again to see where it stands.
admin-approval-already-decided-on = { $who } { $status ->
        [approved] approved this request
        [rejected] rejected this request
        [waiting_on_customer] asked the customer for more information
       *[open] changed this request
    } on { $time }, after you opened it. Your decision was not recorded; open the request again to see where it stands.
admin-approval-catalog-gone = Approving ordering needs at least one catalog that is still offered.

## API clients
admin-api-clients-title = API clients
admin-api-clients-lead = The systems that use the API (/api/v1): the vendor's ERP, an EDI gateway, a web shop. Each has its own token and only the scopes it is given.
admin-api-clients-empty = No API client has been made yet.
admin-api-clients-new = New API client
admin-api-clients-not-made = The API client was not made. Please correct the fields marked below.
admin-api-clients-make = Make the client and its token
admin-api-name-hint = Which system uses it, for example "ERP (production)".
admin-api-col-scopes = Scopes
admin-api-col-token = Token
admin-api-col-made = Made
admin-api-col-last-used = Last used
admin-api-never-used = Never
admin-api-revoked = Revoked
admin-api-revoke = Revoke
admin-api-client-made = API client { $name } made. Copy its token now; it is not shown again: { $token }
admin-api-client-revoked = API client { $name } revoked: its token no longer works.
api-client-name-missing = Enter a name.
api-client-name-too-long = At most { $max } characters.
api-client-name-taken = Another client in use is named { $name }.
api-client-scopes-missing = Tick at least one scope.
api-payment-terms-unknown = There are no payment terms named { $name }.
api-integration-not-active = The { $integration } integration is not active for this customer.
api-scope-customers-read = read customers
api-scope-customers-write = change customers
api-scope-orders-read = read orders
api-scope-orders-write = acknowledge, ship and place orders
api-scope-invoices-write = post invoices and payments
api-scope-prices-write = replace customer price files
api-scope-stock-write = set stock

admin-nav-webhooks = Webhooks
admin-webhooks-title = Webhooks
admin-webhooks-lead = Addresses of other systems (the ERP, a CRM, a chat bot) that are told at once when something happens: a customer made or changed, a request decided, an order placed, an invoice posted. Each delivery is signed with the endpoint's secret, retried until it is taken, and listed on the endpoint's page.
admin-webhooks-empty = No webhook endpoint has been added yet.
admin-webhooks-new = New endpoint
admin-webhooks-not-made = The endpoint was not added. Please correct the fields marked below.
admin-webhooks-make = Add the endpoint and make its secret
admin-webhooks-verify-heading = Checking a delivery
admin-webhooks-verify = Each delivery is a POST of JSON with the headers webhook-id (the event's id, the same on every attempt: drop one you have had), webhook-timestamp (seconds since 1970: refuse one more than 5 minutes off) and webhook-signature. Compute the signature over the raw body, exactly as received, and compare:
admin-webhook-url = URL
admin-webhook-url-hint = Where the events are posted, https:// in production. In production, addresses on this machine or on a private network are refused.
admin-webhook-description = Description
admin-webhook-description-hint = Optional: what this endpoint is for.
admin-webhook-events = Events
admin-webhook-active = Active (deliveries are sent)
admin-webhook-paused = Paused
admin-webhook-made = Endpoint { $url } added. Copy its signing secret now; it is not shown again: { $secret }
admin-webhook-saved = Endpoint { $url } saved.
admin-webhook-not-saved = The endpoint was not saved. Please correct the fields marked below.
admin-webhook-save = Save the endpoint
admin-webhook-delete = Delete the endpoint and its deliveries
admin-webhook-deleted = Endpoint { $url } deleted, with its deliveries.
admin-webhook-settings = Endpoint
admin-webhook-deliveries = Deliveries
admin-webhook-deliveries-lead = The latest { $count } deliveries are listed, newest first.
admin-webhook-deliveries-none = Nothing has been sent to this endpoint yet.
admin-webhook-col-event = Event
admin-webhook-col-code = Response
admin-webhook-col-attempts = Attempts
admin-webhook-col-when = Happened
admin-webhook-attempts = Each attempt
admin-webhook-no-answer = no answer
admin-webhook-next = next attempt { $time }
admin-webhook-redeliver = Send again
admin-webhook-redelivery = The delivery will be sent again in a moment, with its event id unchanged.
admin-webhook-redelivery-busy = That delivery is being sent right now (or is gone); nothing was changed.
admin-webhook-status-pending = Waiting
admin-webhook-status-sending = Sending
admin-webhook-status-delivered = Delivered
admin-webhook-status-failed = Failed
admin-webhook-url-missing = Enter the URL events are posted to.
admin-webhook-url-invalid = Enter an http:// or https:// address with a host name, such as https://erp.example.com/hooks.
admin-webhook-url-unresolved = The host { $host } cannot be found.
admin-webhook-url-internal = { $host } is on this machine or a private network; webhooks go only to public addresses.
admin-webhook-description-too-long = At most 200 characters.
admin-webhook-events-missing = Tick at least one event.
admin-webhook-event-customer-created = a customer is added
admin-webhook-event-customer-updated = a customer's details change
admin-webhook-event-relationship-changed = a customer is blocked, unblocked, deactivated or reactivated
admin-webhook-event-service-changed = a customer's service (ordering, an integration, …) changes status
admin-webhook-event-request-created = a customer asks for services
admin-webhook-event-request-decided = a request is approved, rejected or sent back
admin-webhook-event-order-placed = an order is placed
admin-webhook-event-order-cancelled = an order is cancelled
admin-webhook-event-order-shipped = an order is dispatched
admin-webhook-event-invoice-posted = an invoice is posted
admin-webhook-event-payment-recorded = a payment is recorded
admin-webhooks-count = { $count ->
    [0] No endpoints.
    [one] One endpoint.
   *[other] { $count } endpoints.
  }
