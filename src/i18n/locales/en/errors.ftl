## Error pages, and the refusals of the approvals workflow's state machines.

error-heading-400 = That request did not make sense
error-heading-401 = Please sign in
error-heading-403 = Not allowed
error-heading-404 = Page not found
error-heading-405 = Not allowed here
error-heading-409 = Changed meanwhile
error-heading-413 = Too large
error-heading-422 = Please check what you entered
error-heading-429 = Too many attempts
error-heading-500 = Something went wrong
error-heading-503 = Temporarily unavailable
error-heading-other = That did not work

error-message-400 = The request could not be understood. Go back and try again.
error-message-403 = You do not have access to this.
error-message-404 = There is nothing at this address. It may have been moved or deleted.
error-message-405 = This address does not accept that kind of request.
error-message-413 = What you sent is larger than this page accepts.
error-message-500 = Something went wrong on our side. It has been logged; please try again.
error-message-503 = The portal cannot reach its database just now. Please try again in a moment.
error-message-other = The request could not be completed.
error-unstorable-characters = What you sent contains characters that cannot be stored.

relationship-cannot-become = The relationship is { $from }; it cannot become { $to }.
service-cannot-become = { $service } is { $from }; it cannot become { $to }.
service-needs-active-relationship = { $service } cannot be active while the relationship is { $relationship }.
service-nothing-to-restore = { $service } was not switched off by a block, so there is nothing to restore.
service-restore-needs-active-relationship = { $service } cannot be restored while the relationship is { $relationship }.

## The messages of the parsed field types (src/domain).
field-code-invalid = Use at most { $max } letters, digits and . _ / - only, starting with a letter or digit.
field-sku-invalid = Use at most { $max } letters, digits, and . _ / -, starting with a letter or digit (no spaces).
field-email-invalid = Enter an email address in the form name@example.com.
field-phone-invalid = Enter a phone number using digits, spaces and + - ( ) . only, e.g. +44 161 241 8744.
field-postcode-invalid = Enter a postcode of at most { $max } letters, digits, spaces and hyphens, such as EH24 9AA.
field-country-invalid = Enter the country as two letters (ISO 3166 code), such as DE or GB.
field-text-invalid = Use at most { $max } characters, on one line.
field-note-invalid = Use at most { $max } characters, without control characters.
field-check-value = Please check this value.
