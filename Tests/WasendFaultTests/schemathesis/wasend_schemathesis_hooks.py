# Loaded by schemathesis (SCHEMATHESIS_HOOKS) in SchemathesisTests: recipients uploads are NDJSON,
# a media type schemathesis cannot write on its own.
import json
import schemathesis


@schemathesis.serializer("application/x-ndjson")
def ndjson(ctx, value):
    rows = value if isinstance(value, list) else [value]
    return "".join(json.dumps(row) + "\n" for row in rows).encode()
