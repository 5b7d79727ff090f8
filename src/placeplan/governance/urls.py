from django.urls import path

from placeplan.governance import views as governance

app_name = "governance"

urlpatterns = [
    path("<str:code>/people/", governance.PartnershipPeopleView.as_view(), name="people"),
    path("<str:code>/contact/", governance.PartnershipContactView.as_view(), name="contact"),
    path("<str:code>/structure/", governance.StructureView.as_view(), name="structure"),
    path("<str:code>/partners/", governance.PartnerListView.as_view(), name="partners"),
    path("<str:code>/partners/<id:pk>/", governance.PartnerView.as_view(), name="partner"),
    path("<str:code>/partners/add/", governance.PartnerAddView.as_view(), name="partner_add"),
    path(
        "<str:code>/partners/<id:pk>/edit/",
        governance.PartnerEditView.as_view(),
        name="partner_edit",
    ),
    path("<str:code>/bodies/add/", governance.BodyAddView.as_view(), name="body_add"),
    path("<str:code>/bodies/<id:pk>/", governance.BodyDetailView.as_view(), name="body"),
    path("<str:code>/bodies/<id:pk>/edit/", governance.BodyEditView.as_view(), name="body_edit"),
    path(
        "<str:code>/bodies/<id:pk>/members/add/",
        governance.MemberAddView.as_view(),
        name="member_add",
    ),
    path(
        "<str:code>/bodies/<id:pk>/members/<id:membership>/end/",
        governance.MembershipEndView.as_view(),
        name="membership_end",
    ),
    path(
        "<str:code>/bodies/<id:pk>/members/<id:membership>/review/",
        governance.MembershipReviewView.as_view(),
        name="membership_review",
    ),
    path("<str:code>/members/", governance.PersonListView.as_view(), name="persons"),
    path("<str:code>/members/add/", governance.PersonAddView.as_view(), name="person_add"),
    path("<str:code>/members/<id:pk>/", governance.PersonDetailView.as_view(), name="person"),
    path(
        "<str:code>/members/<id:pk>/edit/",
        governance.PersonEditView.as_view(),
        name="person_edit",
    ),
    path("<str:code>/localities/", governance.LocalityListView.as_view(), name="localities"),
    path("<str:code>/localities/add/", governance.LocalityAddView.as_view(), name="locality_add"),
    path(
        "<str:code>/localities/<id:pk>/edit/",
        governance.LocalityEditView.as_view(),
        name="locality_edit",
    ),
]
