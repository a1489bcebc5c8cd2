## Verkäufer, die ihre eigenen Kunden sehen: die Filter „Meine Kunden“ und „Verkäufer“ der
## Kundenliste, und was ein eingeschränktes Konto liest.

staff-scope-whose-label = Wessen Kunden
staff-scope-whose-all = Alle Kunden
staff-scope-whose-mine = Meine Kunden
staff-scope-limited-note = Ihr Konto sieht nur Ihre eigenen Kunden: die, deren Verkäufer Sie sind, und deren Mitglieder, belieferte und zugeordnete Kunden.
staff-scope-filter-salesperson = Verkäufer
staff-scope-filter-any-salesperson = Alle Verkäufer
# Das Kundenformular eines eingeschränkten Kontos: die Nummer gehört einem anderen Kunden.
staff-scope-account-taken = Ein anderer Kunde hat diese Kontonummer bereits.
