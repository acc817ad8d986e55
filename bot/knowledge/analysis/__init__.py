"""Text analysis, one place for it: keyword terms (`analyser`), spelling repair (`spelling`), the two IDF forms
(`idf`), named sentence splitters (`sentences`) and markdown strippers (`markup`), and the notes' side analysed
once per index (`notes`). Import from the modules; this package imports nothing, so `markdown.py` can use
`markup` without a cycle."""
