"""The API's one error shape: ``{"error": {"code", "message", "fields"}}``."""
from flask import jsonify
from werkzeug.http import HTTP_STATUS_CODES

ERROR_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "payload_too_large",
    415: "unsupported_media_type",
    422: "invalid_input",
    429: "rate_limited",
    500: "server_error",
    503: "unavailable",
}


def error_response(status: int, message: str | None = None, fields: dict | None = None, code: str | None = None):
    """``code`` names a refusal more precisely than its status (e.g. ``training_required``)."""
    payload = {
        "code": code or ERROR_CODES.get(status, "error"),
        "message": message or HTTP_STATUS_CODES.get(status, "Error"),
        "fields": fields or {},
    }
    return jsonify(error=payload), status
