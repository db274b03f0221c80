"""The dashboards' queries, one module per page's cluster: council.py (a council's timeline, neighbours, the
councils table), compare.py (councils compared, yearly shares), national.py (the national page) and
distribution.py (the national SQL: distributions, each council's latest, transitions), bands.py (the band
charts' ungraded visits) and pickers.py (the council
pickers' names and aliases)."""
