"""The production WSGI application, plus uploaded media served from MEDIA_ROOT:
in production a web server or object store serves media; here nothing else does."""

import os

from whitenoise import WhiteNoise

from config.wsgi import application as django_application

application = WhiteNoise(django_application, autorefresh=True)
application.add_files(os.environ["MEDIA_ROOT"], prefix="media/")
