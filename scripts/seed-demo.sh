#!/usr/bin/env bash
# Seeds a demo organization, project, DSN key and API token into a running dashboard-service and writes them as
# shell variables to .stack/demo.env, so a newcomer can `source .stack/demo.env` and send a first metric.
# Idempotent: when the file exists and its token still works, it does nothing; otherwise it reuses the demo
# organization, project and key if they exist and mints fresh tokens.
#
#   scripts/seed-demo.sh
#
# Environment: APPMETRICS_DASHBOARD_URL (default http://127.0.0.1:8080), APPMETRICS_BOOTSTRAP_TOKEN (default: the
# local stack's, from .stack/secrets.env), APPMETRICS_DEMO_ENV (default .stack/demo.env). Needs curl and jq.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
URL=${APPMETRICS_DASHBOARD_URL:-http://127.0.0.1:8080}
if [[ -z "${APPMETRICS_BOOTSTRAP_TOKEN:-}" && -f "$ROOT/.stack/secrets.env" ]]; then
  APPMETRICS_BOOTSTRAP_TOKEN=$(sed -n 's/^APPMETRICS_BOOTSTRAP_TOKEN=//p' "$ROOT/.stack/secrets.env")
fi
BOOTSTRAP=${APPMETRICS_BOOTSTRAP_TOKEN:?set APPMETRICS_BOOTSTRAP_TOKEN (./platform up keeps the local one in .stack/secrets.env)}
ENV_FILE=${APPMETRICS_DEMO_ENV:-$ROOT/.stack/demo.env}
SLUG=demo

fail() { echo "seed-demo: $*" >&2; exit 1; }
command -v curl >/dev/null || fail "curl is needed"
command -v jq >/dev/null || fail "jq is needed (apt-get install jq)"

# api METHOD PATH TOKEN [BODY]: prints the response body; fails unless the status is 2xx.
api() {
  local method=$1 path=$2 token=$3 body=${4:-} out status
  out=$(mktemp)
  status=$(curl -sS -o "$out" -w '%{http_code}' -X "$method" "$URL$path" \
    -H "Authorization: Bearer $token" ${body:+-H 'Content-Type: application/json' --data "$body"}) \
    || { rm -f "$out"; fail "$URL is not reachable"; }
  if [[ $status != 2* ]]; then
    local message; message=$(jq -r '.message // empty' "$out" 2>/dev/null || true); rm -f "$out"
    fail "$method $path answered $status${message:+: $message}"
  fi
  cat "$out"; rm -f "$out"
}

if [[ -f $ENV_FILE ]]; then
  # shellcheck disable=SC1090
  if (source "$ENV_FILE" && curl -sfo /dev/null -H "Authorization: Bearer $APPMETRICS_TOKEN" \
      "$URL/api/v1/projects/$APPMETRICS_PROJECT_ID"); then
    echo "seed-demo: $ENV_FILE is current"
    exit 0
  fi
  echo "seed-demo: the token in $ENV_FILE no longer works; seeding again"
fi

organization_id=$(api GET "/api/v1/organizations?slug=$SLUG" "$BOOTSTRAP" | jq -r '.items[0].id // empty')
if [[ -z $organization_id ]]; then
  created=$(api POST /api/v1/organizations "$BOOTSTRAP" '{"slug":"demo","name":"Demo organization"}')
  organization_id=$(jq -r .organization.id <<<"$created")
  admin_token=$(jq -r .adminToken.token <<<"$created")
else
  admin_token=$(api POST "/api/v1/organizations/$organization_id/admin-tokens" "$BOOTSTRAP" '{"name":"seed-demo"}' \
    | jq -r .token)
fi

project_id=$(api GET "/api/v1/projects?slug=$SLUG" "$admin_token" | jq -r '.items[0].id // empty')
if [[ -z $project_id ]]; then
  project_id=$(api POST /api/v1/projects "$admin_token" '{"slug":"demo","name":"Demo project"}' | jq -r .id)
fi

key=$(api GET "/api/v1/projects/$project_id/keys?limit=1" "$admin_token" | jq -c '.items[0] // empty')
if [[ -z $key ]]; then
  key=$(api POST "/api/v1/projects/$project_id/keys" "$admin_token" '{"label":"demo"}')
fi

token=$(api POST /api/v1/tokens "$admin_token" '{"name":"demo","scopes":["ingest","read","write"]}' | jq -r .token)

mkdir -p "$(dirname "$ENV_FILE")"
umask 077
cat >"$ENV_FILE.tmp" <<VARS
# Written by scripts/seed-demo.sh: the demo organization of the local stack. Use: source $ENV_FILE
APPMETRICS_ORGANIZATION_ID=$organization_id
APPMETRICS_PROJECT_ID=$project_id
APPMETRICS_PUBLIC_KEY=$(jq -r .publicKey <<<"$key")
APPMETRICS_DSN=$(jq -r .dsn <<<"$key")
APPMETRICS_TOKEN=$token
APPMETRICS_ADMIN_TOKEN=$admin_token
APPMETRICS_DASHBOARD_URL=$URL
VARS
mv "$ENV_FILE.tmp" "$ENV_FILE"
echo "seed-demo: wrote $ENV_FILE (organization $organization_id, project $project_id)"
