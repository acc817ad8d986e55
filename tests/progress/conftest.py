"""Progress tests need no fixtures beyond plain data; this file keeps the folder self-contained."""
