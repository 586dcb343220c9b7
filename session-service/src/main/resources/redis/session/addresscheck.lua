-- A heartbeat's address checks on their own (Redis Cluster; see address.lua). ARGV: client ip.
-- Returns the refusal heartbeat.lua would return ({'ipblocked', pttl} | {'iprate', pttl}) or {'ok'}.
return ipBlocked(ARGV[1]) or ipLimited(ARGV[1]) or {'ok'}
