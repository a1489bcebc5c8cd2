## Orders: placing them (the rules of the customer's terms), the cart, the checkout.

## Why a customer may not order at all.
order-refused-merged = { $customer } was merged into another customer: order for that one instead.
order-refused-relationship = { $customer } cannot order: its business relationship is not active.
order-refused-service = Ordering is not switched on for { $customer }. Ask for it under Requests.
order-refused-inactive = { $customer } is marked inactive and cannot order.

## A choice at the checkout that is not allowed, beside its field.
order-delivery-missing = Choose where the order goes.
order-delivery-not-allowed = Choose one of the delivery options offered.
order-payment-missing = Choose how to pay.
order-payment-not-allowed = This payment method is not available for this customer.
order-reference-required = Enter your order reference (PO number): this customer's orders need one.
order-below-minimum = The minimum order value is { $minimum }.
order-credit-blocked = This order exceeds the available credit ({ $available }). Choose another way to pay, or contact us.
order-credit-held = The order exceeds the available credit ({ $available }): it is on credit hold until we release it.
order-overdue-held = { $overdue } of the account is overdue for longer than our terms allow: the order is on credit hold until it is paid or we release it.

## The lines of an order.
order-lines-empty = Add at least one product to order.
order-lines-too-many = One order takes at most { $max } lines.
order-quantity-invalid = Order whole quantities from 1 to { $max }.
order-product-not-orderable = A product in the order cannot be ordered for this customer (any more): remove it.
order-product-on-request = { $sku } has its price on request: ask us for a quote instead.

## The cart.
cart-product-not-orderable = This product cannot be ordered for this customer.
cart-quick-unknown-sku = There is no product { $sku } that you can order.
cart-quick-shape = Write a SKU and a quantity, such as VLV-100, 3.
cart-quick-too-many = One paste takes at most { $max } lines; the rest were not read.

## The portal's cart and checkout.
portal-cart-title = Cart
portal-cart-lead = Ordering for { $customer }.
portal-cart-for = Order for
portal-cart-switch = Show this cart
portal-cart-left-out = No longer available to order, so not part of the order: { $skus }.
portal-cart-empty = The cart is empty.
portal-cart-browse = Browse the products
portal-cart-caption = The products in the cart, with your price and the line totals
portal-cart-quantity = Quantity
portal-cart-quantity-of = Quantity of { $sku }
portal-cart-line-total = Line total
portal-cart-total = Total
portal-cart-update = Update
portal-cart-remove = Remove { $sku }
portal-cart-checkout = Go to checkout
portal-cart-added = Added to the cart.
portal-cart-updated = Quantity changed.
portal-cart-removed = Removed from the cart.
portal-cart-quick-heading = Quick order
portal-cart-quick-label = Products to add
portal-cart-quick-hint = One product per line: its SKU and the quantity, such as VLV-100, 3.
portal-cart-quick-add = Add to cart
portal-cart-quick-added = { $count ->
    [one] One line added to the cart.
   *[other] { $count } lines added to the cart.
}
portal-cart-quick-bad = { $count ->
    [one] One line could not be added; it is kept in the box below. The other lines are in the cart.
   *[other] { $count } lines could not be added; they are kept in the box below. The other lines are in the cart.
}
portal-cart-quick-line = Line { $number } ({ $text }):
portal-add-to-cart = Add to cart
portal-add-quantity = Quantity
portal-checkout-title = Checkout
portal-checkout-empty = The cart is empty: add products first.
portal-checkout-summary = Your order
portal-checkout-line = { $quantity } × { $name }
portal-checkout-change-cart = Change the cart
portal-checkout-delivery = Delivery
portal-checkout-ship-to = Ship to { $address }
portal-checkout-pickup = Pick up at { $store }
portal-checkout-no-delivery = There is no shipping address to send to and no store to pick up from: ask us to add one.
portal-checkout-payment = Payment
portal-checkout-invoice = Send invoice, net { $days } days
portal-checkout-cod = Cash on delivery or at pickup
portal-checkout-credit = Available credit: { $available } of { $limit }.
portal-checkout-reference = Your reference (PO number)
portal-checkout-reference-required = Your reference (PO number, required)
portal-checkout-reference-hint = Printed on the order confirmation and the invoice.
portal-checkout-requested = Requested delivery date
portal-checkout-requested-hint = Optional.
portal-checkout-note = Note to us
portal-checkout-place = Place the order
portal-checkout-placed = Thank you: order { $number } is placed.
portal-checkout-date-invalid = Choose a date from today on.
portal-nav-cart = Cart
portal-order-lines-caption = The order's lines
portal-col-quantity = Quantity
portal-col-unit-price = Unit price
portal-order-reference = Your reference
portal-order-payment = Payment
portal-order-delivery = Delivery
portal-order-hold = On hold
order-hold-credit-limit = Over the credit limit: waiting for our release.
portal-order-again = Order again
portal-order-again-added = { $count ->
    [one] The order's line is in the cart, at today's price.
   *[other] The order's { $count } lines are in the cart, at today's prices.
}
portal-order-again-none = Nothing of this order can be ordered any more.
portal-order-again-some = { $count ->
    [one] One line is in the cart, at today's price.
   *[other] { $count } lines are in the cart, at today's prices.
} These can no longer be ordered and were left out: { $skus }.

## The order desk: the dispatch queue, an order's page, its actions and timeline, and orders on
## a customer's behalf.
orders-queue-title = Dispatch queue
orders-queue-lead = Orders waiting for the desk: priority orders first, then the oldest.
orders-queue-tabs = Order statuses
orders-queue-filters = Filter the queue
orders-queue-store = Fulfilling store
orders-queue-any-store = Any store
orders-queue-channel = Channel
orders-queue-any-channel = Any channel
orders-queue-customer = Customer account number
orders-queue-apply = Filter
orders-queue-unknown-customer = No customer has the account number { $number }.
orders-queue-empty = No orders here.
orders-queue-col-store = Store
orders-queue-pages = Queue pages
orders-queue-previous = Previous
orders-queue-next = Next
orders-queue-count-more = more than { $count }
order-hold-credit-limit-desk = Held: over the credit limit.
order-erp-waiting = Waiting for the customer's account number before it goes to the ERP.
order-erp-released = In the orders feed of the ERP.
orders-erp = ERP
orders-expected-on = Expected to leave
orders-hold-notice = On credit hold: the order is over the customer's credit limit. An administrator releases it once the credit covers it, or on purpose.
orders-placed-by = by { $name }
orders-over-limit = over the credit limit
orders-customer-reference = Customer reference
orders-net-days = net { $days } days
orders-paid-on = paid on { $date }
orders-not-paid-yet = not paid yet
orders-fulfilling-store = Fulfilling store
orders-pickup-at = Pickup at { $store }
orders-cancel-reason = Reason for cancelling
orders-customer-note = Customer's note
orders-back-to-queue = Back to the queue
orders-actions = Actions
orders-payment-reference = Payment reference
orders-payment-reference-hint = Optional: the bank transfer's or the receipt's reference.
orders-record-payment = Record payment
orders-payment-admins = Administrators record payments.
orders-release-over-limit = Release even though it is over the credit limit
orders-release-hold = Release hold
orders-release-admins = Administrators release credit holds.
orders-allocate = Allocate
orders-carrier = Carrier
orders-tracking = Tracking number
orders-add-shipment = Add shipment
orders-invoice-now = Invoice now
orders-invoice-now-hint = Otherwise the order is invoiced when it is dispatched.
orders-unprioritise = Remove priority
orders-prioritise = Prioritise
orders-cancel-reason-label = Reason for cancelling
orders-cancel-reason-hint = The customer is told this reason.
orders-cancel = Cancel order
orders-timeline = Timeline
orders-timeline-empty = Nothing has happened to this order yet.
orders-timeline-by = { $name }, { $time }
orders-note-label = Note
orders-add-note = Add note
orders-correct-fields = Please correct the fields marked below.
orders-new-title = New order
orders-new-lead = Ordered on the customer's behalf, under its terms, signed with your name.
orders-new-lines = Lines
orders-new-lines-hint = One line per product: SKU and quantity, such as "VLV-100, 3".
orders-new-place = Place the order
orders-new-placed = Order { $number } is placed.
orders-new-bad-lines = Some lines name nothing this customer can order: see below.
customers-orders-held = { $count ->
    [one] One order is on credit hold.
   *[other] { $count } orders are on credit hold.
}
order-desk-payment-not-awaited = This order is not waiting for a payment.
order-desk-not-held = This order is not on credit hold.
order-desk-release-over-limit = The customer's credit still does not cover this order: { $available } is available. Raise the limit, wait for a payment, or release it over the limit on purpose.
order-desk-not-ready = Only an order that is ready can take this step.
order-desk-closed = This order is dispatched or cancelled: it takes no more steps.
order-desk-not-invoiceable = Only an order on invoice that is not yet invoiced, held or cancelled can be invoiced.
order-desk-tracking-taken = Order { $number } already has this tracking number.
order-desk-field-required = Fill in this field.
order-desk-reason-required = Give a reason: the customer is told it.
order-desk-note-required = Write the note.
order-desk-done-payment = The payment is recorded: the order is ready.
order-desk-done-released = The hold is released: the order is ready.
order-desk-done-allocated = The order is allocated.
order-desk-done-prioritised = The order is prioritised.
order-desk-done-unprioritised = The order is no longer prioritised.
order-desk-done-shipped = The shipment is recorded: the order is dispatched.
order-desk-done-cancelled = The order is cancelled.
order-desk-done-note = The note is added.
order-desk-done-invoiced = The order is invoiced.
order-event-placed = Placed
order-event-held = Held
order-event-held-credit-limit = over the credit limit
order-event-held-overdue = overdue invoices
order-event-payment = Payment recorded
order-event-released = Hold released
order-event-released-over-limit = over the credit limit, on purpose
order-event-allocated = Allocated
order-event-prioritised = Prioritised
order-event-unprioritised = Priority removed
order-event-shipped = Shipped
order-event-cancelled = Cancelled
order-event-invoiced = Invoiced
order-event-note = Note
