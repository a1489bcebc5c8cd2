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
