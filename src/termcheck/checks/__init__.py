"""The rules, one module per family; each module lists its rules in `RULES`.

- glossary_terms: TC001-TC005 and TC104, a glossary term's forms as the matcher found them;
- unicode_defects: TC006, broken Unicode anywhere in Thai text;
- missing_term: TC101, a source term whose approved translation is missing;
- consistency: TC102 and TC103, one source rendered different ways across a run;
- maiyamok, thai_latin: house style (TC2xx), off unless configured in `[style]`.

termcheck.rules reads every module here (not those starting with "_"): adding a rule is
writing its module, its case file (tests/data/rules/CODE.yaml) and its line in the docs.
"""
