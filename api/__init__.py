"""graphcrm's REST API: a thin FastAPI layer over graphcrm (``create_app``)."""

from api.app import API_PREFIX, create_app
from api.settings import ApiSettings

__all__ = ["API_PREFIX", "ApiSettings", "create_app"]
