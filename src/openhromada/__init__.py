"""Open Hromada (Відкрита громада): open government for Ukrainian hromadas, in public."""
