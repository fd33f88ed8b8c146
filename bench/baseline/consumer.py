"""The Channels tutorial's chat consumer, kept as plain as the tutorial: one group per room,
`group_send` on every message, no auth, no database, the default dispatch.

It speaks just enough of GroupSpace's frames for the same load client: a `send` comes back to
everyone in the room (the sender included) as a `message` with the same client_id and body.
"""

import json

from channels.generic.websocket import AsyncWebsocketConsumer


class ChatConsumer(AsyncWebsocketConsumer):
    async def connect(self) -> None:
        self.room_group_name = f"chat_{self.scope['url_route']['kwargs']['slug']}"
        await self.channel_layer.group_add(self.room_group_name, self.channel_name)
        await self.accept()

    async def disconnect(self, code: int) -> None:
        await self.channel_layer.group_discard(self.room_group_name, self.channel_name)

    async def receive(self, text_data: str | None = None, bytes_data: bytes | None = None) -> None:
        data = json.loads(text_data or "{}")
        message = {"client_id": data.get("client_id"), "body": data.get("body", "")}
        await self.channel_layer.group_send(
            self.room_group_name, {"type": "chat.message", "message": message}
        )

    async def chat_message(self, event: dict) -> None:
        await self.send(text_data=json.dumps({"type": "message", "message": event["message"]}))
