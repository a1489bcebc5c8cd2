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
