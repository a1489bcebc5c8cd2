## Die Spaltennamen der CSV-Downloads (src/routes/respond/csv.rs `Sheet::header`).

csv-customers-account_number = Kundennummer
csv-customers-legal_name = Firmenname
csv-customers-trading_name = Handelsname
csv-customers-kind = Art
csv-customers-type = Typ
csv-customers-group = Gruppierung
csv-customers-relationship_status = Geschäftsbeziehung
csv-customers-integration = Integration
csv-customers-active = Aktiv
csv-customers-email = E-Mail
csv-customers-phone = Telefon
csv-customers-orders = Bestellungen
csv-customers-order_value = Bestellwert
csv-customers-order_currency = Währung
csv-customers-balance = Saldo
csv-customers-flag = Prüfmarkierung
csv-customers-watch_list = Beobachtungsliste

csv-ship-to-id = ID
csv-ship-to-label = Bezeichnung
csv-ship-to-line1 = Adresszeile 1
csv-ship-to-line2 = Adresszeile 2
csv-ship-to-city = Ort
csv-ship-to-region = Region
csv-ship-to-postcode = Postleitzahl
csv-ship-to-country = Land
csv-ship-to-phone = Telefon
csv-ship-to-default_shipping = Standard-Lieferadresse

csv-portal-ship-to-id = ID
csv-portal-ship-to-customer_account_number = Kundennummer
csv-portal-ship-to-customer_name = Kunde
csv-portal-ship-to-label = Bezeichnung
csv-portal-ship-to-line1 = Adresszeile 1
csv-portal-ship-to-line2 = Adresszeile 2
csv-portal-ship-to-postcode = Postleitzahl
csv-portal-ship-to-city = Ort
csv-portal-ship-to-region = Region
csv-portal-ship-to-country = Land
csv-portal-ship-to-phone = Telefon
csv-portal-ship-to-default_shipping = Standard-Lieferadresse
