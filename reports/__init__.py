"""Built-in renderers: each module turns a `ScanReport` into one output format."""
