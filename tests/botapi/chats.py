"""Chat and member methods, and the bot's own profile (getMe, commands, descriptions)."""

from __future__ import annotations

import re
from typing import Any

from botapi.errors import bad_request
from botapi.state import JSON, Store
from botapi.validate import check_commands, scope_key


class ChatMethods:
    """getMe, logOut, close, the setMy*/getMy* profile methods, getChat and members."""

    bot_id: int
    bot_user: JSON
    privacy_mode: bool
    _state: Store

    async def _m_getMe(self, p: JSON) -> Any:
        return {
            **self.bot_user,
            "can_join_groups": True,
            "can_read_all_group_messages": not self.privacy_mode,
            "supports_inline_queries": True,
            "can_connect_to_business": False,
            "has_main_web_app": False,
        }

    async def _m_logOut(self, p: JSON) -> Any:
        return True

    async def _m_close(self, p: JSON) -> Any:
        return True

    async def _m_setMyCommands(self, p: JSON) -> Any:
        commands = check_commands(p.get("commands"))
        self._state.commands[scope_key(p.get("scope"), p.get("language_code"))] = commands
        return True

    async def _m_getMyCommands(self, p: JSON) -> Any:
        return self._state.commands.get(scope_key(p.get("scope"), p.get("language_code")), [])

    async def _m_deleteMyCommands(self, p: JSON) -> Any:
        self._state.commands.pop(scope_key(p.get("scope"), p.get("language_code")), None)
        return True

    async def _m_setMyDescription(self, p: JSON) -> Any:
        text = _profile_text(p, "description", 512)
        self._state.descriptions[f"description|{_language(p)}"] = text
        return True

    async def _m_setMyShortDescription(self, p: JSON) -> Any:
        text = _profile_text(p, "short_description", 120)
        self._state.descriptions[f"short|{_language(p)}"] = text
        return True

    async def _m_getMyDescription(self, p: JSON) -> Any:
        return {"description": self._state.descriptions.get(f"description|{_language(p)}", "")}

    async def _m_getMyShortDescription(self, p: JSON) -> Any:
        key = f"short|{_language(p)}"
        return {"short_description": self._state.descriptions.get(key, "")}

    async def _m_setMyName(self, p: JSON) -> Any:
        if len(str(p.get("name", ""))) > 64:
            raise bad_request("name is too long")
        return True

    async def _m_setChatMenuButton(self, p: JSON) -> Any:
        return True

    async def _m_getChat(self, p: JSON) -> Any:
        chat = self._state.chat(p.get("chat_id"))
        return {
            **chat,
            "accent_color_id": 0,
            "max_reaction_count": 11,
            "accepted_gift_types": {
                "unlimited_gifts": False,
                "limited_gifts": False,
                "unique_gifts": False,
                "premium_subscription": False,
            },
        }

    async def _m_getChatMember(self, p: JSON) -> Any:
        chat = self._state.chat(p.get("chat_id"))
        user_id = p.get("user_id")
        user = self._state.users.get(user_id) if isinstance(user_id, int) else None
        if user_id == self.bot_id:
            user = self.bot_user
        if user is None:
            raise bad_request("user not found")
        return self._member(chat, user)

    async def _m_getChatAdministrators(self, p: JSON) -> Any:
        chat = self._state.chat(p.get("chat_id"))
        admins = self._state.admins.get(chat["id"], set())
        return [self._member(chat, self._state.users[uid]) for uid in sorted(admins)]

    def _member(self, chat: JSON, user: JSON) -> JSON:
        if chat["type"] == "private":
            return {"status": "member", "user": user}
        if user["id"] in self._state.admins.get(chat["id"], set()):
            return {
                "status": "administrator",
                "user": user,
                "can_be_edited": False,
                "is_anonymous": False,
                "can_manage_chat": True,
                "can_delete_messages": True,
                "can_manage_video_chats": True,
                "can_restrict_members": True,
                "can_promote_members": False,
                "can_change_info": True,
                "can_invite_users": True,
                "can_post_stories": False,
                "can_edit_stories": False,
                "can_delete_stories": False,
            }
        return {"status": "member", "user": user}


def _language(p: JSON) -> str:
    """A two-letter ISO 639-1 code or "" (every language without its own text)."""
    lang = p.get("language_code") or ""
    if lang and not re.fullmatch(r"[a-z]{2}", str(lang)):
        raise bad_request("invalid language code specified")
    return str(lang)


def _profile_text(p: JSON, name: str, limit: int) -> str:
    """The bot's (short) description: 0-512 (0-120) characters; "" removes it."""
    text = p.get(name, "")
    if not isinstance(text, str):
        raise bad_request(f"can't parse {name}")
    if len(text) > limit:
        raise bad_request(f"{name.replace('_', ' ')} is too long")
    return text
