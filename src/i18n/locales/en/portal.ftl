## The customer portal's pages, and both account pages (staff and portal).

## Account pages: password, language and time zone.
account-password-title = Change your password
account-password-heading = Change your password
account-password-signs-out = Changing it signs you out everywhere else.
account-password-hint-staff = At least 12 characters.
account-password-changed = Your password has been changed. Other sessions were signed out.
account-preferences-heading = Language and time zone
account-language = Language
account-language-automatic = Automatic (your browser)
account-language-invalid = Choose one of the languages offered.
account-time-zone = Time zone
account-time-zone-company = The company's ({ $zone })
account-time-zone-invalid = “{ $zone }” is not a time zone. Choose one from the list, such as Europe/Berlin.
account-preferences-save = Save language and time zone
account-preferences-saved = Your language and time zone have been saved.
account-role-staff = Staff
account-role-digital-admin = Digital administrator
account-role-admin = Administrator

portal-account-title = Your account
portal-account-details = Your details
portal-account-number = account { $number }
portal-account-contact-salesperson = To change your name or email address, please contact your salesperson.
portal-account-password-heading = Change your password
portal-account-password-read-only = This is a read-only view: the password cannot be changed from it.
portal-account-password-signs-out = Changing it signs you out everywhere else.
portal-account-password-hint = At least 12 characters; a short sentence works well.
portal-account-password-changed = Your password has been changed. Your other sessions were signed out.
portal-account-preferences-heading = Language and time zone
portal-account-preferences-read-only = This is a read-only view: the language and time zone cannot be changed from it.
portal-account-preferences-saved = Your language and time zone have been saved.

## Shared words of the portal's pages.
portal-field-name = Name
portal-field-email = Email
portal-field-customer = Customer
portal-field-new-password = New password
portal-field-type-again = Type it again
portal-correct-fields = Please correct the marked fields.
portal-choose = Choose…
portal-search = Search
portal-previous = Previous
portal-next = Next
portal-page = Page { $page }
portal-col-customer = Customer
portal-col-status = Status
portal-col-service = Service
portal-col-order = Order
portal-col-placed = Placed
portal-col-total = Total
portal-col-invoice = Invoice
portal-col-tracking = Tracking
portal-col-sku = SKU
portal-col-product = Product
portal-col-for = For
portal-col-unit = Unit
portal-col-list-price = List price
portal-col-your-price = Your price
portal-col-in-stock = In stock
portal-col-location = Location
portal-col-asked = Asked
portal-col-address = Address
portal-col-phone = Phone
portal-col-default = Default
portal-user-status-expired = Invitation expired
portal-price-on-request = Price on request

## Sign-in, links and passwords.
portal-sign-in-withdrawn = Your company's access to the portal has been withdrawn. Please contact your salesperson.
portal-back-to-sign-in = Back to sign-in
portal-link-dead-title = This link no longer works
portal-link-dead-why = It has been used already, it has run out, or a newer one has been sent. Links in our emails work once and for a limited time.
portal-link-dead-new = For a new invitation, ask your contact at our company. If you already have a password, you can reset it or sign in.
portal-link-dead-reset = Reset your password
portal-set-password-invitation = Choose your password
portal-set-password-reset = Choose a new password
portal-set-password-lead-for = For { $name } ({ $email }). At least { $min } characters; a short sentence works well.
portal-set-password-lead = At least { $min } characters; a short sentence works well.
portal-set-password-mismatch = This does not match the password above.
portal-set-password-save = Save password and sign in
portal-set-password-done = Your password is set and you are signed in.
portal-forgot-title = Forgotten password
portal-forgot-sent = If { $email } belongs to a portal account, we have sent it a link to choose a new password. It works once and for an hour.
portal-forgot-lead = We will email you a link to choose a new password.
portal-forgot-send = Send the link
portal-forgot-email-missing = Enter your email address.
portal-forgot-email-invalid = That is not an email address.

## Home.
portal-home-title = Home
portal-home-welcome = Welcome, { $name }
portal-home-relationship = relationship:
portal-home-services = Your services
portal-home-services-caption = Services and their status
portal-home-catalogs = Catalogs you can order from: { $catalogs }
portal-home-need-answer = { $count ->
        [one] { $count } request needs your answer.
       *[other] { $count } requests need your answer.
    }
portal-home-open = { $count ->
        [one] { $count } request is waiting for our decision.
       *[other] { $count } requests are waiting for our decision.
    }
portal-home-salesperson = Your salesperson
portal-home-no-salesperson = No salesperson is assigned yet.
portal-home-customers = Customers you see

## Products.
portal-products-title = Products
portal-products-lead = What you can order, at your prices. Stock is shown for the locations you can buy from.
portal-products-search-label = Search products
portal-products-search-field = Product name or SKU
portal-products-count = { $count ->
        [one] { $count } product.
       *[other] { $count } products.
    }
portal-products-count-matching = { $count ->
        [one] { $count } product matching “{ $q }”.
       *[other] { $count } products matching “{ $q }”.
    }
portal-products-no-ordering = Ordering is not active for you, so there are no products to show.
portal-products-ask-for-it = Ask for it
portal-products-none = No products are available to you yet.
portal-products-no-match = Nothing matches your search.
portal-products-caption = Products with your prices
portal-products-made-for-you = Made for you
portal-products-pages = Pages of products
portal-products-all = All products
portal-product-made-for = made for { $customer }
portal-product-prices-for = prices for { $customer }
portal-product-price = Price
portal-product-stock = Stock
portal-product-no-stock = No stock locations are shown to you. Ask your salesperson.
portal-product-stock-caption = Stock by location

## Orders.
portal-orders-title = Orders
portal-orders-lead = Your orders, newest first.
portal-orders-lead-several = Orders of { $count } customers you see, newest first.
portal-orders-filter = Filter orders
portal-orders-any-status = Any status
portal-orders-show = Show
portal-orders-none = No orders.
portal-orders-none-page = No orders on this page.
portal-orders-none-status = No orders with this status.
portal-orders-none-status-page = No orders with this status on this page.
portal-orders-caption = Orders, newest first
portal-orders-pages = Pages of orders
portal-orders-newer = Newer orders
portal-orders-older = Older orders
portal-order-title = Order { $number }
portal-order-channel = Channel
portal-order-invoice-number = Invoice number
portal-order-tracking-number = Tracking number
portal-order-all = All orders

## Ship-to locations.
portal-ship-to-title = Ship-to locations
portal-ship-to-lead = Where we deliver your orders. To change one, please contact your salesperson.
portal-ship-to-lead-several = Where we deliver for the customers you see. To change one, please contact your salesperson.
portal-ship-to-download = Download ship-to locations (CSV)
portal-ship-to-none = No ship-to locations yet.
portal-ship-to-default = Default shipping
portal-users-title = Users
portal-users-lead = The people of your company who can sign in here, and what each may do. Each chooses their own password through an emailed link.
portal-users-you = (you)
portal-ship-to-propose-title = Propose a ship-to address
portal-ship-to-propose-change = A change to { $address }.
portal-ship-to-propose-new = A new ship-to address.
portal-ship-to-propose-lead = We check it first: it applies once approved, and your requests list shows the outcome.
portal-ship-to-propose-send = Send the proposal
portal-ship-to-propose-add = Propose a new address
portal-ship-to-propose-link = Propose a change
portal-ship-to-proposed = Thank you: your proposal waits for our approval. This list shows when it is decided.
portal-contacts-title = Contacts
portal-contacts-lead = The people at your company we write to, and what each of them is notified of.
portal-contacts-none = No contacts yet.
portal-contact-title = Contact: { $name }
portal-contact-edit = Edit
portal-contact-save = Save the contact
portal-contact-saved = { $name } has been saved.
portal-contact-stale = Someone changed this contact meanwhile: this is how it is now. Make your change again.
portal-contact-add = Add a contact
portal-contact-new-title = New contact
portal-contact-create = Add the contact
portal-contact-delete-title = Delete the contact { $name }?
portal-contact-delete-explain = { $name } will no longer be one of your contacts, and we will no longer notify them of anything.
portal-contact-delete-primary = { $name } is your primary contact: the contact added first among the others becomes the primary one.
portal-contact-delete-last = { $name } is your only contact: until you add another one, we have nobody at your company to write to.
portal-contact-delete-button = Delete { $name }
portal-contact-delete-keep = Keep the contact

## Requests.
portal-requests-title = Your requests
portal-requests-lead = What you have asked us for, newest first.
portal-requests-none = You have not asked for anything yet.
portal-requests-caption = Your requests, newest first
portal-requests-all = All your requests
portal-request-new-title = New request
portal-request-new-heading = Ask for services or integrations
portal-request-new-lead = Choose what you would like; we will look at your request and let you know by email.
portal-request-services = Services
portal-request-ordering-hint = (order online from our catalogs)
portal-request-nothing-to-ask = Every service is already active or waiting for our decision.
portal-request-already = Already active or asked for:
portal-request-service-status = { $service } ({ $status })
portal-request-message = Message (optional)
portal-request-message-hint = Anything we should know: your EDI standard, who to contact…
portal-request-send = Send the request
portal-request-sent = Thank you: your request has been sent. We will let you know by email when it has been decided.
portal-request-title = Request: { $services }
portal-request-waiting-on-you = Waiting for your answer
portal-request-asked = asked
portal-request-for = for { $customer }
portal-request-details = Details
portal-request-your-message = Your message
portal-request-why-not = Why it was not approved
portal-request-our-question = Our question
portal-request-your-answer = Your answer
portal-request-decided = Decided
portal-request-answer = Answer
portal-request-send-answer = Send the answer
portal-answer-missing = Write your answer.
portal-answer-invalid = Use at most { $max } characters, without control characters.
portal-answer-sent = Thank you: your answer has been sent and the request is back with us.
portal-contract-price = Contract price
portal-product-tiers = Your contract prices
portal-product-tier = { $quantity ->
    [1] { $price }
   *[other] From { $quantity }: { $price }
  }
portal-product-tier-until = until { $date }
