# Vitrine: the two commands of the README, plus helpers.
.PHONY: site serve edit test lint messages schema

site:            ## set up, then build every language into site/ (strict)
	scripts/bootstrap
	.venv/bin/mkdocs build --strict

serve:           ## set up, then preview on http://127.0.0.1:8000 with live reload
	scripts/bootstrap
	.venv/bin/mkdocs serve

edit:            ## set up, then edit in the browser on http://127.0.0.1:8000/admin/ (preview beside it)
	scripts/bootstrap --edit
	.venv/bin/vitrine edit

test:            ## set up (Python, axe-core, chromium), then run every test
	scripts/bootstrap --test
	.venv/bin/python -m pytest

lint:
	.venv/bin/ruff check plugins tests bench
	.venv/bin/mypy

messages:        ## re-extract template strings and update every .po catalogue
	.venv/bin/pybabel extract -F babel.cfg -k _ -k N_ --no-location --sort-output --omit-header -o plugins/vitrine/locale/vitrine.pot .
	.venv/bin/pybabel update -i plugins/vitrine/locale/vitrine.pot -d plugins/vitrine/locale -D vitrine --no-fuzzy-matching --ignore-obsolete

schema:          ## regenerate the committed JSON Schemas from the model
	.venv/bin/python -m vitrine.schemas schema
