## Salespeople who see their own customers: the customer list's "My customers" and salesperson
## filters, and what a limited account is told.

staff-scope-whose-label = Whose customers
staff-scope-whose-all = All customers
staff-scope-whose-mine = My customers
staff-scope-limited-note = Your account sees your own customers only: those you are the salesperson of, and their members, sell-to and associated customers.
staff-scope-filter-salesperson = Salesperson
staff-scope-filter-any-salesperson = Any salesperson
# The customer form of an account limited to its own customers: the number is another's.
staff-scope-account-taken = Another customer has this account number already.
