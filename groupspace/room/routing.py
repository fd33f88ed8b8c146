from django.urls import path

from .consumer import RoomConsumer

websocket_urlpatterns = [
    path("ws/groups/<slug:slug>/", RoomConsumer.as_asgi()),
]
