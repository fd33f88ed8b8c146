# Messages are deliberately not in the admin: staff do not browse participants' conversations.
