"""Importing Ofsted's official LA inspection tables and the DfE statistical-neighbour model.

load → parse → check → save:
- load.py: ODS/XLSX (python-calamine) or CSV → sheets of rows numbered as a spreadsheet shows them;
- parse.py (with layouts.py): rows → OfficialEvent/OfficialJudgement dataclasses, and problems;
- check.py: councils matched by code, then name and date (successions followed), and problems;
- save.py: one transaction through inspections.matching.Ledger (the rules the document publish step uses too);
- neighbours.py: the DfE neighbour model;
- upload.py: the admin's upload form; tasks.py: the Celery task behind it; import_summary.py: a run in words.
load, parse and check have no Django in them; a file with any problem writes nothing.
"""
