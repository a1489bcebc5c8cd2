## The page shell, navigation, sign-in and error pages of both audiences.

shell-skip = Skip to content
shell-your-account = (your account)
shell-sign-out = Sign out
shell-language = Language

nav-main = Main
nav-dashboard = Dashboard
nav-customers = Customers
nav-orders = Orders
nav-approvals = Approvals
nav-watch-list = Watch list
nav-administration = Administration

admin-nav-staff = Staff accounts
admin-nav-stores = Stores
admin-nav-price-lists = Price lists
admin-nav-sales-channels = Sales channels
admin-nav-customer-groups = Customer groups
admin-nav-payment-terms = Payment terms
admin-nav-tags = Tags
admin-nav-catalogs = Catalogs
admin-nav-products = Products
admin-nav-import = Import
admin-nav-outbox = Email outbox
admin-nav-api-clients = API clients
admin-nav-maintenance = Maintenance

portal-name = Customer portal
portal-nav = Portal
portal-nav-home = Home
portal-nav-products = Products
portal-nav-orders = Orders
portal-nav-invoices = Invoices
portal-nav-statement = Statement
portal-nav-ship-to = Ship-to locations
portal-nav-requests = Requests
portal-nav-contacts = Contacts
portal-nav-users = Users
portal-view-as-title = Read-only view as { $user } ({ $customer }).
portal-view-as-body = { $staff }, you see the portal as this customer user does; nothing can be changed from here. This view is recorded in the customer's history.
portal-view-as-end = End this view
portal-access-withdrawn = Your company's access to the portal has been withdrawn, so you have been signed out. Please contact your salesperson.

field-email = Email
field-password = Password
field-current-password = Current password
field-new-password = New password
field-confirm-password = New password again

auth-sign-in = Sign in
auth-sign-in-staff = Sign in to Clientele
auth-sign-in-portal = Sign in to the customer portal
auth-forgot-link = Forgotten your password?
auth-forgot-sent = If { $email } belongs to a staff account, we have sent it a link to choose a new password. It works once and for an hour.
auth-link-dead-new = For a new invitation, ask an administrator. If you already have a password, you can reset it or sign in.
auth-change-password = Change password
auth-signed-out = You have signed out.
auth-session-ended = Your session has ended. Please sign in again.
auth-refused = The email address or password is not right. Check them and try again.
auth-throttled = Too many failed sign-in attempts. For your security, sign-in is paused: try again in { $minutes ->
        [one] { $minutes } minute
       *[other] { $minutes } minutes
    }.
auth-email-missing = Enter your email address.
auth-email-too-long = That is longer than any email address can be.
auth-email-invalid = That is not an email address.
auth-password-missing = Enter your password.
auth-password-too-long = That is longer than any password here can be.

error-code = Error { $status }
error-home-staff = Go to the dashboard
error-home-portal = Go to the portal's home

import-files = CSV files to import
import-upload = Upload and import
import-what-the-files-hold = What the files hold
