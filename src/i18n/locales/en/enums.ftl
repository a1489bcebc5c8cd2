## The labels of the fixed vocabularies (src/domain: text_enum!).

CustomerKind-customer = Customer
CustomerKind-organization = Organization

CustomerType-business = Business
CustomerType-individual = Individual

OverLimitPolicy-block = Block the order
OverLimitPolicy-warn = Warn, then allow
OverLimitPolicy-allow = Allow

SalesTaxType-taxable = Taxable
SalesTaxType-government = Government
SalesTaxType-wholesale = Wholesale
SalesTaxType-other = Other

ReviewFlag-red = Red
ReviewFlag-orange = Orange
ReviewFlag-yellow = Yellow
ReviewFlag-green = Green
ReviewFlag-blue = Blue
ReviewFlag-purple = Purple
ReviewFlag-CHK = CHK (needs checking)

RelationshipStatus-pending = Pending request
    .inline = a pending request
RelationshipStatus-active = Active
    .inline = active
RelationshipStatus-rejected = Rejected
    .inline = rejected
RelationshipStatus-blocked = Blocked
    .inline = blocked
RelationshipStatus-inactive = Inactive
    .inline = inactive

AddressKind-billing = Billing
AddressKind-shipping = Shipping (ship-to)
AddressKind-admin = Admin

ContactEvent-order_confirmation = Order confirmation
ContactEvent-invoice_posted = Invoice posted
ContactEvent-invoice_due = Invoice due
ContactEvent-shipment_notification = Shipment notification
ContactEvent-statements = Statements
ContactEvent-suggested_order = Suggested order
ContactEvent-sell_to_order_confirmation = Sell-to order confirmation
ContactEvent-sell_to_invoice_posted = Sell-to invoice posted

OrderStatus-awaiting_payment = Awaiting payment
OrderStatus-credit_hold = Credit hold
OrderStatus-unallocated = Unallocated
OrderStatus-allocated = Allocated
OrderStatus-dispatched = Dispatched
OrderStatus-cancelled = Cancelled

PaymentMethod-invoice = Send invoice
PaymentMethod-cod = Cash on delivery
PaymentMethod-prepay = Pay before despatch

OrderChannel-web = Web
OrderChannel-edi = EDI
OrderChannel-ebay = eBay
OrderChannel-amazon = Amazon

Service-ordering = Ordering
Service-orders = Orders
Service-order_acknowledgements = Order acknowledgements
Service-ship_notices = Ship notices
Service-invoices = Invoices
Service-price_files = Price files

ServiceStatus-not_requested = Not requested
    .inline = not requested
ServiceStatus-requested = Requested
    .inline = requested
ServiceStatus-active = Active
    .inline = active
ServiceStatus-inactive = Inactive
    .inline = inactive

RequestStatus-open = Open
RequestStatus-approved = Approved
RequestStatus-rejected = Rejected
RequestStatus-waiting_on_customer = Waiting on the customer
RequestKind-services = Services
RequestKind-ship_to = Ship-to address change

OutboxStatus-pending = Waiting
OutboxStatus-sending = Sending
OutboxStatus-sent = Sent
OutboxStatus-failed = Failed

UserStatus-pending = Invited
UserStatus-active = Active
UserStatus-revoked = Revoked
CustomerRole-admin = Customer admin
CustomerRole-buyer = Buyer
CustomerRole-accounts = Accounts
CustomerRole-viewer = Viewer

TokenPurpose-invitation = Invitation
TokenPurpose-password_reset = Password reset
TokenPurpose-view_as = View as customer

StaffChangeAction-added = Account added
StaffChangeAction-invited = Invitation sent
StaffChangeAction-roles_changed = Roles changed
StaffChangeAction-deactivated = Deactivated
StaffChangeAction-reactivated = Reactivated
StaffChangeAction-reset_sent = Password-reset link sent
StaffChangeAction-password_set = Password set
