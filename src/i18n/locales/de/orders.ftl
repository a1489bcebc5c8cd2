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
