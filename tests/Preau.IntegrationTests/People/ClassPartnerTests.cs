using System.Net;
using Microsoft.EntityFrameworkCore;
using Preau.IntegrationTests.Infrastructure;
using Preau.Web.Modules.Blogs.Data;
using Preau.Web.Modules.People.Data;

namespace Preau.IntegrationTests.People;

/// <summary>Partners invited into a class for a period (PRODUCT §2, ADR 0037): who invites, what the partner reaches, and when it ends.</summary>
public sealed class ClassPartnerTests(TestApp app)
{
    private static KeyValuePair<string, string> F(string name, string value) => new(name, value);

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd");

    private Task<DateOnly> YearEndAsync(Guid classId) => app.WithDbAsync(db =>
        (from c in db.Classes where c.Id == classId join y in db.SchoolYears on c.SchoolYearId equals y.Id select y.EndsOn).SingleAsync());

    private static DateOnly Today => Preau.Web.Platform.Time.ParisDate.Today(TimeProvider.System);

    /// <summary>
    /// The teacher finds the partner by name and invites them until <paramref name="endsOn"/>, with the services ticked
    /// (all of them, as the form proposes, unless told).
    /// </summary>
    private static async Task<HttpResponseMessage> InviteAsync(UserSession teacher, Guid classId, TestAccount partner, DateOnly? endsOn, DateOnly? startsOn = null,
        TestAccount? posted = null, string[]? services = null)
    {
        var url = $"/classe/{classId}/intervenants?q={partner.Login.Split('.')[0]}";
        var fields = new List<KeyValuePair<string, string>> { F("Invite.PersonId", (posted ?? partner).Id.ToString()), F("Invite.EndsOn", endsOn is { } e ? Iso(e) : "") };
        fields.AddRange((services ?? ["blog", "agenda", "albums", "documents", "forum"]).Select(v => F("Invite.Services", v)));
        if (startsOn is { } s)
        {
            fields.Add(F("Invite.StartsOn", Iso(s)));
        }
        return await teacher.SubmitAsync(url, fields, "form#invite-form");
    }

    [DbFact]
    public async Task A_partner_invited_by_the_teacher_finds_the_class_reads_its_shared_services_and_loses_them_when_the_invitation_ends()
    {
        var s = await app.NewSchoolAsync();
        var partner = await app.NewPartnerAsync();
        using var teacher = await app.SignedInAsync(s.TeacherA);
        var endsOn = new[] { Today.AddDays(30), await YearEndAsync(s.ClassA.Id) }.Min();

        // Found by name, invited: the page lists them as invited now.
        var (_, search) = await teacher.GetPageAsync($"/classe/{s.ClassA.Id}/intervenants?q={partner.Login.Split('.')[0]}");
        Assert.NotNull(search.QuerySelector($"#partner-{partner.Id}"));
        var invited = await InviteAsync(teacher, s.ClassA.Id, partner, endsOn);
        Assert.Equal(HttpStatusCode.Redirect, invited.StatusCode);
        var (_, list) = await teacher.GetPageAsync($"/classe/{s.ClassA.Id}/intervenants");
        Assert.Contains("Partenaire", list.QuerySelector("#current")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(endsOn.ToString("yyyy-MM-dd"), list.QuerySelector("#current")!.InnerHtml, StringComparison.Ordinal);

        // The class's families see who comes into the class, and until when.
        using var parent = await app.SignedInAsync(s.GuardianA);
        var (_, people) = await parent.GetPageAsync($"/classe/{s.ClassA.Id}/annuaire");
        Assert.Contains("invité(e) jusqu'au " + endsOn.ToString("dd/MM/yyyy"), UserSession.Text(people), StringComparison.Ordinal);

        // The partner is told, finds the class on their home page with its shared services only.
        using var guest = await app.SignedInAsync(partner);
        var (_, notifications) = await guest.GetPageAsync("/notifications");
        Assert.Contains($"Invitation dans la classe {s.ClassA.Name}", UserSession.Text(notifications), StringComparison.Ordinal);
        var (_, home) = await guest.GetPageAsync("/");
        var space = home.QuerySelectorAll("li.space").Single(li => li.TextContent.Contains(s.ClassA.Name, StringComparison.Ordinal));
        Assert.Contains("Intervention", space.TextContent, StringComparison.Ordinal);
        Assert.Contains("jusqu'au " + endsOn.ToString("dd/MM/yyyy"), space.TextContent, StringComparison.Ordinal);
        var services = space.QuerySelectorAll("a.service").Select(a => a.GetAttribute("data-service")).Order().ToList();
        Assert.Equal(["agenda", "albums", "blog", "documents", "forum"], services);

        foreach (var service in new[] { "albums", "agenda", "documents", "forum" })
        {
            // Some tiles answer with their page, others send on to the space's own address (the documents' root folder).
            Assert.Contains((await guest.GetAsync($"/classe/{s.ClassA.Id}/{service}")).StatusCode, new[] { HttpStatusCode.OK, HttpStatusCode.Redirect });
        }
        // The blog, once its teacher opened it.
        Assert.Equal(HttpStatusCode.Redirect, (await teacher.GetAsync($"/classe/{s.ClassA.Id}/blog")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await guest.GetAsync($"/classe/{s.ClassA.Id}/blog")).StatusCode);
        // Never the families' and pupils' own services, nor another class, nor the school's spaces.
        foreach (var url in new[] { $"/classe/{s.ClassA.Id}/liaison", $"/classe/{s.ClassA.Id}/cahier-de-textes", $"/classe/{s.ClassA.Id}/annuaire",
                     $"/classe/{s.ClassA.Id}/intervenants", $"/classe/{s.ClassB.Id}/albums", $"/classe/{s.ClassB.Id}/forum", $"/ecole/{s.School.Id}/albums" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await guest.GetAsync(url)).StatusCode);
        }

        // The teacher ends the invitation (begun a few days ago): the class leaves the partner's home page and its
        // services close at once; the page keeps it among the ended ones.
        await app.WithDbAsync(db => db.Memberships.Where(m => m.PersonId == partner.Id && m.ScopeType == ScopeType.Class)
            .ExecuteUpdateAsync(u => u.SetProperty(m => m.StartsOn, Today.AddDays(-3))));
        var ended = await teacher.SubmitAsync($"/classe/{s.ClassA.Id}/intervenants", [], "form[action*='handler=end&']");
        Assert.Equal(HttpStatusCode.Redirect, ended.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await guest.GetAsync($"/classe/{s.ClassA.Id}/albums")).StatusCode);
        var (_, after) = await guest.GetPageAsync("/");
        Assert.DoesNotContain(after.QuerySelectorAll("li.space"), li => li.TextContent.Contains(s.ClassA.Name, StringComparison.Ordinal));
        var (_, told) = await guest.GetPageAsync("/notifications");
        Assert.Contains($"Votre invitation dans la classe {s.ClassA.Name}", UserSession.Text(told), StringComparison.Ordinal);
        var (_, history) = await teacher.GetPageAsync($"/classe/{s.ClassA.Id}/intervenants");
        Assert.NotNull(history.QuerySelector("#ended"));
        Assert.Null(history.QuerySelector("#current table"));
    }

    [DbFact]
    public async Task Only_the_class_teachers_the_director_and_administrators_manage_its_partners()
    {
        var s = await app.NewSchoolAsync();
        var partner = await app.NewPartnerAsync();
        var url = $"/classe/{s.ClassA.Id}/intervenants";
        foreach (var other in new[] { s.TeacherB, s.GuardianA, s.Agent, s.Advisor, partner })
        {
            using var session = await app.SignedInAsync(other);
            Assert.Equal(HttpStatusCode.NotFound, (await session.GetAsync(url)).StatusCode);
        }
        // Another class's teacher cannot post an invitation either (the form's handler checks again).
        using var teacherB = await app.SignedInAsync(s.TeacherB);
        var (_, own) = await teacherB.GetPageAsync($"/classe/{s.ClassB.Id}/intervenants");
        var token = own.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var sneaky = await teacherB.Client.PostAsync(url + "?handler=invite", new FormUrlEncodedContent(
            [F("__RequestVerificationToken", token), F("Invite.PersonId", partner.Id.ToString()), F("Invite.EndsOn", Iso(Today))]));
        Assert.Equal(HttpStatusCode.NotFound, sneaky.StatusCode);
        Assert.False(await app.WithDbAsync(db => db.Memberships.AnyAsync(m => m.PersonId == partner.Id && m.ScopeType == ScopeType.Class)));

        using var director = await app.SignedInAsync(s.Director);
        Assert.Equal(HttpStatusCode.OK, (await director.GetPageAsync(url)).Status);
        // The class's teacher reaches it from the class's space on the home page.
        using var teacherA = await app.SignedInAsync(s.TeacherA);
        var (_, home) = await teacherA.GetPageAsync("/");
        Assert.NotNull(home.QuerySelector($".space .tools a[href='{url}']"));
    }

    [DbFact]
    public async Task An_invitation_never_outlasts_the_partners_account()
    {
        var s = await app.NewSchoolAsync();
        var partner = await app.NewPartnerAsync();
        var accountEnd = Today.AddDays(3);
        await app.WithDbAsync(db => db.Memberships.Where(m => m.PersonId == partner.Id && m.ScopeType == ScopeType.Territory)
            .ExecuteUpdateAsync(u => u.SetProperty(m => m.EndsOn, accountEnd)));
        if (await YearEndAsync(s.ClassA.Id) <= accountEnd)
        {
            return; // the last days of a school year: the year's end comes first
        }
        using var teacher = await app.SignedInAsync(s.TeacherA);
        var refused = await InviteAsync(teacher, s.ClassA.Id, partner, accountEnd.AddDays(1));
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains($"Le compte de ce partenaire se termine le {accountEnd:dd/MM/yyyy}", UserSession.Text(await UserSession.DocumentAsync(refused)), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await InviteAsync(teacher, s.ClassA.Id, partner, accountEnd)).StatusCode);
        var moved = await teacher.SubmitAsync($"/classe/{s.ClassA.Id}/intervenants", [F("endsOn", Iso(accountEnd.AddDays(1)))], "form[action*='handler=endsOn']");
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.Equal(accountEnd, await app.WithDbAsync(db => db.Memberships.Where(m => m.PersonId == partner.Id && m.ScopeType == ScopeType.Class).Select(m => m.EndsOn).SingleAsync()));

        // The partner narrows the directory to the class, where its teacher is.
        using var guest = await app.SignedInAsync(partner);
        var (_, directory) = await guest.GetPageAsync($"/annuaire?dans=c:{s.ClassA.Id}");
        Assert.NotNull(directory.QuerySelector($"option[value='c:{s.ClassA.Id}'][selected]"));
        Assert.Contains($"Test{s.Tag}", directory.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
    }

    [DbFact]
    public async Task An_invitation_needs_a_partner_account_and_an_end_date_within_the_school_year_and_says_so_in_french()
    {
        var s = await app.NewSchoolAsync();
        var partner = await app.NewPartnerAsync();
        using var teacher = await app.SignedInAsync(s.TeacherA);
        var yearEnd = await YearEndAsync(s.ClassA.Id);

        async Task<string> RefusedAsync(HttpResponseMessage response)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return UserSession.Text(await UserSession.DocumentAsync(response));
        }
        Assert.Contains("Indiquez la date de fin de l'intervention", await RefusedAsync(await InviteAsync(teacher, s.ClassA.Id, partner, null)), StringComparison.Ordinal);
        Assert.Contains("La date de fin est déjà passée.", await RefusedAsync(await InviteAsync(teacher, s.ClassA.Id, partner, Today.AddDays(-1))), StringComparison.Ordinal);
        Assert.Contains("ne dépasse pas la fin de l'année scolaire", await RefusedAsync(await InviteAsync(teacher, s.ClassA.Id, partner, yearEnd.AddDays(1))), StringComparison.Ordinal);
        Assert.Contains("La date de fin précède la date de début.",
            await RefusedAsync(await InviteAsync(teacher, s.ClassA.Id, partner, Today.AddDays(1), startsOn: Today.AddDays(2))), StringComparison.Ordinal);
        // A parent is no partner: not found by the search, refused if posted anyway.
        var (_, search) = await teacher.GetPageAsync($"/classe/{s.ClassA.Id}/intervenants?q={s.GuardianA.Login.Split('.')[0]}");
        Assert.Contains("Aucun compte de partenaire ne correspond", UserSession.Text(search), StringComparison.Ordinal);
        Assert.Contains("Choisissez un partenaire dans la liste.",
            await RefusedAsync(await InviteAsync(teacher, s.ClassA.Id, partner, Today, posted: s.GuardianA)), StringComparison.Ordinal);
        Assert.False(await app.WithDbAsync(db => db.Memberships.AnyAsync(m => m.ScopeType == ScopeType.Class && m.ScopeId == s.ClassA.Id && m.Role == Role.Partner)));

        // Invited once, the second invitation is refused and the first one's end moves instead.
        Assert.Equal(HttpStatusCode.Redirect, (await InviteAsync(teacher, s.ClassA.Id, partner, Today)).StatusCode);
        var another = await app.NewPartnerAsync();
        Assert.Contains("déjà invité", await RefusedAsync(await InviteAsync(teacher, s.ClassA.Id, another, Today, posted: partner)), StringComparison.Ordinal);
        var later = new[] { Today.AddDays(10), yearEnd }.Min();
        var moved = await teacher.SubmitAsync($"/classe/{s.ClassA.Id}/intervenants", [F("endsOn", Iso(later))], "form[action*='handler=endsOn']");
        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
        Assert.Equal(later, await app.WithDbAsync(db => db.Memberships.Where(m => m.PersonId == partner.Id && m.ScopeType == ScopeType.Class).Select(m => m.EndsOn).SingleAsync()));
    }

    [DbFact]
    public async Task An_invitation_that_has_not_started_gives_nothing_yet()
    {
        var s = await app.NewSchoolAsync();
        var partner = await app.NewPartnerAsync();
        var yearEnd = await YearEndAsync(s.ClassA.Id);
        if (Today.AddDays(2) > yearEnd)
        {
            return; // the last days of a school year: no later start to try
        }
        using var teacher = await app.SignedInAsync(s.TeacherA);
        Assert.Equal(HttpStatusCode.Redirect, (await InviteAsync(teacher, s.ClassA.Id, partner, yearEnd, startsOn: Today.AddDays(1))).StatusCode);
        var (_, page) = await teacher.GetPageAsync($"/classe/{s.ClassA.Id}/intervenants");
        Assert.NotNull(page.QuerySelector("#upcoming"));
        using var guest = await app.SignedInAsync(partner);
        Assert.Equal(HttpStatusCode.NotFound, (await guest.GetAsync($"/classe/{s.ClassA.Id}/albums")).StatusCode);

        // Withdrawn before it starts, it is gone rather than kept as ended.
        Assert.Equal(HttpStatusCode.Redirect, (await teacher.SubmitAsync($"/classe/{s.ClassA.Id}/intervenants", [], "form[action*='handler=end&']")).StatusCode);
        Assert.False(await app.WithDbAsync(db => db.Memberships.AnyAsync(m => m.PersonId == partner.Id && m.ScopeType == ScopeType.Class)));
    }

    [DbFact]
    public async Task A_partner_writes_to_the_class_teacher_but_not_to_its_pupils_and_their_articles_wait_for_the_teacher()
    {
        var s = await app.NewSchoolAsync();
        var partner = await app.NewPartnerAsync();
        using var teacher = await app.SignedInAsync(s.TeacherA);
        Assert.Equal(HttpStatusCode.Redirect, (await InviteAsync(teacher, s.ClassA.Id, partner, Today)).StatusCode);
        using var guest = await app.SignedInAsync(partner);

        var toTeacher = await guest.SubmitAsync("/messagerie/nouveau",
            [F("Input.Subject", "Séance de lundi " + s.Tag), F("Input.Body", "Je viendrai à 9 h."), F("Input.To", "p:" + s.TeacherA.Id)], "form#compose");
        Assert.Equal(HttpStatusCode.Redirect, toTeacher.StatusCode);
        var toPupil = await guest.SubmitAsync("/messagerie/nouveau",
            [F("Input.Subject", "Bonjour " + s.Tag), F("Input.Body", "Salut"), F("Input.To", "p:" + s.PupilA.Id)], "form#compose");
        Assert.Equal(HttpStatusCode.OK, toPupil.StatusCode);
        Assert.Contains("ne peut être envoyé", UserSession.Text(await UserSession.DocumentAsync(toPupil)), StringComparison.Ordinal);
        var toOtherTeacher = await guest.SubmitAsync("/messagerie/nouveau",
            [F("Input.Subject", "Bonjour " + s.Tag), F("Input.Body", "Salut"), F("Input.To", "p:" + s.TeacherB.Id)], "form#compose");
        Assert.Equal(HttpStatusCode.OK, toOtherTeacher.StatusCode);

        // The blog: the partner's article goes to the teacher, who sees it to validate.
        Assert.Equal(HttpStatusCode.Redirect, (await teacher.GetAsync($"/classe/{s.ClassA.Id}/blog")).StatusCode);
        var blog = (await guest.GetAsync($"/classe/{s.ClassA.Id}/blog")).Headers.Location!.OriginalString;
        var (_, editor) = await guest.GetPageAsync($"{blog}/ecrire");
        Assert.Contains("L'enseignant de la classe relira votre article", UserSession.Text(editor), StringComparison.Ordinal);
        var written = await guest.SubmitAsync($"{blog}/ecrire", [F("Input.Title", "Le cross " + s.Tag), F("Input.Body", "Bravo à tous."), F("Input.Intent", "publish")]);
        Assert.Equal(HttpStatusCode.Redirect, written.StatusCode);
        Assert.Equal(ArticleStatus.Submitted, await app.WithDbAsync(db => db.BlogArticles.Where(a => a.Title == "Le cross " + s.Tag).Select(a => a.Status).SingleAsync()));
    }

    [DbFact]
    public async Task The_teacher_chooses_which_services_an_invitation_opens_and_changes_them_later()
    {
        var s = await app.NewSchoolAsync();
        var partner = await app.NewPartnerAsync();
        using var teacher = await app.SignedInAsync(s.TeacherA);
        var url = $"/classe/{s.ClassA.Id}/intervenants";
        // The form proposes every service of a partner, ticked.
        var (_, form) = await teacher.GetPageAsync($"{url}?q={partner.Login.Split('.')[0]}");
        Assert.Equal(5, form.QuerySelectorAll("#invite-form input[name='Invite.Services'][checked]").Length);
        // None ticked: refused in French, nothing saved.
        var refused = await InviteAsync(teacher, s.ClassA.Id, partner, Today, services: []);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Choisissez au moins un service de la classe", UserSession.Text(await UserSession.DocumentAsync(refused)), StringComparison.Ordinal);
        Assert.False(await app.WithDbAsync(db => db.Memberships.AnyAsync(m => m.PersonId == partner.Id && m.ScopeType == ScopeType.Class)));

        // The agenda and the albums only (and a key that is no service of a partner, ignored).
        Assert.Equal(HttpStatusCode.Redirect, (await InviteAsync(teacher, s.ClassA.Id, partner, Today, services: ["agenda", "albums", "liaison"])).StatusCode);
        using var guest = await app.SignedInAsync(partner);
        var (_, told) = await guest.GetPageAsync("/notifications");
        Assert.Contains("agenda, albums photos", UserSession.Text(told), StringComparison.Ordinal);
        async Task<List<string?>> TilesAsync()
        {
            var (_, home) = await guest.GetPageAsync("/");
            var space = home.QuerySelectorAll("li.space").Single(li => li.TextContent.Contains(s.ClassA.Name, StringComparison.Ordinal));
            return [.. space.QuerySelectorAll("a.service").Select(a => a.GetAttribute("data-service")).Order()];
        }
        Assert.Equal(["agenda", "albums"], await TilesAsync());
        Assert.Equal(HttpStatusCode.OK, (await guest.GetAsync($"/classe/{s.ClassA.Id}/albums")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await teacher.GetAsync($"/classe/{s.ClassA.Id}/blog")).StatusCode);
        foreach (var service in new[] { "blog", "documents", "forum", "liaison" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await guest.GetAsync($"/classe/{s.ClassA.Id}/{service}")).StatusCode);
        }

        // Later, the forum instead of the albums: the partner finds it at their next page, and is told.
        var (_, page) = await teacher.GetPageAsync(url);
        Assert.Contains("Agenda, Albums photos", page.QuerySelector("#current details summary")!.TextContent, StringComparison.Ordinal);
        var changed = await teacher.SubmitFormAsync(page, url, [F("services", "agenda"), F("services", "forum")], "form[action*='handler=services']");
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Equal(["agenda", "forum"], await TilesAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await guest.GetAsync($"/classe/{s.ClassA.Id}/albums")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await guest.GetAsync($"/classe/{s.ClassA.Id}/forum")).StatusCode);
        var (_, toldAgain) = await guest.GetPageAsync("/notifications");
        Assert.Contains("votre invitation ouvre désormais : agenda, forum", UserSession.Text(toldAgain), StringComparison.Ordinal);
        // Another class's teacher posting the change by hand gets 404 and changes nothing.
        using var teacherB = await app.SignedInAsync(s.TeacherB);
        var (_, own) = await teacherB.GetPageAsync($"/classe/{s.ClassB.Id}/intervenants");
        var membershipId = await app.WithDbAsync(db => db.Memberships.Where(m => m.PersonId == partner.Id && m.ScopeType == ScopeType.Class).Select(m => m.Id).SingleAsync());
        var sneaky = await teacherB.Client.PostAsync($"{url}?handler=services&membershipId={membershipId}", new FormUrlEncodedContent(
            [F("__RequestVerificationToken", own.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!), F("services", "documents")]));
        Assert.Equal(HttpStatusCode.NotFound, sneaky.StatusCode);
        // Unticking everything is refused: ending the invitation is the way to close it all.
        var (_, again) = await teacher.GetPageAsync(url);
        var none = await teacher.SubmitFormAsync(again, url, [], "form[action*='handler=services']");
        Assert.Equal(HttpStatusCode.OK, none.StatusCode);
        Assert.Contains("Choisissez au moins un service à ouvrir", UserSession.Text(await UserSession.DocumentAsync(none)), StringComparison.Ordinal);
        Assert.Equal("agenda,forum", await app.WithDbAsync(db => db.Memberships.Where(m => m.PersonId == partner.Id && m.ScopeType == ScopeType.Class).Select(m => m.GuestServices).SingleAsync()));
    }
}
