"""Whether the bot may give or take a role, said the way a manager can fix it; and making one change on Discord."""

from __future__ import annotations

import discord

from bot.service.rewards import RoleChange

UNKNOWN_MEMBER = 10007
UNKNOWN_ROLE = 10011
REFUSED_BY_DISCORD = (
    "Discord refused to change {role}: I need the Manage Roles permission, and my highest role must be above "
    "{role} (Server Settings → Roles: drag my role above it)."
)


class MemberGone(Exception):
    """The member is no longer in the server."""


def role_problem(guild: discord.Guild, role: discord.Role) -> str | None:
    """Why the bot cannot give or take `role` in `guild` (from what it knows of the server), or None."""
    name = f"**{discord.utils.escape_markdown(role.name)}**"
    if role.is_default():
        return "@everyone cannot be a reward: every member has it."
    if role.managed:
        return f"{name} is managed by an integration (a bot's or the booster role): Discord gives it, not me."
    me = guild.me
    if not me.guild_permissions.manage_roles:
        return f"I need the **Manage Roles** permission to give or take {name} (Server Settings → Roles)."
    if me.top_role <= role:
        top = discord.utils.escape_markdown(me.top_role.name)
        return (
            f"My highest role (**{top}**) is not above {name}, so Discord will not let me give it: in Server "
            f"Settings → Roles, drag my role above {name}."
        )
    return None


async def make_change(client: discord.Client, change: RoleChange, role_name: str) -> str | None:
    """Give or take the role on Discord: None when done, else the problem to record (MemberGone: left the server)."""
    try:
        if change.give:
            await client.http.add_role(change.guild_id, change.user_id, change.role_id, reason="tutorbot reward")
        else:
            await client.http.remove_role(change.guild_id, change.user_id, change.role_id, reason="tutorbot reward")
    except discord.Forbidden:
        return REFUSED_BY_DISCORD.format(role=f"**{discord.utils.escape_markdown(role_name)}**")
    except discord.NotFound as error:
        if error.code == UNKNOWN_ROLE:
            return "The role was deleted: remove this reward with /rewards remove, or make a new one."
        if error.code == UNKNOWN_MEMBER:
            raise MemberGone from error
        raise
    return None
