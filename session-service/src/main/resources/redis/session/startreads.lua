-- What a session start reads before it takes a seat, in one round trip: the license id of the key hash
-- (license-service), that license's snapshot (license-service) and the device's look-up entry (device-service).
-- Standalone Redis only: on a Redis Cluster these keys live in other slots (StartReads reads them there).
-- KEYS[1]: the key-hash entry; ARGV[1]: the client's device id.
-- Returns {id, snapshot, look-up} (false = absent), or {id} alone when the entry is absent or names no license.
local id = redis.call('GET', KEYS[1])
if not id or id == NO_LICENSE then return {id} end
return {id, redis.call('GET', string.format(K_SNAPSHOT, id)), redis.call('GET', string.format(K_LOOKUP, id, ARGV[1]))}
