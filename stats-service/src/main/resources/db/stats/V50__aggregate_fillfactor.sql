-- Room on every page of the two aggregate tables for the next version of a row. Every stream batch
-- updates its rows in place (an upsert per account, license, device, server and day); with full pages
-- (fillfactor 100) each update moves the row to another page and writes a new entry into every index,
-- with room it is a heap-only update (HOT): no index write, and the old version is pruned from the page.
-- Applies to pages written from now on; existing installs get it on their next table rewrite.
ALTER TABLE usage_totals SET (fillfactor = 70);
ALTER TABLE usage_daily SET (fillfactor = 70);
