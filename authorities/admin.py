from django.contrib import admin

from authorities.models import Authority, AuthorityAlias, CouncilAssignment, StatisticalNeighbour, Succession


class AliasInline(admin.TabularInline):
    model = AuthorityAlias
    extra = 0
    fields = ["name"]


class SuccessorInline(admin.TabularInline):
    model = Succession
    fk_name = "predecessor"
    extra = 0
    verbose_name = "successor"
    verbose_name_plural = "succeeded by"
    autocomplete_fields = ["successor"]


class PredecessorInline(admin.TabularInline):
    model = Succession
    fk_name = "successor"
    extra = 0
    verbose_name = "predecessor"
    verbose_name_plural = "succeeded from"
    autocomplete_fields = ["predecessor"]


class NeighbourInline(admin.TabularInline):
    model = StatisticalNeighbour
    fk_name = "authority"
    extra = 0
    fields = ["rank", "neighbour", "closeness", "model"]
    autocomplete_fields = ["neighbour"]


@admin.register(Authority)
class AuthorityAdmin(admin.ModelAdmin):
    list_display = [
        "short_name",
        "name",
        "gss_code",
        "dfe_number",
        "region",
        "type",
        "active_from",
        "active_to",
    ]
    list_filter = ["region", "type", ("active_to", admin.EmptyFieldListFilter)]
    search_fields = ["name", "short_name", "gss_code", "=dfe_number", "aliases__name"]
    prepopulated_fields = {"slug": ["short_name"]}
    inlines = [AliasInline, PredecessorInline, SuccessorInline, NeighbourInline]


@admin.register(Succession)
class SuccessionAdmin(admin.ModelAdmin):
    list_display = ["predecessor", "successor", "date"]
    autocomplete_fields = ["predecessor", "successor"]


@admin.register(AuthorityAlias)
class AuthorityAliasAdmin(admin.ModelAdmin):
    list_display = ["name", "authority"]
    search_fields = ["name", "authority__short_name"]
    autocomplete_fields = ["authority"]


@admin.register(StatisticalNeighbour)
class StatisticalNeighbourAdmin(admin.ModelAdmin):
    list_display = ["authority", "rank", "neighbour", "closeness", "model"]
    list_filter = ["model", "closeness"]
    search_fields = ["authority__short_name", "neighbour__short_name"]
    autocomplete_fields = ["authority", "neighbour"]


@admin.register(CouncilAssignment)
class CouncilAssignmentAdmin(admin.ModelAdmin):
    list_display = ["user", "authority"]
    search_fields = ["user__username", "authority__short_name"]
    autocomplete_fields = ["authority"]
