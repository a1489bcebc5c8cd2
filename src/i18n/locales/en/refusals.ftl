## Refusals: pages a person may not open, forms that cannot be taken, and what a form says
## beside its fields when it is refused.

# The role guards. $role is the role's code: staff, digital_admin or admin.
refusal-role-page = This page is for { $role ->
        [admin] administrators
        [digital_admin] digital administrators
       *[staff] staffs
    }. Ask an administrator if you need it.
refusal-roles-admin = administrators
refusal-roles-digital_admin = digital administrators
refusal-roles-staff = staffs
refusal-any-role-one = This is for { $first }. Ask an administrator if you need it.
refusal-any-role-two = This is for { $first } and { $second }. Ask an administrator if you need it.
refusal-any-role-three = This is for { $first } and { $second } and { $third }. Ask an administrator if you need it.
refusal-view-as-role = Viewing the portal as a customer is for administrators and digital administrators.
refusal-portal-read-only = This is a read-only view of the portal: nothing can be changed from it.

# Forms that cannot be taken.
refusal-foreign-origin = This form was sent from another site, so it was refused.
refusal-csrf-token = This form has expired or did not come from this portal. Go back, reload the page and try again.
refusal-form-unreadable = The form could not be read. Go back, reload the page and try again.
refusal-upload-unreadable = The upload could not be read. Go back, choose the files again and send them.
refusal-form-still-running = This form is still being handled from when it was first sent. Wait a moment, then reload the page to see the result.
refusal-form-expired = This form has expired. Go back, reload the page and send it again.

# Passwords.
refusal-password-too-short = Use at least { $min } characters; a short sentence works well.
refusal-password-too-long = Use at most { $max } characters.
refusal-password-mismatch = This does not match the new password.
refusal-password-wrong = This is not your current password.

# Portal users.
refusal-user-email-taken = Someone with this email address already has a portal account.
refusal-user-has-password = { $name } already has a password. If it is forgotten, they can reset it from the portal's sign-in page.
refusal-user-already-revoked = { $name } is already revoked.
refusal-user-revoked-view-as = { $name } is revoked: there is no portal to view as them.
refusal-user-revoked-role = { $name }'s access has been revoked: there is no role to change.
refusal-user-last-admin = { $name } is the last active customer admin: make someone else an admin first.
refusal-portal-role = Your role does not include this page. Ask a customer admin of your company if you need it.
refusal-ship-to-proposal-invalid = The proposed address cannot be saved as it stands (the address's rules refuse it): reject it with a reason.
refusal-ship-to-address-gone = The address this proposal changes has been deleted meanwhile: reject it with a reason.

# A customer's catalogs and stores.
refusal-catalog-deactivated = The catalog “{ $name }” is deactivated, so it cannot be enabled for a customer. An administrator can activate it again under Administration → Catalogs.
refusal-catalog-last = “{ $name }” is the last catalog of { $customer } and ordering is active: ordering needs at least one catalog. Switch ordering off first (deactivating or blocking the relationship on the Services and requests tab does), or enable another catalog, then disable this one. Nothing was changed.
refusal-store-gone = A store on the form no longer exists. Reload the page and try again.

# Requests. $status is the relationship's inline label ("blocked").
refusal-request-relationship = The relationship with { $customer } is { $status }: it takes no requests until it is active again.
refusal-request-not-waiting = This request is not waiting for an answer any more.
# Who recorded a request, as its email names them.
refusal-requested-by-staff = { $name } (staff, on the customer's behalf)
refusal-requested-by-user = { $name } (customer user)

# A product's price as typed.
refusal-price-invalid = Enter an amount such as 1500 or 1,250.00. Leave it empty for no price (“price on request”).
refusal-price-decimals = Use at most two decimals. Leave it empty for no price (“price on request”).

# Switching off a service. $service is its label, $status its inline status ("requested").
refusal-service-not-active = { $service } is { $status }, not active: there is nothing to switch off.

refusal-staff-last-admin = { $name } is the last active administrator: give another account the administrator role first.
refusal-staff-deactivated-link = { $name } is deactivated: reactivate the account before sending it a link.
