"""What the tool keeps on the person's machine: where (paths), the SQLite database (db), saved
scans (history, serialize), the search cache, forgetting a person, and masking saved data in
workshop mode. Everything here is created readable by the owner only."""
