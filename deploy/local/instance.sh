# Sourced by run.sh, stop.sh and e2e.sh: which local stack this is. The default stack is the
# README's (gateway :8080, services :8081-8084, database `licensing`, Redis db 0, state in .run/).
# LM_PORT_BASE=18080 LM_DB=licensing_b LM_REDIS_DB=5 starts a second, independent stack beside it
# (gateway on the base port, the four services on the next four), e.g. for a second checkout.
LM_PORT_BASE="${LM_PORT_BASE:-8080}"
LM_DB="${LM_DB:-licensing}"
LM_REDIS_DB="${LM_REDIS_DB:-0}"
if [ "$LM_PORT_BASE" = 8080 ]; then RUN="$HERE/.run"; else RUN="$HERE/.run-$LM_PORT_BASE"; fi
SERVICES=(license:$((LM_PORT_BASE+1)) device:$((LM_PORT_BASE+2)) session:$((LM_PORT_BASE+3)) stats:$((LM_PORT_BASE+4)))
GATEWAY_URL="${GATEWAY_URL:-http://127.0.0.1:$LM_PORT_BASE}"
export LM_PORT_BASE LM_DB LM_REDIS_DB GATEWAY_URL
