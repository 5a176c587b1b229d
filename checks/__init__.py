"""Built-in check plugins: each sub-package detects one kind of exposure and registers itself."""
