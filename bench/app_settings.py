"""GroupSpace's settings with the channel layer BENCH_LAYER names (only for `pubsub` runs;
`redis` runs use groupspace.settings itself)."""

from groupspace.settings import *  # noqa: F403 (the app's settings, unchanged but the layer)
from groupspace.settings import CHANNEL_LAYERS

from .layers import chosen_layer, with_layer

CHANNEL_LAYERS = with_layer(CHANNEL_LAYERS, chosen_layer())
