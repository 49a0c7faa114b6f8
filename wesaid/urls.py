from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path

from wesaid.core import views as core_views

urlpatterns = [path("healthz", core_views.healthz, name="healthz")]
urlpatterns += i18n_patterns(
    path("", include("wesaid.site.urls")),
    path("", include("wesaid.accounts.urls")),
    path("", include("wesaid.privacy.urls")),
    path("people/", include("wesaid.organisations.urls")),
    path("projects/", include("wesaid.projects.urls")),
    path("check-ins/", include("wesaid.checkins.urls")),
    path("measures/", include("wesaid.measures.urls")),
    path("choosing-outcomes/", include("wesaid.consensus.urls")),
    path("audit/", include("wesaid.audit.urls")),
    prefix_default_language=False,
)

handler403 = "wesaid.core.views.forbidden"
handler404 = "wesaid.core.views.not_found"
handler500 = "wesaid.core.views.server_error"
