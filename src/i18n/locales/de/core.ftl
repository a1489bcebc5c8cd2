## Die Sprache selbst und ihre Formate (siehe src/i18n/format.rs).

language-name = Deutsch
format-locale = de_DE
format-date = %-d. %B %Y
format-time = %-d. %B %Y, %H:%M %Z
format-clock = %H:%M %Z
format-money = { $amount } { $symbol }
format-percent = { $n } %

amount-invalid = Geben Sie einen Betrag wie { $example } ein.
amount-decimals = Bitte höchstens zwei Nachkommastellen.
amount-too-large = Dieser Betrag ist zu groß.
amount-invalid-plain = Bitte geben Sie einen Betrag wie 1500 oder 1250,00 ein.
percent-invalid = Bitte geben Sie einen Prozentsatz wie 5 oder 12,5 ein.
percent-range = Bitte einen Prozentsatz von 0 bis 100.
