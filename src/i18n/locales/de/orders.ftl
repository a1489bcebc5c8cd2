## Bestellungen: Bestellen nach den Konditionen des Kunden, der Warenkorb, die Kasse.

## Warum ein Kunde gar nicht bestellen darf.
order-refused-merged = { $customer } wurde mit einem anderen Kunden zusammengeführt: Bitte für diesen bestellen.
order-refused-relationship = { $customer } kann nicht bestellen: Die Geschäftsbeziehung ist nicht aktiv.
order-refused-service = Bestellen ist für { $customer } nicht freigeschaltet. Bitte unter „Anfragen“ beantragen.
order-refused-inactive = { $customer } ist als inaktiv markiert und kann nicht bestellen.

## Eine nicht erlaubte Wahl an der Kasse, neben ihrem Feld.
order-delivery-missing = Bitte wählen Sie, wohin die Bestellung geht.
order-delivery-not-allowed = Bitte wählen Sie eine der angebotenen Lieferoptionen.
order-payment-missing = Bitte wählen Sie eine Zahlungsart.
order-payment-not-allowed = Diese Zahlungsart steht für diesen Kunden nicht zur Verfügung.
order-reference-required = Bitte geben Sie Ihre Bestellreferenz (Bestellnummer) an: Für diesen Kunden ist sie Pflicht.
order-below-minimum = Der Mindestbestellwert beträgt { $minimum }.
order-credit-blocked = Die Bestellung übersteigt den verfügbaren Kreditrahmen ({ $available }). Bitte wählen Sie eine andere Zahlungsart oder sprechen Sie uns an.
order-credit-held = Die Bestellung übersteigt den verfügbaren Kreditrahmen ({ $available }): Sie bleibt gesperrt, bis wir sie freigeben.
order-overdue-held = { $overdue } auf dem Konto sind länger überfällig, als unsere Bedingungen erlauben: Die Bestellung bleibt gesperrt, bis bezahlt ist oder wir sie freigeben.

## Die Positionen einer Bestellung.
order-lines-empty = Bitte mindestens ein Produkt hinzufügen.
order-lines-too-many = Eine Bestellung hat höchstens { $max } Positionen.
order-quantity-invalid = Bitte ganze Mengen von 1 bis { $max } bestellen.
order-product-not-orderable = Ein Produkt der Bestellung ist für diesen Kunden (nicht mehr) bestellbar: Bitte entfernen.
order-product-on-request = { $sku } hat einen Preis auf Anfrage: Bitte fragen Sie ein Angebot an.

## Der Warenkorb.
cart-product-not-orderable = Dieses Produkt ist für diesen Kunden nicht bestellbar.
cart-quick-unknown-sku = Es gibt kein Produkt { $sku }, das Sie bestellen können.
cart-quick-shape = Bitte eine Artikelnummer und eine Menge angeben, etwa VLV-100, 3.
cart-quick-too-many = Eine Eingabe nimmt höchstens { $max } Zeilen; der Rest wurde nicht gelesen.

## Warenkorb und Kasse im Portal.
portal-cart-title = Warenkorb
portal-cart-lead = Bestellung für { $customer }.
portal-cart-for = Bestellen für
portal-cart-switch = Diesen Warenkorb zeigen
portal-cart-left-out = Nicht mehr bestellbar und daher nicht Teil der Bestellung: { $skus }.
portal-cart-empty = Der Warenkorb ist leer.
portal-cart-browse = Zu den Produkten
portal-cart-caption = Die Produkte im Warenkorb mit Ihrem Preis und den Positionssummen
portal-cart-quantity = Menge
portal-cart-quantity-of = Menge von { $sku }
portal-cart-line-total = Positionssumme
portal-cart-total = Summe
portal-cart-update = Ändern
portal-cart-remove = { $sku } entfernen
portal-cart-checkout = Zur Kasse
portal-cart-added = In den Warenkorb gelegt.
portal-cart-updated = Menge geändert.
portal-cart-removed = Aus dem Warenkorb entfernt.
portal-cart-quick-heading = Schnellbestellung
portal-cart-quick-label = Hinzuzufügende Produkte
portal-cart-quick-hint = Ein Produkt pro Zeile: Artikelnummer und Menge, etwa VLV-100, 3.
portal-cart-quick-add = In den Warenkorb
portal-cart-quick-added = { $count ->
    [one] Eine Zeile in den Warenkorb gelegt.
   *[other] { $count } Zeilen in den Warenkorb gelegt.
}
portal-cart-quick-bad = { $count ->
    [one] Eine Zeile konnte nicht hinzugefügt werden; sie steht unten im Feld. Die übrigen Zeilen liegen im Warenkorb.
   *[other] { $count } Zeilen konnten nicht hinzugefügt werden; sie stehen unten im Feld. Die übrigen Zeilen liegen im Warenkorb.
}
portal-cart-quick-line = Zeile { $number } ({ $text }):
portal-add-to-cart = In den Warenkorb
portal-add-quantity = Menge
portal-checkout-title = Kasse
portal-checkout-empty = Der Warenkorb ist leer: Bitte zuerst Produkte hinzufügen.
portal-checkout-summary = Ihre Bestellung
portal-checkout-line = { $quantity } × { $name }
portal-checkout-change-cart = Warenkorb ändern
portal-checkout-delivery = Lieferung
portal-checkout-ship-to = Lieferung an { $address }
portal-checkout-pickup = Abholung in { $store }
portal-checkout-no-delivery = Es gibt keine Lieferadresse und keine Abholfiliale: Bitte lassen Sie uns eine anlegen.
portal-checkout-payment = Zahlung
portal-checkout-invoice = Rechnung, zahlbar in { $days } Tagen
portal-checkout-cod = Nachnahme oder Barzahlung bei Abholung
portal-checkout-credit = Verfügbarer Kreditrahmen: { $available } von { $limit }.
portal-checkout-reference = Ihre Bestellreferenz (Bestellnummer)
portal-checkout-reference-required = Ihre Bestellreferenz (Bestellnummer, Pflichtfeld)
portal-checkout-reference-hint = Steht auf der Auftragsbestätigung und der Rechnung.
portal-checkout-requested = Gewünschter Liefertermin
portal-checkout-requested-hint = Optional.
portal-checkout-note = Nachricht an uns
portal-checkout-place = Zahlungspflichtig bestellen
portal-checkout-placed = Vielen Dank: Die Bestellung { $number } ist aufgegeben.
portal-checkout-date-invalid = Bitte ein Datum ab heute wählen.
portal-nav-cart = Warenkorb
portal-order-lines-caption = Die Positionen der Bestellung
portal-col-quantity = Menge
portal-col-unit-price = Einzelpreis
portal-order-reference = Ihre Referenz
portal-order-payment = Zahlung
portal-order-delivery = Lieferung
portal-order-hold = Gesperrt
order-hold-credit-limit = Über dem Kreditrahmen: wartet auf unsere Freigabe.
portal-order-again = Erneut bestellen
portal-order-again-added = { $count ->
    [one] Die Position der Bestellung liegt im Warenkorb, zum heutigen Preis.
   *[other] Die { $count } Positionen der Bestellung liegen im Warenkorb, zu heutigen Preisen.
}
portal-order-again-none = Nichts aus dieser Bestellung ist noch bestellbar.
portal-order-again-some = { $count ->
    [one] Eine Position liegt im Warenkorb, zum heutigen Preis.
   *[other] { $count } Positionen liegen im Warenkorb, zu heutigen Preisen.
} Nicht mehr bestellbar und ausgelassen: { $skus }.

## Der Versand: die Versandwarteschlange, die Seite einer Bestellung, ihre Aktionen und ihr
## Verlauf, und Bestellungen im Namen eines Kunden.
orders-queue-title = Versandwarteschlange
orders-queue-lead = Bestellungen, die auf den Versand warten: Prioritätsbestellungen zuerst, dann die ältesten.
orders-queue-tabs = Bestellstatus
orders-queue-filters = Warteschlange filtern
orders-queue-store = Ausliefernde Filiale
orders-queue-any-store = Jede Filiale
orders-queue-channel = Kanal
orders-queue-any-channel = Jeder Kanal
orders-queue-customer = Kundennummer
orders-queue-apply = Filtern
orders-queue-unknown-customer = Kein Kunde hat die Kundennummer { $number }.
orders-queue-empty = Hier sind keine Bestellungen.
orders-queue-col-store = Filiale
orders-queue-pages = Seiten der Warteschlange
orders-queue-previous = Zurück
orders-queue-next = Weiter
orders-queue-count-more = mehr als { $count }
order-hold-credit-limit-desk = Gesperrt: über dem Kreditlimit.
order-erp-waiting = Wartet auf die Kundennummer des Kunden, bevor sie an das ERP geht.
order-erp-released = Im Auftragsfeed des ERP.
orders-erp = ERP
orders-expected-on = Voraussichtlicher Versand
orders-hold-notice = Kreditsperre: die Bestellung überschreitet das Kreditlimit des Kunden. Ein Administrator gibt sie frei, sobald das Limit sie deckt, oder bewusst.
orders-placed-by = von { $name }
orders-over-limit = über dem Kreditlimit
orders-customer-reference = Referenz des Kunden
orders-net-days = netto { $days } Tage
orders-paid-on = bezahlt am { $date }
orders-not-paid-yet = noch nicht bezahlt
orders-fulfilling-store = Ausliefernde Filiale
orders-pickup-at = Abholung in { $store }
orders-cancel-reason = Grund der Stornierung
orders-customer-note = Notiz des Kunden
orders-back-to-queue = Zurück zur Warteschlange
orders-actions = Aktionen
orders-payment-reference = Zahlungsreferenz
orders-payment-reference-hint = Optional: die Referenz der Überweisung oder des Belegs.
orders-record-payment = Zahlung erfassen
orders-payment-admins = Zahlungen erfassen Administratoren.
orders-release-over-limit = Freigeben, obwohl das Kreditlimit überschritten ist
orders-release-hold = Sperre aufheben
orders-release-admins = Kreditsperren heben Administratoren auf.
orders-allocate = Zuteilen
orders-carrier = Versanddienst
orders-tracking = Sendungsnummer
orders-add-shipment = Sendung erfassen
orders-invoice-now = Jetzt in Rechnung stellen
orders-invoice-now-hint = Sonst wird die Bestellung beim Versand in Rechnung gestellt.
orders-unprioritise = Priorität entfernen
orders-prioritise = Priorisieren
orders-cancel-reason-label = Grund der Stornierung
orders-cancel-reason-hint = Der Kunde erfährt diesen Grund.
orders-cancel = Bestellung stornieren
orders-timeline = Verlauf
orders-timeline-empty = Mit dieser Bestellung ist noch nichts geschehen.
orders-timeline-by = { $name }, { $time }
orders-note-label = Notiz
orders-add-note = Notiz hinzufügen
orders-correct-fields = Bitte korrigieren Sie die markierten Felder.
orders-new-title = Neue Bestellung
orders-new-lead = Im Namen des Kunden bestellt, zu seinen Konditionen, mit Ihrem Namen gezeichnet.
orders-new-lines = Positionen
orders-new-lines-hint = Eine Zeile je Artikel: Artikelnummer und Menge, etwa „VLV-100, 3“.
orders-new-place = Bestellung aufgeben
orders-new-placed = Bestellung { $number } ist aufgegeben.
orders-new-bad-lines = Einige Zeilen nennen nichts, was dieser Kunde bestellen kann: siehe unten.
customers-orders-held = { $count ->
    [one] Eine Bestellung ist wegen des Kreditlimits gesperrt.
   *[other] { $count } Bestellungen sind wegen des Kreditlimits gesperrt.
}
order-desk-payment-not-awaited = Diese Bestellung wartet auf keine Zahlung.
order-desk-not-held = Diese Bestellung ist nicht gesperrt.
order-desk-release-over-limit = Das Kreditlimit des Kunden deckt diese Bestellung noch nicht: { $available } sind verfügbar. Erhöhen Sie das Limit, warten Sie auf eine Zahlung oder geben Sie sie bewusst über dem Limit frei.
order-desk-not-ready = Nur eine versandbereite Bestellung kann diesen Schritt gehen.
order-desk-closed = Diese Bestellung ist versandt oder storniert: sie geht keine Schritte mehr.
order-desk-not-invoiceable = Nur eine Bestellung auf Rechnung, die noch nicht berechnet, gesperrt oder storniert ist, kann in Rechnung gestellt werden.
order-desk-tracking-taken = Bestellung { $number } hat bereits diese Sendungsnummer.
order-desk-field-required = Bitte füllen Sie dieses Feld aus.
order-desk-reason-required = Geben Sie einen Grund an: der Kunde erfährt ihn.
order-desk-note-required = Schreiben Sie die Notiz.
order-desk-done-payment = Die Zahlung ist erfasst: die Bestellung ist versandbereit.
order-desk-done-released = Die Sperre ist aufgehoben: die Bestellung ist versandbereit.
order-desk-done-allocated = Die Bestellung ist zugeteilt.
order-desk-done-prioritised = Die Bestellung ist priorisiert.
order-desk-done-unprioritised = Die Bestellung ist nicht mehr priorisiert.
order-desk-done-shipped = Die Sendung ist erfasst: die Bestellung ist versandt.
order-desk-done-cancelled = Die Bestellung ist storniert.
order-desk-done-note = Die Notiz ist hinzugefügt.
order-desk-done-invoiced = Die Bestellung ist in Rechnung gestellt.
order-event-placed = Aufgegeben
order-event-held = Gesperrt
order-event-held-credit-limit = über dem Kreditlimit
order-event-held-overdue = überfällige Rechnungen
order-event-payment = Zahlung erfasst
order-event-released = Sperre aufgehoben
order-event-released-over-limit = bewusst über dem Kreditlimit
order-event-allocated = Zugeteilt
order-event-prioritised = Priorisiert
order-event-unprioritised = Priorität entfernt
order-event-shipped = Versandt
order-event-cancelled = Storniert
order-event-invoiced = In Rechnung gestellt
order-event-note = Notiz
