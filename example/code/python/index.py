# -*- coding: utf-8 -*-
"""
The documentation's scenario for the real cloud (Python 3 runtime, oss2 is built in): write
event["message"] to event["bucket"]/event["objectName"] with the temporary credentials FC gives the
function from its RAM role (context.credentials). Logs never show the credentials.

Test event: {"bucket": "my-bucket", "objectName": "hello.txt", "message": "hello from FC"}
Optional "endpoint", default the region's internal OSS endpoint.
"""
import json
import logging

import oss2

logger = logging.getLogger()


def handler(event, context):
    evt = json.loads(event)
    for key in ("bucket", "objectName", "message"):
        if not isinstance(evt.get(key), str) or not evt.get(key):
            raise ValueError('The event needs a non-empty string "%s"' % key)
    creds = context.credentials
    auth = oss2.StsAuth(creds.access_key_id, creds.access_key_secret, creds.security_token)
    endpoint = evt.get("endpoint") or "https://oss-%s-internal.aliyuncs.com" % context.region
    bucket = oss2.Bucket(auth, endpoint, evt["bucket"])
    logger.info("Writing %d bytes to oss://%s/%s", len(evt["message"].encode("utf-8")), evt["bucket"], evt["objectName"])
    bucket.put_object(evt["objectName"], evt["message"])
    logger.info("Wrote oss://%s/%s", evt["bucket"], evt["objectName"])
    return "success"
