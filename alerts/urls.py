from django.urls import path

from alerts import feeds, views

app_name = "alerts"
urlpatterns = [
    path("whats-new/", views.whats_new, name="whats_new"),
    path("feeds/england.atom", feeds.EnglandFeed(), name="feed_england"),
    path("feeds/regions/<slug:region>.atom", feeds.RegionFeed(), name="feed_region"),
    path("feeds/councils/<slug:slug>.atom", feeds.CouncilFeed(), name="feed_council"),
    path("account/alerts/", views.account, name="account"),
    path("alerts/follow/<slug:slug>/", views.follow, name="follow"),
    path("alerts/unfollow/<slug:slug>/", views.unfollow, name="unfollow"),
    path("alerts/unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
