"""Flask extensions, created unbound and bound in ``create_app``; nothing runs at import."""
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_socketio import SocketIO
from flask_wtf.csrf import CSRFProtect

from models import db

migrate = Migrate()
login = LoginManager()
csrf = CSRFProtect()
limiter = Limiter(key_func=get_remote_address)
socketio = SocketIO()

__all__ = ["csrf", "db", "limiter", "login", "migrate", "socketio"]
