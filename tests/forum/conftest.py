"""Fixtures for the forum room's supervision tests."""
import pytest

from forum.services import supervision
from models import Role, User

CARE_TEAM = (("ash", Role.MODERATOR), ("birch", Role.MODERATOR), ("sage", Role.SUPERVISOR), ("thyme", Role.SUPERVISOR),
             ("keeper", Role.ADMIN), ("river", Role.MEMBER))


@pytest.fixture
def care_team(app, make_member):
    """Moderators "ash" (supervised by "sage") and "birch" (by "thyme"), the admin "keeper", the member "river";
    returns their handles."""
    for handle, role in CARE_TEAM:
        make_member(handle, role)
    with app.app_context():
        keeper = User.find_by_handle("keeper")
        supervision.assign(keeper, User.find_by_handle("ash"), User.find_by_handle("sage"))
        supervision.assign(keeper, User.find_by_handle("birch"), User.find_by_handle("thyme"))
    return [handle for handle, _ in CARE_TEAM]
