"""Running a scan: the scanner (probes, batching, deadline, page cache), the control-probe
grouping (`settle`), the daemon thread pool and the progress shown while it runs."""
