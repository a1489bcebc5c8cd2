## Die Bezeichnungen der festen Wertelisten (src/domain: text_enum!).

CustomerKind-customer = Kunde
CustomerKind-organization = Organisation

CustomerType-business = Unternehmen
CustomerType-individual = Privatperson

OverLimitPolicy-block = Bestellung sperren
OverLimitPolicy-warn = Warnen, dann zulassen
OverLimitPolicy-allow = Zulassen

SalesTaxType-taxable = Steuerpflichtig
SalesTaxType-government = Öffentliche Hand
SalesTaxType-wholesale = Großhandel
SalesTaxType-other = Sonstige

ReviewFlag-red = Rot
ReviewFlag-orange = Orange
ReviewFlag-yellow = Gelb
ReviewFlag-green = Grün
ReviewFlag-blue = Blau
ReviewFlag-purple = Lila
ReviewFlag-CHK = CHK (zu prüfen)

RelationshipStatus-pending = Offene Anfrage
    .inline = eine offene Anfrage
RelationshipStatus-active = Freigeschaltet
    .inline = freigeschaltet
RelationshipStatus-rejected = Abgelehnt
    .inline = abgelehnt
RelationshipStatus-blocked = Gesperrt
    .inline = gesperrt
RelationshipStatus-inactive = Inaktiv
    .inline = inaktiv

AddressKind-billing = Rechnungsadresse
AddressKind-shipping = Lieferadresse
AddressKind-admin = Verwaltung

ContactEvent-order_confirmation = Auftragsbestätigung
ContactEvent-invoice_posted = Rechnung gestellt
ContactEvent-invoice_due = Rechnung fällig
ContactEvent-shipment_notification = Versandbenachrichtigung
ContactEvent-statements = Kontoauszüge
ContactEvent-suggested_order = Bestellvorschlag
ContactEvent-sell_to_order_confirmation = Auftragsbestätigung des Auftraggebers
ContactEvent-sell_to_invoice_posted = Rechnung des Auftraggebers gestellt

OrderStatus-awaiting_payment = Wartet auf Zahlung
OrderStatus-credit_hold = Kreditsperre
OrderStatus-unallocated = Nicht zugeteilt
OrderStatus-allocated = Zugeteilt
OrderStatus-dispatched = Versandt
OrderStatus-cancelled = Storniert

PaymentMethod-invoice = Rechnung
PaymentMethod-cod = Nachnahme
PaymentMethod-prepay = Vorkasse

OrderChannel-web = Web
OrderChannel-edi = EDI
OrderChannel-ebay = eBay
OrderChannel-amazon = Amazon

Service-ordering = Bestellen
Service-orders = Bestellungen
Service-order_acknowledgements = Auftragsbestätigungen
Service-ship_notices = Versandavis
Service-invoices = Rechnungen
Service-price_files = Preisdateien

ServiceStatus-not_requested = Nicht angefragt
    .inline = nicht angefragt
ServiceStatus-requested = Angefragt
    .inline = angefragt
ServiceStatus-active = Freigeschaltet
    .inline = freigeschaltet
ServiceStatus-inactive = Inaktiv
    .inline = inaktiv

RequestStatus-open = Offen
RequestStatus-approved = Freigegeben
RequestStatus-rejected = Abgelehnt
RequestStatus-waiting_on_customer = Wartet auf den Kunden
RequestKind-services = Leistungen
RequestKind-ship_to = Änderung einer Lieferadresse

OutboxStatus-pending = Wartend
OutboxStatus-sending = Wird gesendet
OutboxStatus-sent = Gesendet
OutboxStatus-failed = Fehlgeschlagen

UserStatus-pending = Eingeladen
UserStatus-active = Aktiv
UserStatus-revoked = Widerrufen
CustomerRole-admin = Kunden-Admin
CustomerRole-buyer = Einkauf
CustomerRole-accounts = Buchhaltung
CustomerRole-viewer = Nur lesen

TokenPurpose-invitation = Einladung
TokenPurpose-password_reset = Passwort zurücksetzen
TokenPurpose-view_as = Ansicht als Kunde

StaffChangeAction-added = Konto angelegt
StaffChangeAction-invited = Einladung verschickt
StaffChangeAction-roles_changed = Rollen geändert
StaffChangeAction-deactivated = Deaktiviert
StaffChangeAction-reactivated = Reaktiviert
StaffChangeAction-reset_sent = Link zum Zurücksetzen verschickt
StaffChangeAction-password_set = Passwort gesetzt
