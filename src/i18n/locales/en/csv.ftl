## The column names of the CSV downloads (src/routes/respond/csv.rs `Sheet::header`).
## English keeps the names tools read; other languages name the columns in their words.

csv-customers-account_number = account_number
csv-customers-legal_name = legal_name
csv-customers-trading_name = trading_name
csv-customers-kind = kind
csv-customers-type = type
csv-customers-group = group
csv-customers-relationship_status = relationship_status
csv-customers-integration = integration
csv-customers-active = active
csv-customers-email = email
csv-customers-phone = phone
csv-customers-orders = orders
csv-customers-order_value = order_value
csv-customers-order_currency = order_currency
csv-customers-balance = balance
csv-customers-flag = flag
csv-customers-watch_list = watch_list

csv-ship-to-id = id
csv-ship-to-label = label
csv-ship-to-line1 = line1
csv-ship-to-line2 = line2
csv-ship-to-city = city
csv-ship-to-region = region
csv-ship-to-postcode = postcode
csv-ship-to-country = country
csv-ship-to-phone = phone
csv-ship-to-default_shipping = default_shipping

csv-portal-ship-to-id = id
csv-portal-ship-to-customer_account_number = customer_account_number
csv-portal-ship-to-customer_name = customer_name
csv-portal-ship-to-label = label
csv-portal-ship-to-line1 = line1
csv-portal-ship-to-line2 = line2
csv-portal-ship-to-postcode = postcode
csv-portal-ship-to-city = city
csv-portal-ship-to-region = region
csv-portal-ship-to-country = country
csv-portal-ship-to-phone = phone
csv-portal-ship-to-default_shipping = default_shipping
